"""What surrounds a graph drawing: the figure with its legend, and the same links written out as text.

Both are left out of the search index (`data-search-exclude`, honoured by Material's search): the
records' own pages already index every title, and a list of 500 links would drown real results.
Material's parser matches the excluded element by tag name, so neither block may contain another
element of its own tag (no <figure> in the figure, no <details> in the details).
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from ...graph import EDGE_TYPES, NODE_KINDS, Edge
from ...kinds import KINDS
from ...model import AnyRecord, Site
from ... import urls
from .graph_svg import DrawEdge, DrawNode, Drawing, node_shape
from ..markup import MARKDOWN, SEARCH_EXCLUDE, record_link_html, spliced_html


def record_label(record: AnyRecord) -> str:
    """The short name drawn next to a node: 'BBC' rather than 'British Broadcasting Corporation'."""
    return getattr(record, "short_name", None) or getattr(record, "short_title", None) or record.title


def graph_figure(drawing: Drawing, svg: str, records: list[AnyRecord], edges: list[Edge], *, kinds: tuple[str, ...] | None = None, folded: tuple[str, ...] = (), types: tuple[str, ...] | None = None) -> str:
    """The SVG in a scrollable, focusable viewport (arrow keys scroll it without JavaScript), and its legend.

    `kinds` and `types` default to those of `records` and `edges`; `folded` kinds are in the legend
    but not drawn until the reader turns them on.
    """
    present_kinds = set(kinds if kinds is not None else (r.kind for r in records))
    present_types = set(types if types is not None else (e.type for e in edges))
    d = drawing.dom_id
    far = ' data-far="1"' if any(n.hidden == "far" for n in drawing.nodes) else ""
    return spliced_html(  # finished HTML: Markdown would only scan it (generator/render/markup.py)
        f'<figure class="smf-graph" id="{d}"{far} {SEARCH_EXCLUDE}>\n'
        f'<div class="smf-graph__viewport" tabindex="0" role="region" aria-label="{escape(drawing.title)}: scroll or use the arrow keys to move around">\n'
        f"{svg}\n</div>\n"
        f'<figcaption class="smf-graph__legend">\n'
        f'<p class="smf-graph__caption">Shape and colour show the kind of record, the line pattern the kind of link; an arrow points from a record to the one it names. '
        + ("A number after a name counts the references folded into that record. " if folded else "")
        + "Select a shape or a name to open its record; a name that has no room is shown on hover or focus.</p>\n"
        f"{_legend(tuple(k for k in NODE_KINDS if k in present_kinds), tuple(t for t in EDGE_TYPES if t in present_types), tuple(folded))}\n"
        "</figcaption>\n</figure>"
    )


# The key's entries, drawn once: the same few recur on thousands of record pages.
_KIND_KEYS = {k: f'<svg class="smf-graph__key" viewBox="-10 -10 20 20" aria-hidden="true" focusable="false"><g class="smf-n smf-n--{k}">{node_shape(k, 0.0, 0.0, 6.0)}</g></svg>{KINDS[k].label}' for k in NODE_KINDS}
_TYPE_KEYS = {
    t: f'<li data-type="{t}"><svg class="smf-graph__key smf-graph__key--edge" viewBox="0 0 36 10" aria-hidden="true" focusable="false">'
    f'<path class="smf-e smf-e--{t}" d="M1 5H27"/><path class="smf-graph__arrow" d="M26 1L35 5L26 9z"/></svg>{EDGE_TYPES[t]}</li>'
    for t in EDGE_TYPES
}


def _legend(kinds: tuple[str, ...], types: tuple[str, ...], folded: tuple[str, ...] = ()) -> str:
    """The key to the shapes and lines present; a folded kind is marked, and graph.js leaves its box unticked."""
    kind_items = "".join(f'<li data-kind="{k}" data-folded="1">{_KIND_KEYS[k]} (folded)</li>' if k in folded else f'<li data-kind="{k}">{_KIND_KEYS[k]}</li>' for k in kinds)
    return f'<ul class="smf-graph__kinds" aria-label="Kinds of record">{kind_items}</ul>\n<ul class="smf-graph__types" aria-label="Kinds of link">{"".join(_TYPE_KEYS[t] for t in types)}</ul>'


def text_alternative_of(edges: list[DrawEdge], names: dict[str, str], dom_id: str) -> str:
    """Drawn links (some standing for many) as sentences, by type and then by where they start: for a drawing in summary."""
    by_type: dict[str, dict[str, list[DrawEdge]]] = defaultdict(lambda: defaultdict(list))
    for edge in edges:
        by_type[edge.type][edge.source].append(edge)
    lines = [
        f'<details class="smf-graph__text" id="{dom_id}-text" {SEARCH_EXCLUDE} {MARKDOWN}>',
        f"<summary>The same {len(edges):,} drawn link{'s' if len(edges) != 1 else ''} as text, by type</summary>",
        "",
    ]
    for type in EDGE_TYPES:
        if type not in by_type:
            continue
        lines += [f"**{EDGE_TYPES[type].capitalize()}** ({sum(len(g) for g in by_type[type].values()):,})", ""]
        for source, group in by_type[type].items():
            lines.append(f"- {names[source]} {EDGE_TYPES[type]}: " + "; ".join(names[e.target] for e in group))
        lines.append("")
    lines.append("</details>")
    return "\n".join(lines)


def text_alternative(edges: list[Edge], page: str, dom_id: str, current: AnyRecord | None, far: list[AnyRecord] | tuple = ()) -> str:
    """Every drawn link as a sentence, grouped by type and then by the record it starts from; then the records two links away, if any.

    Finished HTML (the bytes Markdown made of the same list before): on a record page this list was
    about half of what Python-Markdown had to read.
    """
    by_type: dict[str, dict[str, list[Edge]]] = defaultdict(lambda: defaultdict(list))
    for edge in edges:
        by_type[edge.type][edge.source.id].append(edge)
    lines = [
        f'<details class="smf-graph__text" id="{dom_id}-text" {SEARCH_EXCLUDE}>',
        f"<summary>The same {len(edges)} link{'s' if len(edges) != 1 else ''} as text, by type</summary>",
    ]
    for type in EDGE_TYPES:
        if type not in by_type:
            continue
        count = sum(len(group) for group in by_type[type].values())
        lines += [f"<p><strong>{EDGE_TYPES[type].capitalize()}</strong> ({count})</p>", "<ul>"]
        for group in sorted(by_type[type].values(), key=lambda g: g[0].source.title.lower()):
            targets = "; ".join(_name(e.target, page, current) for e in sorted(group, key=lambda e: e.target.title.lower()))
            lines.append(f"<li>{_name(group[0].source, page, current)} {EDGE_TYPES[type]}: {targets}</li>")
        lines.append("</ul>")
    if far:
        lines += [f"<p><strong>Two links away</strong> ({len(far)}, drawn when the drawing is widened)</p>", "<p>" + "; ".join(_name(r, page, current) for r in sorted(far, key=lambda r: r.title.lower())) + "</p>"]
    lines.append("</details>")
    return spliced_html("\n".join(lines))


def _name(record: AnyRecord, page: str, current: AnyRecord | None) -> str:
    if record is current:
        return f"<strong>{escape(record.title, quote=False)}</strong> (this record)"
    return record_link_html(page, record)


def draw_node(site: Site, record: AnyRecord, page: str, current: bool = False, hidden: str = "") -> DrawNode:
    """A record as a node of a drawing on docs page `page`: its shape's title, label, link and key for ?focus=."""
    graph = site.graph
    kind = KINDS[record.kind].label
    cited = graph.cited_by_count(record)
    return DrawNode(
        id=record.id,
        kind=record.kind,
        title=f"{record.title} ({kind}, cited {cited} time{'s' if cited != 1 else ''})",
        label=record_label(record),
        href=urls.relative_url(page, record),
        cited=cited,
        prominence=(-cited, -graph.degree(record), record.id),
        current=current,
        key=f"{record.kind}/{record.id}",
        hidden=hidden,
    )


def draw_edge(edge: Edge) -> DrawEdge:
    """A typed link as a line of a drawing, titled with what it says ('X cites Y')."""
    return DrawEdge(edge.source.id, edge.target.id, edge.type, f"{_cut(record_label(edge.source))} {EDGE_TYPES[edge.type]} {_cut(record_label(edge.target))}")


def _cut(name: str, chars: int = 40) -> str:
    """A name as a line's title gives it: short, since each record's full title is on its own shape."""
    return name if len(name) <= chars else name[: chars - 1].rstrip() + "…"
