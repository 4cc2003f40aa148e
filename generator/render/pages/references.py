"""The bibliography (/references/) and one page per reference (/references/<id>/) with 'cites' and 'cited by'."""

from __future__ import annotations

from ...graph import EDGE_TYPES
from ...kinds import REFERENCE_TYPES
from ...model import Reference, Site
from ... import urls
from ..cite import cite_section
from ..citation_meta import citation_meta
from .neighbourhood import local_graph_section
from ..structured_data import record_json_ld
from .. import escape
from ..markup import fact_list_html, link_list_html, record_link_html, url_link_html
from ..record_page import edit_front_matter, open_questions_section, record_actions, record_heading, record_meta
from ..text import RELIABILITY_LABELS, date_html, date_text, front_matter, inline, markdown_text, one_line

INDEX = "references/index.md"
TYPE_LABELS = {name: kind.label for name, kind in REFERENCE_TYPES.items()}


def _order(ref: Reference) -> tuple:
    return (ref.publisher.lower(), ref.date.sort_key if ref.date else (0, 0, 0), ref.title.lower())


def render_reference_index(site: Site) -> str:
    refs = sorted(site.references.values(), key=_order)
    counts = {level: sum(1 for r in refs if r.reliability == level) for level in RELIABILITY_LABELS}
    lines = [
        front_matter({"title": "References", "description": f"The bibliography: {len(refs)} sources, graded by reliability."}),
        "# References\n",
        f"{len(refs)} sources: {counts['primary']} primary (the Partnership on AI's own pages), {counts['secondary']} secondary, {counts['weak']} weak (aggregators and re-posts, never used alone). Sorted by publisher, then date.\n",
    ]
    for ref in refs:
        authors = f"{inline(', '.join(ref.authors))}. " if ref.authors else ""
        lines.append(f"- {authors}[{inline(ref.title)}]({urls.link(INDEX, ref)}). {inline(ref.publisher)}, {date_text(ref.date)}. {TYPE_LABELS[ref.type]}, {RELIABILITY_LABELS[ref.reliability]}.")
    return "\n".join(lines) + "\n"


def render_reference(site: Site, ref: Reference) -> str:
    page = urls.page_of(ref)
    description = one_line(ref.summary) if ref.summary else f"{TYPE_LABELS[ref.type]} by {ref.publisher}, {date_text(ref.date)}."
    out = [
        front_matter({"title": ref.title, "description": description, "json_ld": record_json_ld(site, ref), "citation_meta": citation_meta(site, ref), **edit_front_matter(site, ref)}),
        record_heading(ref, ref.title),
        record_meta(ref, page),
    ]
    if ref.summary:
        # What the source says leads (and starts the search result's snippet); #what-it-says is the old section's anchor.
        out.append('<div class="smf-lead" id="what-it-says" markdown>\n\n' + markdown_text(ref.summary) + "\n\n</div>\n\n")
    publisher = record_link_html(page, site.organizations[ref.publisher_id], ref.publisher) if ref.publisher_id else escape.text(ref.publisher)
    facts = [
        ("Type", TYPE_LABELS[ref.type]),
        ("Publisher", publisher),
        ("Authors", escape.text(", ".join(ref.authors)) if ref.authors else None),
        ("Date", date_html(ref.date)),
        ("Reliability", RELIABILITY_LABELS[ref.reliability].capitalize()),
        ("Address", url_link_html(ref.url)),
    ]
    out.append(fact_list_html(facts) + "\n\n")
    out.append(_relation_list(site, ref, page, outgoing=True))
    out.append(_relation_list(site, ref, page, outgoing=False))
    used_by = sorted({e.source.id: e for e in site.graph.incoming(ref, "sourced-from")}.values(), key=lambda e: e.source.title.lower())
    if used_by:
        out.append("## Records that rely on it\n\n")
        for edge in used_by:
            note = next((c.note for c in edge.evidence if c.note), None)
            out.append(f"- [{inline(edge.source.title)}]({urls.link(page, edge.source)})" + (f": {markdown_text(note)}" if note else "") + "\n")
        out.append("\n")
    out.append(local_graph_section(site, ref, page))
    out.append(open_questions_section(ref, page))
    out.append(cite_section(site, ref, page))
    out.append(record_actions(site, ref, ref.title))
    return "".join(out)


def _relation_list(site: Site, ref: Reference, page: str, outgoing: bool) -> str:
    edges = site.graph.outgoing(ref) if outgoing else site.graph.incoming(ref)
    edges = [e for e in edges if e.type in ("cites", "about")]
    heading = "## Cites" if outgoing else "## Cited by"
    if not edges:
        return f"{heading}\n\nNothing recorded.\n\n"
    edges = sorted(edges, key=lambda e: (e.type, (e.target if outgoing else e.source).title.lower()))
    if outgoing:
        items = ((e.target, EDGE_TYPES[e.type]) for e in edges)
    else:
        items = ((e.source, "cites it" if e.type == "cites" else "is about it") for e in edges)
    # What the source cites is searched; what cites it is not (mkdocs.yml's smf-search-scope).
    return f"{heading}\n\n{link_list_html(page, items, indexed=outgoing)}\n\n"
