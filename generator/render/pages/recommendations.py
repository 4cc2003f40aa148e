"""The recommendations index (/recommendations/) and one page per stakeholder group with an anchor per recommendation."""

from __future__ import annotations

from ...model import Recommendation, Site, Stakeholder
from ... import urls
from ..markup import search_boost
from .neighbourhood import local_graph_section
from ..text import entry_citations, front_matter, inline, markdown_text, one_line, status_block

INDEX = "recommendations/index.md"


def render_recommendations_index(site: Site) -> str:
    lines = [
        front_matter({"title": "Recommendations", "description": "What the framework asks of each stakeholder group, as far as public sources show."}),
        "# Recommendations\n",
        "The framework groups its practices by who is acting. Each group's page lists the recommendations "
        "that public sources tie to it, and under each one the case studies that exercise it.\n",
    ]
    for stakeholder in site.stakeholders.values():
        recs = site.recommendations_for(stakeholder)
        lines.append(f"## [{inline(stakeholder.title)}]({urls.link(INDEX, stakeholder)})\n")
        lines.append(markdown_text(stakeholder.description) + "\n")
        lines.extend(f"- [{inline(r.title)}]({urls.link(INDEX, r)})" for r in recs)
        lines.append("")
    return "\n".join(lines) + "\n"


def render_stakeholder_page(site: Site, stakeholder: Stakeholder) -> str:
    page = urls.page_of(stakeholder)
    recs = site.recommendations_for(stakeholder)
    out = [
        # Recommendation titles are this page's headings: rank them above passing mentions elsewhere.
        front_matter({"title": stakeholder.title, "description": one_line(stakeholder.description), **search_boost(2)}),
        f"# {inline(stakeholder.title)}\n\n",
        markdown_text(stakeholder.description) + "\n\n",
        entry_citations(stakeholder.citations, page) + "\n\n",
        f"{len(recs)} recommendation{'s' if len(recs) != 1 else ''} recorded for this group.\n\n",
    ]
    for rec in recs:
        out.append(_recommendation(site, rec, page))
    return "".join(out)


def _recommendation(site: Site, rec: Recommendation, page: str) -> str:
    # Former ids stay reachable as anchors, so links to a renamed recommendation still land here.
    old_anchors = "".join(f'<span id="{alias}"></span>' for alias in rec.aliases)
    out = [f"{old_anchors}\n\n" if old_anchors else "", f"## {inline(rec.title)} {{#{rec.id}}}\n\n", status_block(rec)]
    out.append(markdown_text(rec.statement) + "\n\n")
    out.append(entry_citations(rec.citations, page) + "\n\n")
    cases = site.case_studies_linked(rec, "exercises")
    if cases:
        out.append("Case studies exercising it:\n\n")
        out.extend(f"- [{inline(c.title)}]({urls.link(page, c)}) ({inline(c.organization.name)})\n" for c in sorted(cases, key=lambda c: c.title.lower()))
        out.append("\n")
    else:
        out.append("No published case study is recorded as exercising it yet.\n\n")
    out.append(local_graph_section(site, rec, page))
    return "".join(out)
