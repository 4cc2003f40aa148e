"""The case-study index (/case-studies/) and one page per case study (/case-studies/<id>/)."""

from __future__ import annotations


from ...model import CaseStudy, Site
from ... import urls
from .. import escape
from ..markup import fact_list_html, link_list_html, page_tags, record_link_html, search_boost, spliced_html, url_link_html
from .case_index import case_table, filter_form
from ..feed import FEED_PATH
from ..citation_meta import citation_meta
from .neighbourhood import local_graph_section
from ..record_page import documented_case_studies, edit_front_matter, plural, record_heading, record_meta, undocumented_case_studies, undocumented_section, record_page_end
from ..text import ROLE_LABELS, date_html, front_matter, inline, markdown_text, one_line
from ..structured_data import record_json_ld

INDEX = "case-studies/index.md"
RELATED_LIMIT = 6


def render_case_study_index(site: Site) -> str:
    cases = documented_case_studies(site.case_studies_sorted())
    known = undocumented_case_studies(site)
    lines = [
        front_matter({"title": "Case studies", "description": f"All {len(cases)} documented case studies published by supporters of the framework, newest first.", "hide": ["toc"]}),
        "# Case studies\n",
        f"{plural(len(cases), 'documented case study', 'documented case studies')}, newest first. Each row links to a summary with its sources. "
        + (f"[{plural(len(known), 'more is', 'more are')} known but not yet documented](#not-yet-documented). " if known else "")
        + f"The same list is available as a [spreadsheet (CSV)]({urls.relative(INDEX, 'data/case-studies.csv')}); new ones appear in the [Atom feed]({urls.relative(INDEX, FEED_PATH)}).\n",
        "\n" + spliced_html('<div class="smf-case-index">\n' + filter_form(site, cases) + case_table(cases, INDEX) + "</div>") + "\n",
        undocumented_section(site, INDEX, cases=known),
    ]
    return "\n".join(lines)


def related_case_studies(site: Site, case: CaseStudy) -> list[CaseStudy]:
    """Cases sharing practices, then the same organization or collection; most overlap first."""
    return site.related.related(case, RELATED_LIMIT)


def render_case_study(site: Site, case: CaseStudy) -> str:
    if not case.documented:
        return _render_undocumented(site, case)
    page = urls.page_of(case)
    description = one_line(case.summary) if case.summary else f"A case study by {case.organization.name}; what it says is not yet recorded."
    out = [
        front_matter(
            {
                "title": case.title,
                "description": description,
                **search_boost(2),
                **page_tags(tag.title for tag in case.tags),
                "json_ld": record_json_ld(site, case),
                **edit_front_matter(site, case),
                "citation_meta": citation_meta(site, case),
            }
        ),
        record_heading(case, case.title),
        record_meta(case, page),
        # The summary leads (and so starts the search result's snippet); #summary is the old section's anchor.
        '<div class="smf-lead" id="summary" markdown>\n\n' + (markdown_text(case.summary) if case.summary else "What this case study says is not yet recorded.") + "\n\n</div>\n\n",
        _facts(case, page),
    ]
    if case.lessons:
        out.append("## Lessons\n\n" + "\n".join(f"- {markdown_text(lesson)}" for lesson in case.lessons) + "\n\n")
    out.append(_practices(case, page))
    related = related_case_studies(site, case)
    if related:
        out.append("## Related case studies\n\n" + link_list_html(page, ((r, r.organization.name) for r in related)) + "\n\n")
    out.append(_cited_by(site, case, page))
    out.append(local_graph_section(site, case, page))
    out.append(record_page_end(site, case, page, case.title))
    return "".join(out)


def _render_undocumented(site: Site, case: CaseStudy) -> str:
    """A case known to exist whose title and content are unknown: what is known, and no more (no boost in search)."""
    page = urls.page_of(case)
    org = case.organization
    out = [
        front_matter(
            {
                "title": case.title,
                "description": f"A case study by {org.name} in {case.collection.title}, known to exist but not yet documented.",
                "json_ld": record_json_ld(site, case),
                "citation_meta": citation_meta(site, case),
                **edit_front_matter(site, case),
            }
        ),
        record_heading(case, case.title),
        record_meta(case, page),
        '<div class="smf-lead" id="summary" markdown>\n\n'
        f"**Known case study, not yet documented.** Sources show that [{inline(org.name)}]({urls.link(page, org)}) published a case study "
        f"in [{inline(case.collection.title)}]({urls.link(page, case.collection)}), but its title and content have not been found yet.\n\n</div>\n\n",
        _facts(case, page),
        _cited_by(site, case, page),
        record_page_end(site, case, page, case.title, sources_heading="## What shows it exists"),
    ]
    return "".join(out)


def _facts(case: CaseStudy, page: str) -> str:
    facts = [
        ("Organization", record_link_html(page, case.organization)),
        ("Authors", escape.text(", ".join(case.authors)) if case.authors else None),
        ("Role", ROLE_LABELS[case.role] if case.role else "Unknown"),
        ("Collection", record_link_html(page, case.collection)),
        ("Published", date_html(case.published)),
        ("Original", url_link_html(case.url) if case.url else "Unknown"),
    ]
    return fact_list_html(facts) + "\n\n"


def _practices(case: CaseStudy, page: str) -> str:
    heading = "## Recommendations exercised\n\n"
    if not case.practices:
        return heading + "None recorded yet.\n\n"
    return heading + link_list_html(page, ((p, p.stakeholder.short_title) for p in case.practices), indexed=True) + "\n\n"


def _cited_by(site: Site, case: CaseStudy, page: str) -> str:
    edges = [e for e in site.graph.incoming(case) if e.type in ("cites", "about")]
    if not edges:
        return ""
    items = ((e.source, "cites this case" if e.type == "cites" else "is about this case") for e in sorted(edges, key=lambda e: e.source.title.lower()))
    return "## Cited by\n\n" + link_list_html(page, items) + "\n\n"
