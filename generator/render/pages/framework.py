"""The framework page (/framework/): summary, core concepts, practices for all, definitions, review, timeline."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Entry, PartialDate, Site
from ... import urls
from ..markup import MARKDOWN, search_boost
from ..citation_meta import citation_meta
from ..structured_data import record_json_ld
from ..record_page import edit_front_matter, record_heading, record_meta, record_page_end
from ..text import date_html, entry_citations, front_matter, inline, markdown_text, one_line
from .recommendations import recommendation_count

PAGE = "framework.md"


@dataclass(frozen=True)
class TimelineEvent:
    date: PartialDate
    text: str  # Markdown, links relative to the framework page
    kind: str


def timeline_events(site: Site, page: str = PAGE) -> list[TimelineEvent]:
    """Every dated fact in the records, oldest first; a month-precise event sorts before that month's dated days."""
    fw = site.framework
    events = [TimelineEvent(fw.launched, f"The framework is launched, convened by [{inline(fw.convener.name)}]({urls.link(page, fw.convener)}).", "launch")]
    for org in site.organizations.values():
        if org.is_supporter and org.joined:
            events.append(TimelineEvent(org.joined, f"[{inline(org.name)}]({urls.link(page, org)}) becomes a supporter.", "supporter"))
    for collection in site.collections.values():
        if collection.date:
            count = len(site.graph.incoming(collection, "in"))
            events.append(TimelineEvent(collection.date, f"Case studies published: [{inline(collection.title)}]({urls.link(page, collection)}) ({count} case studies).", "collection"))
    for ref in site.references.values():
        if ref.date and ref.type != "case-study":
            events.append(TimelineEvent(ref.date, f"Published: [{inline(ref.title)}]({urls.link(page, ref)}) ({inline(ref.publisher)}).", "publication"))
    return sorted(events, key=lambda e: (e.date.sort_key, e.kind, e.text))


def render_timeline(events: list[TimelineEvent]) -> str:
    out, year = [f'<div class="smf-timeline" {MARKDOWN}>\n'], None
    for event in events:
        if event.date.year != year:
            year = event.date.year
            out.append(f"\n### {year}\n\n")
        out.append(f"- {date_html(event.date)}: {event.text}\n")
    out.append("\n</div>\n\n")
    return "".join(out)


def _entries(entries: tuple[Entry, ...]) -> str:
    out = []
    for entry in entries:
        out.append(f"### {inline(entry.title)} {{#{entry.id}}}\n\n{markdown_text(entry.text)}\n\n{entry_citations(entry.citations, PAGE)}\n\n")
    return "".join(out)


def render_framework(site: Site) -> str:
    """What the framework is, how it is built and when it was launched come first; what is unknown comes last."""
    fw = site.framework
    out = [
        front_matter({"title": fw.short_title, "description": one_line(fw.summary), **search_boost(2), "json_ld": record_json_ld(site, fw), "citation_meta": citation_meta(site, fw), **edit_front_matter(site, fw)}),
        record_heading(fw, fw.title),
        record_meta(fw, PAGE),
        '<div class="smf-lead" markdown>\n\n' + markdown_text(fw.summary) + "\n\n</div>\n\n",
        f"- **Short title:** {inline(fw.short_title)}\n- **Convener:** [{inline(fw.convener.name)}]({urls.link(PAGE, fw.convener)})\n- **Launched:** {date_html(fw.launched)}\n- **Official site:** <{fw.url}>\n\n",
        "## Stakeholder groups\n\n",
        "".join(f"- [{inline(s.title)}]({urls.link(PAGE, s)}): {recommendation_count(site.recommendations_for(s))}\n" for s in site.stakeholders.values()),
        "\n## Core concepts {#core-concepts}\n\n",
        _entries(fw.core_concepts),
        "## Practices asked of every organization {#practices-for-all}\n\n",
        "".join(f"- [{inline(r.title)}]({urls.link(PAGE, r)}): {markdown_text(r.statement)}\n" for r in fw.practices_for_all) + "\n",
    ]
    if fw.definitions:
        out += ["## Definitions {#definitions}\n\n", _entries(fw.definitions)]
    if fw.review_cadence:
        out += ["## Review {#review}\n\n", _entries((fw.review_cadence,))]
    out += ["## Timeline {#timeline}\n\n", "Dates are shown as precisely as the sources give them.\n\n", render_timeline(timeline_events(site))]
    out.append(record_page_end(site, fw, PAGE, fw.title))
    return "".join(out)
