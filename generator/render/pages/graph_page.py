"""The citation graph: /graph/, the exports under /data/, and each record's neighbourhood on its own page.

Every relation drawn or listed here comes from `site.graph`. The SVG sits in a raw HTML block,
which MkDocs neither rewrites nor checks, so its links are computed here from each record's URL
and the page's own URL; the text alternative beside it uses ordinary .md links, which MkDocs checks.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ...graph import EDGE_TYPES, NODE_KINDS, Edge, edge_order, node_order
from ..drawing.layout import force_layout, radial_layout
from ...model import AnyRecord, Site
from ... import urls
from ..downloads.graph_exports import graph_graphml, graph_json
from ..drawing.graph_svg import DrawEdge, DrawNode, Drawing, render_svg
from ..drawing.graph_figure import KIND_LABELS, graph_figure, record_label, text_alternative
from ..text import front_matter, inline

PAGE = "graph.md"
WHOLE_ID = "smf-graph-all"
WHOLE_UNIT = 62.0  # pixels per ideal edge length on /graph/
LOCAL_UNIT = 95.0  # record pages draw few nodes, so they get room for every label
WHOLE_LABELS = 40
LOCAL_LIMIT = 40  # most records drawn around a hub
LOCAL_SMALL = 20  # a second hop is drawn only while the whole stays this small
TOP = 15
WHOLE_MAX = 1000  # records drawn on /graph/; beyond this, the most connected


def render_graph_pages(site: Site) -> Iterator[tuple[str, str]]:
    """/graph/ and the two exports, all from the same graph; one at a time, as each is large on a large site."""
    yield PAGE, _graph_page(site)
    yield "data/graph.json", graph_json(site)
    yield "data/graph.graphml", graph_graphml(site)


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
        nodes=tuple(_draw_node(site, r, page, current=r is record) for r in records),
        edges=tuple(_draw_edge(e) for e in edges),
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


def _drawn_part(site: Site) -> tuple[list[AnyRecord], list[Edge], int]:
    """The records drawn on /graph/: all of them, or the WHOLE_MAX most connected on a big site.

    A force layout costs seconds per thousand nodes and a picture of thousands of nodes is not
    readable anyway; the text alternative and the downloads keep every link.
    """
    graph = site.graph
    records = sorted(graph.nodes.values(), key=node_order)
    if len(records) <= WHOLE_MAX:
        return records, sorted(graph.edges, key=edge_order), 0
    ranked = sorted(records, key=lambda r: (-graph.degree(r), r.kind, r.id))[:WHOLE_MAX]
    kept = sorted(ranked, key=node_order)
    return kept, sorted(graph.edges_among(kept), key=edge_order), len(records) - len(kept)


def _graph_page(site: Site) -> str:
    graph = site.graph
    records, edges, left_out = _drawn_part(site)
    everyone = sorted(graph.nodes.values(), key=node_order)
    counts = ", ".join(f"{sum(1 for r in records if r.kind == kind)} {KIND_LABELS[kind][1]}" for kind in NODE_KINDS if any(r.kind == kind for r in records))
    drawing = Drawing(
        dom_id=WHOLE_ID,
        title="The citation graph of the whole site",
        description=f"{len(records)} records ({counts}) joined by {len(edges)} typed links. Shape and colour show the kind of record, "
        "size how often it is cited; labels name the most-cited records. The same links are listed as text below the drawing.",
        nodes=tuple(_draw_node(site, r, PAGE) for r in records),
        edges=tuple(_draw_edge(e) for e in edges),
        label_limit=WHOLE_LABELS,
    )
    positions = force_layout([r.id for r in records], [(e.source.id, e.target.id) for e in edges])
    out = [
        front_matter({"title": "Citation graph", "description": f"Who cites whom: {len(records)} records and {len(edges)} links between them, drawn as one network.", "hide": ["toc"]}),
        "# Citation graph\n\n",
        (f"Every record on this site and every recorded relation between them: {counts}, joined by {len(edges)} links. "
         if not left_out else
         f"The {len(records)} most connected of the site's {len(records) + left_out} records ({counts}) and the {len(edges)} links among them; "
         f"the other {left_out} records are on their own pages and in the downloads below. ")
        + "Each shape links to its record's page; hover over a line to see what kind of link it is. "
        "With JavaScript you can zoom, drag to move around, hide kinds of records or links, and highlight a record's neighbours.\n\n",
        f"[Skip the drawing: the same links as text](#{WHOLE_ID}-text)\n\n",
        graph_figure(drawing, render_svg(drawing, positions, WHOLE_UNIT), records, edges),
        "\n\n",
        text_alternative(edges, PAGE, WHOLE_ID, None),
        "\n\n",
        _ranking("Most cited", everyone, lambda r: graph.cited_by_count(r), "cited {n} time{s}",
                 "Records that other records cite, are about, or draw on as a source, most first."),
        _ranking("Most connected", everyone, lambda r: len(graph.neighbours(r)), "linked to {n} record{s}",
                 "Records with the most distinct neighbours in the graph, whatever the kind of link."),
        "## Download\n\n",
        "- [graph.json](data/graph.json): nodes and typed links, each link with the references and notes that support it.\n"
        "- [graph.graphml](data/graph.graphml): the same graph for Gephi, Cytoscape or networkx.\n",
    ]
    return "".join(out)


def _ranking(heading: str, records: list[AnyRecord], score, phrase: str, intro: str) -> str:
    ranked = sorted((r for r in records if score(r) > 0), key=lambda r: (-score(r), r.title.lower()))[:TOP]
    lines = [f"## {heading}\n", intro + "\n"]
    for record in ranked:
        n = score(record)
        lines.append(f"1. [{inline(record.title)}]({urls.link(PAGE, record)}) ({KIND_LABELS[record.kind][0].lower()}): {phrase.format(n=n, s='' if n == 1 else 's')}")
    return "\n".join(lines) + "\n\n"


def _draw_node(site: Site, record: AnyRecord, page: str, current: bool = False) -> DrawNode:
    graph = site.graph
    kind = KIND_LABELS[record.kind][0]
    cited = graph.cited_by_count(record)
    return DrawNode(
        id=record.id,
        kind=record.kind,
        title=f"{record.title} ({kind}, cited {cited} time{'s' if cited != 1 else ''})",
        label=record_label(record),
        href=relative_url(page, record),
        cited=cited,
        prominence=(-cited, -graph.degree(record), record.id),
        current=current,
    )


def _draw_edge(edge: Edge) -> DrawEdge:
    return DrawEdge(edge.source.id, edge.target.id, edge.type, f"{record_label(edge.source)} {EDGE_TYPES[edge.type]} {record_label(edge.target)}")


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a docs page: 'graph.md' → 'graph/', 'index.md' → ''."""
    if page == "index.md":
        return ""
    return page[: -len("index.md")] if page.endswith("/index.md") else page[: -len(".md")] + "/"


def relative_url(from_page: str, record: AnyRecord) -> str:
    """A link to the record that works from `from_page`'s URL, for HTML that MkDocs does not rewrite."""
    path, _, fragment = urls.url_of(record).partition("#")
    here = page_url(from_page)
    if path == here:
        href = "./" if not fragment else ""
    elif here and path and not here.startswith(path) and not path.startswith(here):
        # The usual case: a page's URL is a folder of its own ('case-studies/x/'), and the record is
        # neither above nor below it. The step is then taken from the page's parent folder, cached
        # per pair of folders (as urls.relative does for Markdown links) instead of a relpath per link.
        folder, _, name = path[:-1].rpartition("/")
        above = urls.folder_step(posixpath.dirname(here[:-1]) or ".", folder or ".")
        href = (".." if above == "." else f"../{above}") + f"/{name}/"
    else:
        href = posixpath.relpath(path or ".", here or ".") + "/"
    return href + (f"#{fragment}" if fragment else "")
