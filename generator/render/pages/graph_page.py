"""The citation graph's own page, /graph/: the whole graph drawn, its text alternative and two rankings.

Every relation drawn or listed here comes from `site.graph`. The SVG sits in a raw HTML block,
which MkDocs neither rewrites nor checks, so its links are computed from each record's URL and the
page's own URL (`urls.relative_url`); the text alternative beside it uses ordinary .md links, which
MkDocs checks. Each record's neighbourhood is drawn by `neighbourhood.py`; the exports are downloads.
"""

from __future__ import annotations

from ...graph import NODE_KINDS, Edge, edge_order, node_order
from ..drawing.layout import force_layout
from ...kinds import KINDS
from ...model import AnyRecord, Site
from ... import urls
from ..drawing.graph_svg import Drawing, render_svg
from ..drawing.graph_figure import draw_edge, draw_node, graph_figure, text_alternative
from ..text import front_matter, inline

PAGE = "graph.md"
WHOLE_ID = "smf-graph-all"
WHOLE_UNIT = 62.0  # pixels per ideal edge length on /graph/
WHOLE_LABELS = 40
TOP = 15
WHOLE_MAX = 1000  # records drawn on /graph/; beyond this, the most connected


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


def render_graph_page(site: Site) -> str:
    """The Markdown of /graph/ (docs path `PAGE`)."""
    graph = site.graph
    records, edges, left_out = _drawn_part(site)
    everyone = sorted(graph.nodes.values(), key=node_order)
    counts = ", ".join(f"{sum(1 for r in records if r.kind == kind)} {KINDS[kind].plural}" for kind in NODE_KINDS if any(r.kind == kind for r in records))
    drawing = Drawing(
        dom_id=WHOLE_ID,
        title="The citation graph of the whole site",
        description=f"{len(records)} records ({counts}) joined by {len(edges)} typed links. Shape and colour show the kind of record, "
        "size how often it is cited; labels name the most-cited records. The same links are listed as text below the drawing.",
        nodes=tuple(draw_node(site, r, PAGE) for r in records),
        edges=tuple(draw_edge(e) for e in edges),
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
        _ranking("Most cited", everyone, graph.cited_by_count, "cited {n} time{s}",
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
        lines.append(f"1. [{inline(record.title)}]({urls.link(PAGE, record)}) ({KINDS[record.kind].label.lower()}): {phrase.format(n=n, s='' if n == 1 else 's')}")
    return "\n".join(lines) + "\n\n"
