"""The recommendations index (/recommendations/) and one page per stakeholder group with an anchor per recommendation."""

from __future__ import annotations

from ...model import Recommendation, Site, Stakeholder
from ... import urls
from ..markup import link_list_html, search_boost
from .neighbourhood import local_graph_section
from ..record_page import edit_front_matter, open_questions_section, plural, record_actions, record_heading, record_meta
from ..text import STATUS_LABELS, entry_citations, front_matter, inline, markdown_text, one_line

INDEX = "recommendations/index.md"


def recommendation_count(recs: list[Recommendation]) -> str:
    """'3 recommendations recorded (2 confirmed, 1 unverified)': counted from the list the page shows."""
    by_status = [f"{sum(1 for r in recs if r.status == status)} {label.lower()}" for status, label in STATUS_LABELS.items() if any(r.status == status for r in recs)]
    text = plural(len(recs), "recommendation") + " recorded"
    return text + (f" ({', '.join(by_status)})" if len(by_status) > 1 else f", all {STATUS_LABELS[recs[0].status].lower()}" if len(recs) > 1 else "")


def render_recommendations_index(site: Site) -> str:
    lines = [
        front_matter({"title": "Recommendations", "description": "What the framework asks of each stakeholder group, as far as public sources show."}),
        "# Recommendations\n",
        "The framework groups its practices by who is acting. Each group's page lists the recommendations that public sources tie to it, and under each one the case studies that exercise it.\n",
    ]
    for stakeholder in site.stakeholders.values():
        recs = site.recommendations_for(stakeholder)
        lines.append(f"## [{inline(stakeholder.title)}]({urls.link(INDEX, stakeholder)})\n")
        lines.append(markdown_text(stakeholder.description) + "\n")
        lines.append(recommendation_count(recs) + ":\n")
        lines.extend(f"- [{inline(r.title)}]({urls.link(INDEX, r)})" for r in recs)
        lines.append("")
    return "\n".join(lines) + "\n"


def render_stakeholder_page(site: Site, stakeholder: Stakeholder) -> str:
    page = urls.page_of(stakeholder)
    recs = site.recommendations_for(stakeholder)
    out = [
        # Recommendation titles are this page's headings: rank them above passing mentions elsewhere.
        front_matter({"title": stakeholder.title, "description": one_line(stakeholder.description), **search_boost(2), **edit_front_matter(site, stakeholder)}),
        record_heading(stakeholder, stakeholder.title),
        record_meta(stakeholder, page),
        '<div class="smf-lead" markdown>\n\n' + markdown_text(stakeholder.description) + "\n\n</div>\n\n",
        entry_citations(stakeholder.citations, page) + "\n\n",
        f"{recommendation_count(recs)}.\n\n",
    ]
    for rec in recs:
        out.append(_recommendation(site, rec, page))
    out.append(open_questions_section(stakeholder, page))
    out.append(record_actions(site, stakeholder, stakeholder.title))
    return "".join(out)


def _recommendation(site: Site, rec: Recommendation, page: str) -> str:
    # Former ids stay reachable as anchors, so links to a renamed recommendation still land here.
    old_anchors = "".join(f'<span id="{alias}"></span>' for alias in rec.aliases)
    out = [f"{old_anchors}\n\n" if old_anchors else "", f"## {inline(rec.title)} {{#{rec.id}}}\n\n", _recommendation_meta(rec, page)]
    out.append(markdown_text(rec.statement) + "\n\n")
    out.append(entry_citations(rec.citations, page) + "\n\n")
    out.append(_recommendation_gaps(rec, page))
    cases = site.case_studies_linked(rec, "exercises")
    if cases:
        out.append("Case studies exercising it:\n\n")
        out.append(link_list_html(page, ((c, c.organization.name) for c in sorted(cases, key=lambda c: c.title.lower())), indexed=True) + "\n\n")
    else:
        out.append("No published case study is recorded as exercising it yet.\n\n")
    out.append(local_graph_section(site, rec, page))
    return "".join(out)


def _recommendation_meta(rec: Recommendation, page: str) -> str:
    """The badge line of one recommendation; its count of open facts links to its own list, below its statement."""
    return record_meta(rec, page, questions=f"{rec.id}-open", disagreements=f"{rec.id}-open")


def _recommendation_gaps(rec: Recommendation, page: str) -> str:
    if not rec.missing and not rec.conflicts:
        return ""
    out = [f'<div class="smf-gaps" id="{rec.id}-open" markdown>\n\n']
    if rec.missing:
        out.append("Not yet known:\n\n" + "".join(f"- {markdown_text(item)}\n" for item in rec.missing) + "\n")
    if rec.conflicts:
        out.append("Where sources disagree:\n\n" + "".join(f"- **{inline(c.about)}**: {markdown_text(c.description)}\n" for c in rec.conflicts) + "\n")
    return "".join(out) + "</div>\n\n"
