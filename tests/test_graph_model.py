"""The typed graph: one source of truth for relations, indexed both ways, built only from known ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.diagnostics import RecordError
from generator.graph import Graph
from generator.pipeline import Project, check

from .conftest import MINI_SOURCES, ROOT


@pytest.fixture(scope="module")
def mini():
    return check(Project(MINI_SOURCES.parent))


@pytest.fixture(scope="module")
def real():
    return check(Project(ROOT))


@pytest.mark.parametrize("which", ["mini", "real"])
def test_every_edge_is_found_from_both_ends(request, which):
    site = request.getfixturevalue(which)
    graph = site.graph
    for edge in graph.edges:
        assert edge in graph.outgoing(edge.source, edge.type)
        assert edge in graph.incoming(edge.target, edge.type)
    assert sum(len(graph.outgoing(r)) for r in graph.nodes.values()) == len(graph.edges)
    assert sum(len(graph.incoming(r)) for r in graph.nodes.values()) == len(graph.edges)


@pytest.mark.parametrize("which", ["mini", "real"])
def test_neighbours_are_symmetric(request, which):
    site = request.getfixturevalue(which)
    graph = site.graph
    for record in graph.nodes.values():
        for other in graph.neighbours(record):
            assert record.id in {n.id for n in graph.neighbours(other)}, (record.id, other.id)


def test_a_reference_that_cites_a_case_is_in_the_cases_cited_by(mini):
    graph = mini.graph
    news, case = mini.references["ref-secondary"], mini.case_studies["studio-face-swap"]
    assert case in [e.target for e in graph.outgoing(news, "about")]
    assert news in [e.source for e in graph.incoming(case, "about")]


def test_an_unknown_record_cannot_be_an_edge_end(mini):
    graph = Graph()
    known, stranger = mini.references["ref-primary"], mini.references["ref-weak"]
    graph.add_node(known)
    with pytest.raises(KeyError, match="ref-weak"):
        graph.add_edge(known, stranger, "cites")
    assert graph.edges == []


def test_an_unknown_edge_type_is_refused(mini):
    graph = Graph()
    record = mini.references["ref-primary"]
    graph.add_node(record)
    with pytest.raises(ValueError, match="unknown edge type"):
        graph.add_edge(record, record, "likes")


def test_a_record_citing_an_unknown_id_stops_the_build_before_any_edge(tmp_path: Path):
    sources = tmp_path / "sources"
    shutil.copytree(MINI_SOURCES, sources)
    weak = sources / "references" / "ref-weak.yaml"
    weak.write_text(weak.read_text(encoding="utf-8") + "cites: [no-such-record]\n", encoding="utf-8")
    with pytest.raises(RecordError) as raised:
        check(Project(tmp_path))
    messages = [str(d) for d in raised.value.diagnostics]
    assert any("ref-weak.yaml" in m and "no-such-record" in m for m in messages), messages


def test_neighbourhood_adds_a_second_hop_only_while_small(mini):
    graph = mini.graph
    case = mini.case_studies["studio-face-swap"]
    one_hop = {r.id for r in graph.neighbours(case)} | {case.id}
    records, left_out = graph.neighbourhood(case, limit=100, small=len(one_hop))
    assert {r.id for r in records} == one_hop and left_out == 0
    records, _ = graph.neighbourhood(case, limit=100, small=1000)
    assert {r.id for r in records} > one_hop
    assert records[0] is case


def test_neighbourhood_of_a_hub_keeps_its_most_cited_neighbours(real):
    graph = real.graph
    hub = max(graph.nodes.values(), key=lambda r: len(graph.neighbours(r)))
    records, left_out = graph.neighbourhood(hub, limit=5, small=5)
    assert len(records) == 5 and records[0] is hub
    assert left_out == len(graph.neighbours(hub)) - 4
    kept = [graph.cited_by_count(r) for r in records[1:]]
    dropped = [graph.cited_by_count(r) for r in graph.neighbours(hub) if r not in records]
    assert min(kept) >= max(dropped)


def test_edges_among_keeps_only_edges_inside_the_set(mini):
    graph = mini.graph
    chosen = [mini.references["ref-primary"], mini.references["ref-secondary"]]
    edges = graph.edges_among(chosen)
    assert {(e.source.id, e.type, e.target.id) for e in edges} == {("ref-primary", "cites", "ref-secondary"), ("ref-secondary", "cites", "ref-primary")}


def test_neighbourhood_cuts_a_big_second_hop_to_partial_and_never_calls_a_left_out_neighbour_two_links_away(real):
    graph = real.graph
    case = next(c for c in sorted(real.case_studies.values(), key=lambda c: c.id))
    near = {r.id for r in graph.neighbours(case)} | {case.id}
    whole, _ = graph.neighbourhood(case, limit=100, small=len(near) + 1)
    assert {r.id for r in whole} == near  # the second hop does not fit: without `partial` it is left out
    records, _ = graph.neighbourhood(case, limit=100, small=len(near) + 1, partial=3)
    assert records[: len(whole)] == whole
    assert len([r for r in records if r.id not in near]) == 3  # with it, cut to three records
    hub = max(graph.nodes.values(), key=lambda r: len(graph.neighbours(r)))
    records, left_out = graph.neighbourhood(hub, limit=5, small=5, partial=10)
    assert left_out > 0 and len(records) > 5
    every_neighbour = {r.id for r in graph.neighbours(hub)}
    assert not any(r.id in every_neighbour for r in records[5:])  # a neighbour left out is not drawn as two links away
