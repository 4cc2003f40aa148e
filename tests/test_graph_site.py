"""The graphs in the built site: links that resolve, text alternatives, search stays clean, builds are repeatable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import MINI_SOURCES, ROOT, make_project
from .site_links import _resolve

pytestmark = pytest.mark.slow


class _GraphLinks(HTMLParser):
    """The links inside each graph figure's SVG, and every id on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.figures = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "svg" and "smf-graph__svg" in (attributes.get("class") or ""):
            self.depth, self.figures = 1, self.figures + 1
        elif self.depth and tag == "a":
            self.links.append(attributes.get("xlink:href") or attributes.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth = 0


def _graph_links(page: Path) -> _GraphLinks:
    parser = _GraphLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _broken(site: Path, page: Path, links: list[str]) -> list[str]:
    broken = []
    for link in links:
        parts = urlsplit(link)
        target = _resolve(site, page, unquote(parts.path))
        if target is None:
            broken.append(f"{link}: no such page")
        elif parts.fragment and parts.fragment not in _graph_links(target).ids:
            broken.append(f"{link}: no element with id {parts.fragment!r}")
    return broken


@pytest.mark.parametrize("which", ["mini_site", "real_site"])
def test_every_node_of_the_whole_graph_links_to_an_existing_page(which, request):
    site = request.getfixturevalue(which)
    page = site / "graph" / "index.html"
    found = _graph_links(page)
    data = json.loads((site / "data" / "graph.json").read_text(encoding="utf-8"))
    assert found.figures == 1 and len(found.links) == len(data["nodes"])
    assert _broken(site, page, found.links) == []


def test_every_node_of_every_neighbourhood_graph_links_to_an_existing_page(mini_site: Path):
    checked = 0
    for page in mini_site.rglob("index.html"):
        found = _graph_links(page)
        assert _broken(mini_site, page, found.links) == [], page
        checked += len(found.links)
    assert checked > 50


def test_record_pages_draw_their_neighbourhood_with_the_record_highlighted(mini_site: Path):
    html = (mini_site / "case-studies" / "studio-face-swap" / "index.html").read_text(encoding="utf-8")
    assert 'id="smf-graph-case-study-studio-face-swap"' in html
    current = re.findall(r'<a class="smf-n smf-n--case-study is-current"[^>]*xlink:href="([^"]*)"', html)
    assert current == ["./"]
    stakeholder = (mini_site / "recommendations" / "creators" / "index.html").read_text(encoding="utf-8")
    assert stakeholder.count('class="smf-graph"') == len(re.findall(r'<h2 id="creators-', stakeholder))
    assert 'id="creators-disclose-neighbourhood"' in stakeholder


def test_each_graph_has_a_text_alternative_with_its_links_by_type(mini_site: Path):
    html = (mini_site / "graph" / "index.html").read_text(encoding="utf-8")
    data = json.loads((mini_site / "data" / "graph.json").read_text(encoding="utf-8"))
    details = html[html.index('<details class="smf-graph__text"') : html.index("</details>")]
    assert f"The same {len(data['edges'])} links as text, by type" in details
    assert "<strong>Cites</strong>" in details and "<strong>Is sourced from</strong>" in details
    for page in (mini_site / "case-studies").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        assert text.count('class="smf-graph"') == text.count('class="smf-graph__text"'), page


def test_graph_figures_and_text_alternatives_stay_out_of_search(mini_site: Path):
    index = json.loads((mini_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "is sourced from:" not in text and "Shape and colour show" not in text and "links as text, by type" not in text
    # ...while the rest of the graph page is still found.
    assert any(doc["location"] == "graph/#most-cited" for doc in index["docs"])


def test_two_builds_give_byte_identical_graphs(tmp_path: Path):
    """Two separate processes with different hash seeds: no set or dict order leaks into the drawing."""
    outputs = []
    for seed in ("1", "2"):
        project = make_project(tmp_path / seed, MINI_SOURCES)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project.root), "build", "--no-engine"], check=True, env=env, cwd=ROOT, capture_output=True)
        docs = project.docs
        outputs.append({path: (docs / path).read_text(encoding="utf-8") for path in ("graph.md", "data/graph.json", "data/graph.graphml", "case-studies/studio-face-swap.md")})
    assert outputs[0] == outputs[1]
    assert "<svg" in outputs[0]["graph.md"] and "<svg" in outputs[0]["case-studies/studio-face-swap.md"]
