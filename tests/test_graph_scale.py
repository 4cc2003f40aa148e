"""/graph/ on a big site: drawn in summary (caps, case studies counted per organization, the strongest links of each
summary node), still without a label collision, and small enough to load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.synth import make_project
from generator.graph import EDGE_TYPES
from generator.pipeline import Project, check
from generator.render.pages import graph_page

from .conftest import ROOT
from .test_graph_svg import _label_boxes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    target = tmp_path_factory.mktemp("graph-scale")
    make_project(ROOT, target, 300)
    return check(Project(Path(target)))


def test_a_big_site_is_drawn_in_summary_within_the_caps(big_site):
    whole = graph_page._Whole(big_site)
    assert whole.aggregated
    by_kind: dict[str, int] = {}
    for node in whole.nodes.values():
        by_kind[node.kind] = by_kind.get(node.kind, 0) + 1
    for kind, cap in graph_page.CAPS.items():
        if kind != "case-study":
            assert by_kind.get(kind, 0) <= cap + 1, kind  # the cap, and one "N more" node
    # Case studies: one node per drawn organization, linking to the case-study list filtered by it.
    cases = [n for n in whole.nodes.values() if n.kind == "case-study"]
    assert cases and all(n.id.startswith("cases:") for n in cases)
    assert sum(int(re.match(r"[\d,]+", n.label).group().replace(",", "")) for n in cases) == len(big_site.case_studies)
    assert any(n.href.startswith("../case-studies/?org=") for n in cases)
    # A summary node draws only its strongest links of each kind.
    per: dict[tuple[str, str], int] = {}
    for edge in whole.edges:
        assert edge.type in EDGE_TYPES
        summary = edge.source if graph_page._is_summary(edge.source) else edge.target if graph_page._is_summary(edge.target) else None
        if summary:
            per[(summary, edge.type)] = per.get((summary, edge.type), 0) + 1
    assert per and max(per.values()) == graph_page.AGGREGATE_LINKS


def test_the_summary_orders_columns_to_cross_fewer_links(big_site):
    _, _, measures = graph_page.whole_layout(graph_page._Whole(big_site))
    assert measures["crossings"] < measures["crossings_unordered"]


def test_the_summary_page_is_light_and_its_labels_never_collide(big_site):
    page = graph_page.render_graph_page(big_site)
    assert len(page.encode()) < 300_000
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    boxes = _label_boxes(svg)
    assert len(boxes) > 50
    boxes.sort()
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            if b[0] >= a[2]:
                break
            assert not (a[1] < b[3] and b[1] < a[3]), (a, b)
    assert "case studies by" in page and "more references" in page
