"""Each record page's neighbourhood in the citation graph: a small tree (the record, the records one link away, and,
hidden until the reader widens it, some two links away) and the same links as text."""

from __future__ import annotations

from dataclasses import dataclass

from ...graph import NODE_KINDS, Edge, edge_order
from ...memo import record_slot, remembered
from ...model import AnyRecord, Site
from ...trace import ask, site_question, untraced
from ... import urls
from ..drawing.graph_figure import draw_edge, draw_node, graph_figure, record_label, text_alternative
from ..drawing.graph_svg import Drawing, label_text, radius, render_svg, text_width
from ..drawing.layout import GAP, tree_positions
from .graph_page import PAGE

LOCAL_LIMIT = 40  # most records drawn around a hub
LOCAL_SMALL = 20  # a second hop is drawn whole (hidden until asked for) while the whole stays this small...
LOCAL_FAR = 6  # ...else only its first LOCAL_FAR records


def local_graph_section(site: Site, record: AnyRecord, page: str) -> str:
    """Markdown for a record page: its neighbourhood one link away, and (hidden until the reader widens it) two links away."""
    plan = ask(site, neighbourhood_plan, record, page)
    if plan is None:
        return ""
    # The drawing is made from `plan.inputs` alone: what it reads of the Site is noted already.
    whole = untraced(site)
    return remembered(record_slot("neighbourhood", record), plan.inputs, lambda: _drawn_section(whole, record, page, plan))


@dataclass(frozen=True)
class NeighbourhoodPlan:
    """What a record's neighbourhood drawing shows, and `inputs`: everything the drawing is made from,
    so that a later build can reuse it while none of it changes."""

    records: list[AnyRecord]
    left_out: int
    near: set[str]
    edges: list[Edge]
    inputs: tuple
    reads: tuple[tuple[str, ...], tuple[str, ...]]  # what it is made from (trace.py): links read, records shown

    def __fingerprint__(self) -> tuple:
        return self.inputs


@site_question
def neighbourhood_plan(site: Site, record: AnyRecord, page: str) -> NeighbourhoodPlan | None:
    graph = site.graph
    with graph.reading() as links_read:
        records, left_out = graph.neighbourhood(record, LOCAL_LIMIT, LOCAL_SMALL, partial=LOCAL_FAR)
        if len(records) < 2:
            return None
        near = {n.id for n in graph.neighbours(record)} | {record.id}
        # Links between two records both two links away are left out: the second hop shows how the
        # record's neighbours lead on, and those links would only tangle it.
        edges = sorted((e for e in graph.edges_among(records) if e.source.id in near or e.target.id in near), key=edge_order)
    memo = graph.node_memo
    drawn = []
    for r in records:
        facts = memo.get(("drawn", r.id))
        if facts is None:
            facts = memo["drawn", r.id] = repr((r.kind, r.id, r.title, record_label(r), graph.cited_by_count(r), graph.degree(r), urls.url_of(r)))
        drawn.append(facts + ("+" if r.id in near else "-"))
    # What each record shows, as text: the repr of each one's facts (a whole literal, so the joined
    # text says where each ends), worked out once a build for all the drawings it is in.
    inputs = (page, record.kind, record.id, left_out, "".join(drawn), tuple((e.type, e.source.id, e.target.id) for e in edges))
    # The plan is made from the links it read and, for each record it shows, its fields and its
    # counts of links (read once a build into `memo`, so named here rather than left to `reading`).
    shown = tuple(r.id for r in records)
    return NeighbourhoodPlan(records, left_out, near, edges, inputs, (tuple(links_read.union(shown)), shown))


def _drawn_section(site: Site, record: AnyRecord, page: str, plan: NeighbourhoodPlan) -> str:
    records, left_out, near, edges = plan.records, plan.left_out, plan.near, plan.edges
    dom_id = f"smf-graph-{record.kind}-{record.id}"
    name = record_label(record)
    first = [r for r in records if r is not record and r.id in near]
    far = [r for r in records if r.id not in near]
    groups = [[r.id for r in first if r.kind == kind] for kind in NODE_KINDS]
    groups = [g for g in groups if g]
    row = {node: i for i, node in enumerate(n for g in groups for n in g)}
    parent: dict[str, int] = {}
    for edge in edges:
        for a, b in ((edge.source.id, edge.target.id), (edge.target.id, edge.source.id)):
            if a in row and b not in near:
                parent[b] = min(parent.get(b, len(row)), row[a])
    second = sorted((r.id for r in far), key=lambda node: (parent.get(node, len(row)), node))
    nodes = tuple(draw_node(site, r, page, current=r is record, hidden="" if r.id in near else "far") for r in records)
    drawn = {n.id: n for n in nodes}
    first_width = max((radius(drawn[i].cited) + 4 + text_width(label_text(drawn[i])) for g in groups for i in g), default=0.0) + GAP
    one_hop = sum(1 for e in edges if e.source.id in near and e.target.id in near)
    drawing = Drawing(
        dom_id=dom_id,
        title=f"Neighbourhood of {name}",
        description=f"{name} (highlighted, at the top) and the {len(first)} records one link away from it, joined by {one_hop} links"
        + (f"; {len(far)} records two links away can be shown too" if far else "")
        + ". The same links are listed as text below the drawing.",
        nodes=nodes,
        edges=tuple(draw_edge(e) for e in edges),
        label_limit=len(nodes),
        label_sides=("right",),
    )
    positions = tree_positions(record.id, groups, second, first_width)
    # A recommendation shares its page with the others of its group: its section sits one level down,
    # with an anchor of its own.
    if record.kind == "recommendation":
        heading = f"### Neighbourhood in the citation graph {{#{record.id}-neighbourhood}}\n\n"
    else:
        heading = "## Neighbourhood in the citation graph\n\n"
    intro = (
        f"Records one link away from this one in the [citation graph]({urls.relative(page, PAGE)})"
        + (f"; {left_out} less-cited neighbours are left out of the drawing" if left_out else "")
        + ". Select a shape or a name to open that record."
        + (" With JavaScript, the drawing can also show the records two links away." if far else "")
        + "\n\n"
    )
    figure = graph_figure(drawing, render_svg(drawing, positions), records, edges)
    near_edges = [e for e in edges if e.source.id in near and e.target.id in near]
    return heading + intro + figure + "\n\n" + text_alternative(near_edges, page, dom_id, record, far) + "\n\n"
