"""/data/graph.json and /data/graph.graphml: they parse, and hold exactly the graph's nodes and edges."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.pipeline import Project, check
from generator.render.downloads.graph_exports import graph_graphml, graph_json

from .conftest import MINI_SOURCES
from .graph_synthetic import write_synthetic_sources

G = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def mini():
    return check(Project(MINI_SOURCES.parent))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    # Titles with <script> and & in them, from the synthetic generator.
    root = tmp_path_factory.mktemp("synthetic")
    write_synthetic_sources(root / "sources", 60)
    return check(Project(root))


def test_json_export_has_every_node_and_typed_edge_with_evidence(mini):
    data = json.loads(graph_json(mini))
    graph = mini.graph
    assert len(data["nodes"]) == len(graph.nodes) and len(data["edges"]) == len(graph.edges)
    ids = {n["id"] for n in data["nodes"]}
    assert ids == set(graph.nodes)
    assert all(e["source"] in ids and e["target"] in ids and e["type"] in data["edge_types"] for e in data["edges"])
    noted = [e for e in data["edges"] if e["source"] == "studio-face-swap" and e["type"] == "sourced-from" and e["target"] == "ref-secondary"]
    assert noted[0]["evidence"] == [{"reference": "ref-secondary", "note": "Reports the broadcast date."}]


def test_graphml_export_parses_with_the_standard_library_and_counts_match(mini):
    root = ET.fromstring(graph_graphml(mini).encode("utf-8"))
    graph = root.find(f"{G}graph")
    nodes, edges = graph.findall(f"{G}node"), graph.findall(f"{G}edge")
    assert len(nodes) == len(mini.graph.nodes) and len(edges) == len(mini.graph.edges)
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    keys = {k.get("id") for k in root.findall(f"{G}key")}
    assert {d.get("key") for d in root.iter(f"{G}data")} <= keys


def test_exports_keep_record_text_intact_and_json_never_contains_a_raw_angle_bracket(synthetic):
    text = graph_json(synthetic)
    assert "<" not in text
    titles = {n["title"] for n in json.loads(text)["nodes"]}
    assert any("<script>" in t and "&" in t for t in titles)
    root = ET.fromstring(graph_graphml(synthetic).encode("utf-8"))
    labels = {d.text for d in root.iter(f"{G}data") if d.get("key") == "n_label"}
    assert titles == labels


def test_exports_are_identical_from_one_load_to_the_next(mini):
    again = check(Project(MINI_SOURCES.parent))
    assert graph_json(again) == graph_json(mini)
    assert graph_graphml(again) == graph_graphml(mini)


def test_built_site_serves_both_exports(mini_site: Path):
    data = json.loads((mini_site / "data" / "graph.json").read_text(encoding="utf-8"))
    root = ET.parse(mini_site / "data" / "graph.graphml").getroot()
    assert len(root.find(f"{G}graph").findall(f"{G}node")) == len(data["nodes"])
