"""The drawing: a golden SVG for a tiny hand-built graph, the layout's determinism, and escaping of record text.

Set SMF_UPDATE_GOLDEN=1 to accept a deliberate change to the golden SVG.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.graph import NODE_KINDS
from generator.render.drawing.layout import force_layout
from generator.kinds import GRAPH_KINDS
from generator.render.drawing.graph_svg import SHAPES, DrawEdge, DrawNode, Drawing, render_svg

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "graph-tiny.svg"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _node(id: str, kind: str, title: str, cited: int, current: bool = False) -> DrawNode:
    return DrawNode(id, kind, f"{title} ({kind})", title, f"../{id}/", cited, (-cited, id), current)


TINY = Drawing(
    dom_id="tiny",
    title="A tiny graph",
    description="Four records & three kinds of link.",
    nodes=(
        _node("frame", "framework", "The Framework", 3),
        _node("case", "case-study", 'A case <script>alert("x")</script> & more', 0, current=True),
        _node("org", "organization", "Org & Sons", 1),
        _node("ref", "reference", "A report", 2),
    ),
    edges=(
        DrawEdge("case", "org", "by", "case is by Org & Sons"),
        DrawEdge("org", "frame", "supports", "Org supports the framework"),
        DrawEdge("ref", "frame", "about", "A report is about the framework"),
        DrawEdge("ref", "case", "cites", "A report cites the case"),
        DrawEdge("case", "ref", "sourced-from", "The case is sourced from a report"),
    ),
    label_limit=10,
)


def _tiny_svg() -> str:
    positions = force_layout([n.id for n in TINY.nodes], [(e.source, e.target) for e in TINY.edges], pinned={"case": (0.0, 0.0)})
    return render_svg(TINY, positions, 90.0) + "\n"


def test_tiny_graph_matches_golden_svg():
    svg = _tiny_svg()
    if os.environ.get("SMF_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(svg, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == svg


def test_svg_is_well_formed_xml_with_title_description_and_one_link_per_node():
    root = ET.fromstring(_tiny_svg())
    assert root.get("aria-labelledby") == "tiny-title" and root.get("aria-describedby") == "tiny-desc"
    assert root.find(f"{SVG}title").text == "A tiny graph"
    assert root.find(f"{SVG}desc").text == "Four records & three kinds of link."
    links = root.findall(f".//{SVG}a")
    assert [a.get(XLINK) for a in links] == ["../frame/", "../case/", "../org/", "../ref/"]
    assert all(a.find(f"{SVG}title") is not None for a in links)


def test_every_edge_shows_its_type_on_hover():
    root = ET.fromstring(_tiny_svg())
    paths = root.findall(f".//{SVG}path[@data-type]")
    assert [p.get("data-type") for p in paths] == [e.type for e in TINY.edges]
    assert all(p.find(f"{SVG}title").text for p in paths)


def test_record_text_in_the_svg_is_escaped():
    svg = _tiny_svg()
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "Org &amp; Sons" in svg


def test_two_edges_between_the_same_records_bow_apart():
    root = ET.fromstring(_tiny_svg())
    shapes = {p.get("data-type"): p.get("d") for p in root.findall(f".//{SVG}path[@data-type]")}
    assert "Q" in shapes["cites"] and "Q" in shapes["sourced-from"] and shapes["cites"] != shapes["sourced-from"]
    assert "Q" not in shapes["by"]


def test_the_current_record_is_marked():
    root = ET.fromstring(_tiny_svg())
    current = [a for a in root.findall(f".//{SVG}a") if "is-current" in a.get("class")]
    assert [a.get(XLINK) for a in current] == ["../case/"] and current[0].get("aria-current") == "page"


def test_layout_is_the_same_on_every_run_and_ignores_edge_order():
    nodes = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{(i * 7 + 3) % 40}") for i in range(40)]
    first = force_layout(nodes, edges)
    assert force_layout(nodes, list(reversed(edges))) == first
    assert force_layout(nodes, edges, seed="other") != first


def test_layout_keeps_pinned_nodes_and_parts_every_pair():
    nodes = [f"n{i}" for i in range(30)]
    positions = force_layout(nodes, [("n0", f"n{i}") for i in range(1, 30)], pinned={"n0": (0.0, 0.0)})
    assert positions["n0"] == (0.0, 0.0)
    points = list(positions.values())
    closest = min((ax - bx) ** 2 + (ay - by) ** 2 for k, (ax, ay) in enumerate(points) for bx, by in points[k + 1 :])
    assert closest > 0.01


def test_large_graphs_use_the_grid_and_stay_spread_out():
    # Past EXACT_LIMIT the far field is approximated; the result must still not collapse into a ball.
    nodes = [f"n{i}" for i in range(400)]
    edges = [(f"n{i}", f"n{(i * 37 + 11) % 400}") for i in range(400)]
    positions = force_layout(nodes, edges, iterations=30)
    xs = [x for x, _ in positions.values()]
    assert max(xs) - min(xs) > 10
    assert force_layout(nodes, edges, iterations=30) == positions


def test_every_kind_of_record_has_a_shape_and_a_legend_label():
    assert set(SHAPES) == set(NODE_KINDS) == {k.name for k in GRAPH_KINDS}
    outlines = [SHAPES[kind] for kind in NODE_KINDS]
    assert len(set(outlines)) == len(outlines)  # colour is never the only cue
