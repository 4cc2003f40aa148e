"""Each record page's neighbourhood in the citation graph: a small radial drawing and the same links as text."""

from __future__ import annotations

from ...graph import Edge, edge_order
from ...model import AnyRecord, Site
from ... import urls
from ..drawing.graph_figure import draw_edge, draw_node, graph_figure, record_label, text_alternative
from ..drawing.graph_svg import Drawing, render_svg
from ..drawing.layout import radial_layout
from .graph_page import PAGE

LOCAL_UNIT = 95.0  # record pages draw few nodes, so they get room for every label
LOCAL_LIMIT = 40  # most records drawn around a hub
LOCAL_SMALL = 20  # a second hop is drawn only while the whole stays this small


def local_graph_section(site: Site, record: AnyRecord, page: str) -> str:
    """Markdown for a record page: its one- or two-hop neighbourhood, with a text alternative."""
    graph = site.graph
    records, left_out = graph.neighbourhood(record, LOCAL_LIMIT, LOCAL_SMALL)
    if len(records) < 2:
        return ""
    edges = sorted(graph.edges_among(records), key=edge_order)
    dom_id = f"smf-graph-{record.kind}-{record.id}"
    name = record_label(record)
    near = {n.id for n in graph.neighbours(record)} | {record.id}
    two_hops = any(r.id not in near for r in records)
    reach = "one or two links" if two_hops else "one link"
    drawing = Drawing(
        dom_id=dom_id,
        title=f"Neighbourhood of {name}",
        description=f"{name} (highlighted) and the {len(records) - 1} records {reach} away from it, joined by {len(edges)} links. "
        "The same links are listed as text below the drawing.",
        nodes=tuple(draw_node(site, r, page, current=r is record) for r in records),
        edges=tuple(draw_edge(e) for e in edges),
        label_limit=LOCAL_LIMIT,
    )
    positions = radial_layout(record.id, _rings(record, records, near, edges))
    # A recommendation shares its page with the others of its group: its section sits one level down,
    # with an anchor of its own.
    if record.kind == "recommendation":
        heading = f"### Neighbourhood in the citation graph {{#{record.id}-neighbourhood}}\n\n"
    else:
        heading = "## Neighbourhood in the citation graph\n\n"
    intro = (
        f"Records {reach} away from this one in the [citation graph]({urls.relative(page, PAGE)})"
        + (f"; {left_out} less-cited neighbours are left out of the drawing" if left_out else "")
        + ". Select a shape to open that record.\n\n"
    )
    figure = graph_figure(drawing, render_svg(drawing, positions, LOCAL_UNIT), records, edges)
    return heading + intro + figure + "\n\n" + text_alternative(edges, page, dom_id, record) + "\n\n"


def _rings(record: AnyRecord, records: list[AnyRecord], near: set[str], edges: list[Edge]) -> list[list[str]]:
    """First hop on the inner ring; each second-hop record placed in the order of the first-hop record it hangs from."""
    first = [r.id for r in records if r is not record and r.id in near]
    place = {node: index for index, node in enumerate(first)}
    parent: dict[str, int] = {}
    for edge in edges:
        for a, b in ((edge.source.id, edge.target.id), (edge.target.id, edge.source.id)):
            if a in place and b not in near:
                parent[b] = min(parent.get(b, len(first)), place[a])
    second = sorted((r.id for r in records if r.id not in near), key=lambda node: (parent.get(node, len(first)), node))
    return [first, second] if second else [first]
