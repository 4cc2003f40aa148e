"""The case-study index (/case-studies/) and one page per case study (/case-studies/<id>/)."""

from __future__ import annotations


from ...model import CaseStudy, Site
from ... import urls
from ..markup import MARKDOWN, page_tags, search_boost
from .case_index import case_table, filter_form
from ..cite import cite_section
from ..feed import FEED_PATH
from ..citation_meta import citation_meta
from .neighbourhood import local_graph_section
from ..text import (
    ROLE_LABELS,
    date_html,
    front_matter,
    inline,
    markdown_text,
    one_line,
    open_questions_section,
    sources_section,
    status_block,
)
from ..structured_data import record_json_ld

INDEX = "case-studies/index.md"
RELATED_LIMIT = 6


def render_case_study_index(site: Site) -> str:
    cases = site.case_studies_sorted()
    lines = [
        front_matter({"title": "Case studies", "description": f"All {len(site.case_studies)} case studies published by supporters of the framework, newest first.", "hide": ["toc"]}),
        "# Case studies\n",
        f"{len(site.case_studies)} case studies, newest first. Each row links to a summary with its sources. "
        f"The same list is available as a [spreadsheet (CSV)]({urls.relative(INDEX, 'data/case-studies.csv')}); new ones appear in the [Atom feed]({urls.relative(INDEX, FEED_PATH)}).\n",
        f'<div class="smf-case-index" {MARKDOWN}>\n',
        filter_form(site, cases),
        case_table(cases, INDEX),
        "</div>\n",
    ]
    return "\n".join(lines)


def related_case_studies(site: Site, case: CaseStudy) -> list[CaseStudy]:
    """Cases sharing practices, then the same organization or collection; most overlap first."""
    return site.related.related(case, RELATED_LIMIT)


def render_case_study(site: Site, case: CaseStudy) -> str:
    page = urls.page_of(case)
    description = one_line(case.summary) if case.summary else f"A case study by {case.organization.name}; its content is not yet recorded."
    out = [
        front_matter(
            {
                "title": case.title,
                "description": description,
                **search_boost(2),
                **page_tags(tag.title for tag in case.tags),
                "json_ld": record_json_ld(site, case),
                "citation_meta": citation_meta(site, case),
            }
        ),
        f"# {inline(case.title)}\n",
        status_block(case),
        _facts(case, page),
    ]
    out.append("## Summary\n\n" + (markdown_text(case.summary) if case.summary else "Not yet known.") + "\n\n")
    if case.lessons:
        out.append("## Lessons\n\n" + "\n".join(f"- {markdown_text(lesson)}" for lesson in case.lessons) + "\n\n")
    out.append(_practices(case, page))
    out.append(open_questions_section(case, page))
    related = related_case_studies(site, case)
    if related:
        out.append("## Related case studies\n\n" + "\n".join(f"- [{inline(r.title)}]({urls.link(page, r)}) ({inline(r.organization.name)})" for r in related) + "\n\n")
    out.append(_cited_by(site, case, page))
    out.append(local_graph_section(site, case, page))
    out.append(sources_section(case.citations, page))
    out.append(cite_section(site, case, page))
    return "".join(out)


def _facts(case: CaseStudy, page: str) -> str:
    facts = [
        ("Organization", f"[{inline(case.organization.name)}]({urls.link(page, case.organization)})"),
        ("Authors", ", ".join(inline(a) for a in case.authors) if case.authors else None),
        ("Role", ROLE_LABELS[case.role] if case.role else "Unknown"),
        ("Collection", f"[{inline(case.collection.title)}]({urls.link(page, case.collection)})"),
        ("Published", date_html(case.published)),
        ("Original", f"<{case.url}>" if case.url else "Unknown"),
    ]
    return "\n".join(f"- **{label}:** {value}" for label, value in facts if value) + "\n\n"


def _practices(case: CaseStudy, page: str) -> str:
    heading = "## Recommendations exercised\n\n"
    if not case.practices:
        return heading + "None recorded yet.\n\n"
    return heading + "\n".join(
        f"- [{inline(p.title)}]({urls.link(page, p)}) ({inline(p.stakeholder.short_title)})" for p in case.practices
    ) + "\n\n"


def _cited_by(site: Site, case: CaseStudy, page: str) -> str:
    edges = [e for e in site.graph.incoming(case) if e.type in ("cites", "about")]
    if not edges:
        return ""
    lines = ["## Cited by\n"]
    for edge in sorted(edges, key=lambda e: e.source.title.lower()):
        verb = "cites this case" if edge.type == "cites" else "is about this case"
        lines.append(f"- [{inline(edge.source.title)}]({urls.link(page, edge.source)}) ({verb})")
    return "\n".join(lines) + "\n\n"
