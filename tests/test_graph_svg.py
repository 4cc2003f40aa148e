"""The drawing: a golden SVG for a tiny hand-built graph, the layouts, labels that never collide, and escaping of record text.

Set SMF_UPDATE_GOLDEN=1 to accept a deliberate change to the golden SVG.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.graph import NODE_KINDS
import re
from itertools import pairwise

from generator.graph import EDGE_TYPES
from generator.kinds import GRAPH_KINDS
from generator.render.drawing.layout import ROW, column_positions, crossings, ordered_columns, tree_positions
from generator.render.drawing.graph_svg import FONT, SHAPES, DrawEdge, DrawNode, Drawing, render_svg, text_width

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
    positions = column_positions([["frame"], ["org", "ref"], ["case"]], [160.0, 180.0, 260.0], 10.0)
    return render_svg(TINY, positions) + "\n"


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


def test_two_edges_between_the_same_records_run_apart():
    root = ET.fromstring(_tiny_svg())
    shapes = {p.get("data-type"): p.get("d") for p in root.findall(f".//{SVG}path[@data-type]")}
    assert shapes["cites"] != shapes["sourced-from"]
    # Between neighbouring columns an edge leaves level and arrives level: an S-curve.
    assert re.fullmatch(r"M[\d.]+ [\d.]+C[\d. ]+", shapes["by"])


def test_the_current_record_is_marked():
    root = ET.fromstring(_tiny_svg())
    current = [a for a in root.findall(f".//{SVG}a") if "is-current" in a.get("class")]
    assert [a.get(XLINK) for a in current] == ["../case/"] and current[0].get("aria-current") == "page"


def test_every_kind_of_record_has_a_shape_and_a_legend_label():
    assert set(SHAPES) == set(NODE_KINDS) == {k.name for k in GRAPH_KINDS}
    outlines = [SHAPES[kind] for kind in NODE_KINDS]
    assert len(set(outlines)) == len(outlines)  # colour is never the only cue


def test_every_kind_of_link_has_its_own_dash_pattern():
    css = (Path(__file__).parent.parent / "overrides" / "assets" / "stylesheets" / "graph.css").read_text(encoding="utf-8")
    dashes = dict(re.findall(r"\.smf-e--([a-z-]+) \{ stroke-dasharray: ([^;]+); \}", css))
    assert set(dashes) == set(EDGE_TYPES)
    assert len(set(dashes.values())) == len(dashes)


# --- layouts ---------------------------------------------------------------------------------------


def _crossing_example():
    columns = [["a", "b", "c"], ["x", "y", "z"], ["p", "q"]]
    edges = [("a", "z"), ("b", "y"), ("c", "x"), ("x", "q"), ("z", "p")]
    return columns, edges


def test_crossings_are_counted_between_neighbouring_columns():
    columns, edges = _crossing_example()
    assert crossings(columns, edges) == 3 + 1
    assert crossings([["a", "b"], ["x", "y"]], [("a", "x"), ("b", "y")]) == 0
    assert crossings([["a"], ["x"], ["p"]], [("a", "p")]) == 0  # an edge that skips a column is not counted


def test_ordering_the_columns_removes_avoidable_crossings_and_is_deterministic():
    columns, edges = _crossing_example()
    ordered = ordered_columns(columns, edges)
    assert crossings(ordered, edges) == 0
    assert ordered_columns(columns, list(reversed(edges))) == ordered
    assert [sorted(c) for c in ordered] == [sorted(c) for c in columns]  # same records, same columns


def test_columns_and_trees_give_every_record_a_row_of_its_own():
    positions = column_positions([["a"], ["x", "y", "z"]], [100.0, 100.0], 10.0)
    assert positions["a"] == (10.0, ROW) and positions["y"] == (110.0, ROW)  # the short column is centred
    tree = tree_positions("c", [["r1", "r2"], ["o1"]], ["far"], 200.0)
    assert tree["c"] == (0.0, 0.0)
    ys = sorted(y for x, y in tree.values() if x == 40.0)
    assert all(b - a >= ROW for a, b in pairwise(ys)) and tree["far"][0] == 240.0


# --- labels ----------------------------------------------------------------------------------------


def _label_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    """Every drawn label's box, worked out as the drawing does (an upper bound on what a browser draws)."""
    boxes = []
    for x, y, anchor, text in re.findall(r'<text class="smf-l" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">(.*?)</text>', svg):
        text = re.sub(r"<[^>]+>", "", text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        width = text_width(text)
        left = float(x) if anchor == "start" else float(x) - width if anchor == "end" else float(x) - width / 2
        boxes.append((left, float(y) - FONT * 0.95, left + width, float(y) + FONT * 0.28))
    return boxes


def test_labels_never_overlap_and_stay_inside_the_drawing_even_when_crowded():
    # 30 records on one spot: only one label fits; the others are left out rather than drawn over it.
    nodes = tuple(_node(f"n{i}", "reference", f"A rather long reference title {i}", i) for i in range(30))
    crowded = Drawing("crowd", "Crowd", "Crowded.", nodes, (), label_limit=30)
    svg = render_svg(crowded, {n.id: (0.0, (i % 3) * 4.0) for i, n in enumerate(nodes)})
    boxes = _label_boxes(svg)
    assert 1 <= len(boxes) < 30
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    assert all(left >= 0 and right <= width and top >= 0 and bottom <= height for left, top, right, bottom in boxes)


def test_labels_are_measured_generously():
    assert text_width("WITNESS") > 7 * FONT * 0.6
    assert text_width("iiii") < text_width("MMMM")
    assert text_width("Ærøskøbing") > text_width("Aroskobing")  # letters outside the table count as wide


def test_records_hidden_at_first_are_outside_the_first_view_and_never_cover_a_visible_label():
    nodes = (
        _node("c", "case-study", "The case", 1, current=True),
        _node("o", "organization", "Near organization", 2),
        DrawNode("f", "reference", "Far (reference)", "Far reference", "../f/", 0, (0, "f"), hidden="far"),
    )
    drawing = Drawing("hop", "Hop", "Two hops.", nodes, (DrawEdge("c", "o", "by", "c is by o"), DrawEdge("f", "o", "cites", "f cites o")), 10, ("right",))
    svg = render_svg(drawing, tree_positions("c", [["o"]], ["f"], 180.0))
    root = ET.fromstring(svg)
    view = [float(v) for v in root.get("viewBox").split()]
    full = [float(v) for v in root.get("data-full").split()]
    assert view[2] < full[2] and root.get("width") == root.get("viewBox").split()[2]
    far = [a for a in root.findall(f".//{SVG}a") if "is-far" in a.get("class")]
    assert len(far) == 1 and "is-far" in root.find(f".//{SVG}path[@data-type='cites']").get("class")
    assert len(_label_boxes(svg)) == 3
