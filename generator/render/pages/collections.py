"""One page per published batch of case studies (/collections/<id>/)."""

from __future__ import annotations

from ...model import Collection, Site
from ... import urls
from ..structured_data import record_json_ld
from ..record_page import case_count, case_link_list, edit_front_matter, open_questions_section, record_actions, record_heading, record_meta
from ..text import date_html, date_text, entry_citations, front_matter, markdown_text


def render_collection(site: Site, collection: Collection) -> str:
    page = urls.page_of(collection)
    cases = sorted(site.case_studies_linked(collection, "in"), key=lambda c: (c.organization.name.lower(), c.title.lower()))
    count = case_count(cases)
    out = [
        front_matter({"title": collection.title, "description": f"{collection.title}: {count}, published {date_text(collection.date)}.", "json_ld": record_json_ld(site, collection), **edit_front_matter(site, collection)}),
        record_heading(collection, collection.title),
        record_meta(collection, page),
    ]
    if collection.description:
        out.append('<div class="smf-lead" markdown>\n\n' + markdown_text(collection.description) + "\n\n</div>\n\n")
    out.append(f"- **Published:** {date_html(collection.date)}\n- **Case studies:** {count}\n\n")
    out.append(entry_citations(collection.citations, page) + "\n\n")
    out.append("## Case studies in this collection\n\n")
    out.append(case_link_list(cases, page) if cases else "None recorded.\n\n")
    out.append(open_questions_section(collection, page))
    out.append(record_actions(site, collection, collection.title))
    return "".join(out)
