"""The citation graph's own page, /graph/: the site's structure drawn in columns, its text alternative and two rankings.

Every relation drawn or listed here comes from `site.graph`. The SVG sits in a raw HTML block,
which MkDocs neither rewrites nor checks, so its links are computed from each record's URL and the
page's own URL (`urls.relative_url`); the text alternative beside it uses ordinary .md links, which
MkDocs checks. Each record's neighbourhood is drawn by `neighbourhood.py`; the exports are downloads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ...graph import EDGE_TYPES, NODE_KINDS, edge_order, node_order
from ..drawing.layout import GAP, column_positions, crossings, ordered_columns
from ...kinds import KINDS
from ...model import AnyRecord, CaseStudy, Site
from ... import urls
from ..drawing.graph_svg import DrawEdge, DrawNode, Drawing, label_text, radius, render_svg, text_width
from ..drawing.graph_figure import draw_node, graph_figure, text_alternative, text_alternative_of
from ..text import front_matter, inline

PAGE = "graph.md"
WHOLE_ID = "smf-graph-all"
WHOLE_LABEL_CHARS = 24  # five columns of names within the page's width on a desktop
TOP = 15
# /graph/ draws the structure in columns, left to right; the kinds after them are folded (drawn only
# when the reader turns them on). This order puts every structural link between neighbouring
# columns (an organization supports the framework, its case studies are by it, they exercise
# recommendations, which address stakeholder groups): no link skips a column, so none crosses a name.
COLUMNS = ("framework", "organization", "case-study", "recommendation", "stakeholder")
FOLDED = ("collection", "reference")
# How many records of each kind /graph/ draws one by one; the rest are drawn as one "N more" node,
# and case studies beyond their cap as one node per organization ("12 case studies by X").
CAPS = {"framework": 1, "organization": 40, "case-study": 60, "recommendation": 40, "stakeholder": 12, "collection": 12, "reference": 80}
AGGREGATE_LINKS = 3  # links drawn per summary node and kind of link: the strongest
INDEX = {"organization": "organizations/", "case-study": "case-studies/", "recommendation": "recommendations/", "stakeholder": "recommendations/", "reference": "references/", "collection": "framework/", "framework": "framework/"}
INDEX_PAGE = {
    "organization": "organizations/index.md",
    "case-study": "case-studies/index.md",
    "recommendation": "recommendations/index.md",
    "stakeholder": "recommendations/index.md",
    "reference": "references/index.md",
    "collection": "framework.md",
    "framework": "framework.md",
}


def _is_summary(node_id: str) -> bool:
    return node_id.startswith(("more:", "cases:"))


class _Whole:
    """What /graph/ draws: records one by one up to each kind's cap, the rest folded into 'N more' nodes, links merged to match."""

    def __init__(self, site: Site) -> None:
        graph = site.graph
        by_kind: dict[str, list[AnyRecord]] = {kind: [] for kind in NODE_KINDS}
        for record in graph.nodes.values():
            by_kind[record.kind].append(record)
        self.rep: dict[str, str] = {}  # record id -> drawn node id
        self.nodes: dict[str, DrawNode] = {}
        self.aggregated = False
        self.records: list[AnyRecord] = []
        hidden = dict.fromkeys(FOLDED, "folded")
        for kind in COLUMNS + FOLDED:
            ranked = sorted(by_kind[kind], key=lambda r: (-graph.cited_by_count(r), -graph.degree(r), r.id))
            cap = CAPS[kind]
            if kind == "case-study" and len(ranked) > cap:
                self._cases_by_organization(site, [site.case_studies[r.id] for r in ranked])
                continue
            kept, rest = ranked[:cap], ranked[cap:]
            for record in sorted(kept, key=node_order):
                self.rep[record.id] = record.id
                node = draw_node(site, record, PAGE, hidden=hidden.get(kind, ""))
                self.nodes[record.id] = replace(node, label="The framework") if kind == "framework" else node
                self.records.append(record)
            if rest:
                self.aggregated = True
                self._more(kind, rest, hidden.get(kind, ""))
        merged: dict[tuple[str, str, str], int] = {}
        self.folded_count: dict[str, set[str]] = {}
        for edge in sorted(graph.edges, key=edge_order):
            a, b = self.rep[edge.source.id], self.rep[edge.target.id]
            if a == b:
                continue
            key = (a, edge.type, b)
            merged[key] = merged.get(key, 0) + 1
            for one, other in ((edge.source, b), (edge.target, a)):
                if one.kind == "reference" and self.nodes[other].hidden == "":
                    self.folded_count.setdefault(other, set()).add(one.id)
        self.edges = [DrawEdge(a, b, type, self._edge_title(a, type, b, n)) for (a, type, b), n in self._strongest(merged).items()]
        for node_id, refs in self.folded_count.items():
            node = self.nodes[node_id]
            self.nodes[node_id] = replace(node, count=len(refs))

    def _strongest(self, merged: dict[tuple[str, str, str], int]) -> dict[tuple[str, str, str], int]:
        """Links of a node that stands for many records: per kind of link, only the AGGREGATE_LINKS that stand for the most links.

        A summary node would otherwise reach every record of the next column (1,000 lines at 1,000
        case studies, not readable and half a megabyte); the others are in the downloads. Links
        touching the "more references" and "more collections" nodes are not drawn at all.
        """
        groups: dict[tuple[str, str], list[tuple[int, tuple[str, str, str]]]] = defaultdict(list)
        kept: dict[tuple[str, str, str], int] = {}
        for key, count in merged.items():
            a, type, b = key
            if any(end.startswith("more:") and self.nodes[end].hidden for end in (a, b)):
                continue
            summary = a if _is_summary(a) else b if _is_summary(b) else None
            if summary is None:
                kept[key] = count
            else:
                groups[(summary, type)].append((count, key))
        strongest = {key for group in groups.values() for _, key in sorted(group, key=lambda g: -g[0])[:AGGREGATE_LINKS]}
        return {key: count for key, count in merged.items() if key in kept or key in strongest}

    def _cases_by_organization(self, site: Site, cases: list[CaseStudy]) -> None:
        """Too many case studies to draw one by one: one node per drawn organization, counting its case studies."""
        self.aggregated = True
        groups: dict[str, list[CaseStudy]] = {}
        for case in cases:
            groups.setdefault(case.organization.id, []).append(case)
        drawn_orgs = {i for i, n in self.nodes.items() if n.kind == "organization" and not i.startswith("more:")}
        for org_id in sorted(groups, key=lambda o: (o not in drawn_orgs, o)):
            members = groups[org_id]
            into = f"cases:{org_id}" if org_id in drawn_orgs else "cases:more"
            for case in members:
                self.rep[case.id] = into
        for into in dict.fromkeys(self.rep[c.id] for c in cases):
            members = [c for c in cases if self.rep[c.id] == into] if into == "cases:more" else groups[into[len("cases:") :]]
            n = len(members)
            if into == "cases:more":
                title, href, label = f"{n:,} case studies by the other organizations", "../case-studies/", f"{n:,} case studies by others"
            else:
                org = site.organizations[into[len("cases:") :]]
                title, href, label = f"{n:,} case studies by {org.name}", f"../case-studies/?org={org.id}", f"{n:,} case studies"
            self.nodes[into] = DrawNode(into, "case-study", title, label, href, 0, (-n, 0, into), key=f"case-study/{into}")

    def _more(self, kind: str, rest: list[AnyRecord], hidden: str) -> None:
        node_id = f"more:{kind}"
        for record in rest:
            self.rep[record.id] = node_id
        plural = KINDS[kind].plural
        self.nodes[node_id] = DrawNode(node_id, kind, f"{len(rest):,} more {plural} (listed on their own page)", f"{len(rest):,} more {plural}", "../" + INDEX[kind], 0, (0, 0, node_id), key=f"{kind}/{node_id}", hidden=hidden)

    def _edge_title(self, a: str, type: str, b: str, count: int) -> str:
        return f"{self.nodes[a].label} {EDGE_TYPES[type]} {self.nodes[b].label}" + (f" ({count:,} links)" if count > 1 else "")


def whole_layout(whole: _Whole) -> tuple[list[list[str]], dict[str, tuple[float, float]], dict[str, int]]:
    """The columns in their final order, positions, and the measures behind the choice (crossings before and after ordering)."""
    columns = [[i for i, n in whole.nodes.items() if n.kind == kind] for kind in COLUMNS + FOLDED]
    columns = [c for c in columns if c]
    pairs = [(e.source, e.target) for e in whole.edges]
    before = crossings(columns, pairs)
    # The folded columns are ordered with the rest hidden: the structure comes first.
    structure = [c for c in columns if whole.nodes[c[0]].hidden == ""]
    ordered = ordered_columns(structure, pairs)
    folded = ordered_columns(ordered + [c for c in columns if whole.nodes[c[0]].hidden], pairs)[len(ordered) :]
    columns = ordered + folded
    widths = [max(radius(whole.nodes[i].cited) + 4 + text_width(label_text(whole.nodes[i], WHOLE_LABEL_CHARS)) for i in c) + GAP for c in columns]
    positions = column_positions(columns, widths, 10.0)
    return columns, positions, {"crossings_unordered": before, "crossings": crossings(columns, pairs)}


def render_graph_page(site: Site) -> str:
    """The Markdown of /graph/ (docs path `PAGE`)."""
    graph = site.graph
    whole = _Whole(site)
    columns, positions, _ = whole_layout(whole)
    nodes = tuple(whole.nodes[i] for c in columns for i in c)
    everyone = sorted(graph.nodes.values(), key=node_order)
    total = {kind: sum(1 for r in everyone if r.kind == kind) for kind in NODE_KINDS}
    counts = ", ".join(f"{total[kind]:,} {KINDS[kind].plural}" for kind in COLUMNS if total[kind])
    folded = ", ".join(f"{total[kind]:,} {KINDS[kind].plural}" for kind in FOLDED if total[kind])
    shown_edges = [e for e in whole.edges if not whole.nodes[e.source].hidden and not whole.nodes[e.target].hidden]
    drawing = Drawing(
        dom_id=WHOLE_ID,
        title="How the evidence hangs together: the framework, the organizations that support it, their case studies, the recommendations these exercise and the stakeholder groups those address",
        description=f"Columns from left to right: the framework; organizations; case studies; recommendations; stakeholder groups ({counts}), "
        f"joined by {len(shown_edges):,} links. The {folded} are folded into the records they are linked to (a number after a name counts its references). "
        "The same links are listed as text below the drawing.",
        nodes=nodes,
        edges=tuple(whole.edges),
        label_limit=len(nodes),
        label_sides=("right",),
        label_chars=WHOLE_LABEL_CHARS,
    )
    how = (
        "Every record and every recorded relation between them. "
        if not whole.aggregated
        else f"A site of this size is drawn in summary: up to {CAPS['organization']} organizations and {CAPS['recommendation']} recommendations, the most cited first, "
        'the rest as one "more" shape per kind, and case studies counted per organization; every record is on its own page and in the downloads below. '
    )
    out = [
        front_matter(
            {
                "title": "Citation graph",
                "description": f"How the site's {len(everyone):,} records hang together: the framework, organizations, case studies, recommendations and stakeholder groups, and the sources behind them.",
                "hide": ["toc"],
            }
        ),
        "# Citation graph\n\n",
        "How the evidence hangs together, read from left to right: the framework, the organizations that support it, "
        "their case studies, the recommendations these exercise, and the stakeholder groups those recommendations address. "
        + how
        + "Bibliography references and collections are folded into the records they are linked to; the number after a name counts its references, "
        "and the legend turns them on. Each shape and name links to its record's page; each kind of link has its own line pattern. "
        "With JavaScript you can find a record, zoom, drag to move around, hide kinds of records or links, and highlight a record's neighbours.\n\n",
        f"[Skip the drawing: the same links as text](#{WHOLE_ID}-text)\n\n",
        graph_figure(drawing, render_svg(drawing, positions), [], [], kinds=tuple(k for k in NODE_KINDS if total[k]), folded=FOLDED, types=tuple(dict.fromkeys(e.type for e in whole.edges))),
        "\n\n",
        (text_alternative(sorted(graph.edges, key=edge_order), PAGE, WHOLE_ID, None) if not whole.aggregated else text_alternative_of(shown_edges, {i: _text_link(i, n, site) for i, n in whole.nodes.items()}, WHOLE_ID)),
        "\n\n",
        _ranking("Most cited", everyone, graph.cited_by_count, "cited {n} time{s}", "Records that other records cite, are about, or draw on as a source, most first."),
        _ranking("Most connected", everyone, lambda r: len(graph.neighbours(r)), "linked to {n} record{s}", "Records with the most distinct neighbours in the graph, whatever the kind of link."),
        "## Download\n\n",
        "- [graph.json](data/graph.json): nodes and typed links, each link with the references and notes that support it.\n- [graph.graphml](data/graph.graphml): the same graph for Gephi, Cytoscape or networkx.\n",
    ]
    return "".join(out)


def _text_link(node_id: str, node: DrawNode, site: Site) -> str:
    if node_id.startswith(("more:", "cases:")):
        return f"[{inline(node.title)}]({urls.relative(PAGE, INDEX_PAGE[node.kind])})"
    return f"[{inline(site.graph.nodes[node_id].title)}]({urls.link(PAGE, site.graph.nodes[node_id])})"


def _ranking(heading: str, records: list[AnyRecord], score, phrase: str, intro: str) -> str:
    ranked = sorted((r for r in records if score(r) > 0), key=lambda r: (-score(r), r.title.lower()))[:TOP]
    lines = [f"## {heading}\n", intro + "\n"]
    for record in ranked:
        n = score(record)
        lines.append(f"1. [{inline(record.title)}]({urls.link(PAGE, record)}) ({KINDS[record.kind].label.lower()}): {phrase.format(n=n, s='' if n == 1 else 's')}")
    return "\n".join(lines) + "\n\n"
