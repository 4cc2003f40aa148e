"""One page per published batch of case studies (/collections/<id>/)."""

from __future__ import annotations

from ...model import Collection, Site
from ... import urls
from ..structured_data import record_json_ld
from ..text import date_html, date_text, entry_citations, front_matter, inline, markdown_text, open_questions_section, status_block


def render_collection(site: Site, collection: Collection) -> str:
    page = urls.page_of(collection)
    cases = sorted(site.case_studies_linked(collection, "in"), key=lambda c: (c.organization.name.lower(), c.title.lower()))
    out = [
        front_matter({"title": collection.title, "description": f"{collection.title}: {len(cases)} case studies, published {date_text(collection.date)}.", "json_ld": record_json_ld(site, collection)}),
        f"# {inline(collection.title)}\n",
        status_block(collection),
        f"- **Published:** {date_html(collection.date)}\n- **Case studies:** {len(cases)}\n\n",
    ]
    if collection.description:
        out.append(markdown_text(collection.description) + "\n\n")
    out.append(entry_citations(collection.citations, page) + "\n\n")
    out.append("## Case studies in this collection\n\n")
    out.append("\n".join(f"- [{inline(c.title)}]({urls.link(page, c)}) ({inline(c.organization.name)})" for c in cases) + "\n\n" if cases else "None recorded.\n\n")
    out.append(open_questions_section(collection, page))
    return "".join(out)
