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


# -- what a reader of the graph read (Graph.reading), for pages kept without asking again ------------

from dataclasses import dataclass  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.graph import Edge, edge_order  # noqa: E402


@dataclass(frozen=True)
class _Node:
    id: str
    kind: str = "reference"


def _graph(size: int, links: list[tuple[int, int]]) -> Graph:
    graph: Graph = Graph()
    nodes = [_Node(f"n{i:02d}") for i in range(size)]
    for node in nodes:
        graph.add_node(node)
    for source, target in links:
        if source != target:
            graph.add_edge(nodes[source], nodes[target], "cites")
    return graph


def _plan(graph: Graph, centre: str) -> tuple:
    """What a neighbourhood drawing takes from the graph (render/pages/neighbourhood.py): the records,
    how many were left out, the links among them, and each record's counts."""
    record = graph.nodes[centre]
    records, left_out = graph.neighbourhood(record, 4, 7, partial=2)
    near = {n.id for n in graph.neighbours(record)}
    edges = sorted(graph.edges_among(records), key=edge_order)
    return (
        [(r.id, graph.cited_by_count(r), graph.degree(r)) for r in records],
        left_out,
        sorted(near),
        [(e.source.id, e.type, e.target.id) for e in edges],
    )


_LINKS = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(links=_LINKS, centre=st.integers(0, 11), extra=st.tuples(st.integers(0, 11), st.integers(0, 11)), drop=st.integers(0, 60))
def test_a_drawing_is_the_same_while_every_node_whose_links_it_read_has_the_same_links(links, centre, extra, drop):
    """Graph.reading names each node whose links were read: a change of links elsewhere (a link added
    or removed between nodes it did not name) gives the same drawing; a change that gives another
    drawing changed the links of a node it named."""
    before = _graph(12, links)
    with before.reading() as read:
        plan = _plan(before, f"n{centre:02d}")
    changed_links = [link for number, link in enumerate(links) if number != drop] + [extra]
    after = _graph(12, changed_links)
    changed = {node for node in before.nodes if before.link_signature(node) != after.link_signature(node)}
    if _plan(after, f"n{centre:02d}") != plan:
        assert changed & read


@pytest.mark.parametrize(
    "read",
    [
        lambda graph, node: graph.degree(node),
        lambda graph, node: graph.cited_by_count(node),
        lambda graph, node: graph.neighbours(node),
        lambda graph, node: graph.incoming(node),
        lambda graph, node: graph.outgoing(node),
        lambda graph, node: graph.edges_among([node]),
        lambda graph, node: graph.neighbourhood(node, 1, 1),
    ],
    ids=["degree", "cited_by_count", "neighbours", "incoming", "outgoing", "edges_among", "neighbourhood"],
)
def test_each_way_of_reading_a_nodes_links_names_it(read):
    graph = _graph(3, [(0, 1), (1, 2)])
    graph.neighbours(graph.nodes["n01"])  # answers kept from before the block are named too
    graph.cited_by_count(graph.nodes["n01"])
    with graph.reading() as names:
        read(graph, graph.nodes["n01"])
    assert "n01" in names


def test_reading_nests():
    graph = _graph(5, [(0, 1), (1, 2), (2, 3), (3, 4)])
    nodes = graph.nodes
    with graph.reading() as outer:
        graph.degree(nodes["n00"])
        with graph.reading() as inner:
            graph.incoming(nodes["n02"])
            graph.edges_among([nodes["n03"], nodes["n04"]])
        assert inner == {"n02", "n03", "n04"}
    assert outer == {"n00", "n02", "n03", "n04"}
    assert graph._read is None
    assert graph.link_signature("n01") == ((("cites", "n02"),), (("cites", "n00"),))
    assert graph.link_signature("gone") is None
    assert isinstance(graph.outgoing(nodes["n00"])[0], Edge)
