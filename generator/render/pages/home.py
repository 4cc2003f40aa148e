"""The home page (/): what the framework is, what it asks of each group, the newest case studies, and the ways in.

Every fact on it comes from the records, as the pages it links to show them: the framework's
definition and date from the framework record (with its sources), the groups and their
recommendations, the case studies, and counts taken from the same lists the linked pages show.
"""

from __future__ import annotations

import re

from ...model import CaseStudy, Site
from ... import urls
from ..markup import MARKDOWN, MARKDOWN_SPAN
from ..feed import FEED_PATH
from ..text import citation_inline, date_html, front_matter, inline, markdown_text, one_line
from .coverage import exercised_by
from .open_questions import distinct_conflicts, has_gap

PAGE = "index.md"
NEWEST = 5  # case studies listed
INTRO_SOURCES = 2  # the framework record's first sources (its own site first) back the two sentences
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def is_documented(case: CaseStudy) -> bool:
    """A case study whose title or content is recorded; one known only by its organization and collection is not (CaseStudy.documented, as on /case-studies/)."""
    return case.documented


def first_sentences(text: str, count: int = 2) -> str:
    """The first `count` sentences of the first paragraph of some record Markdown."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    return " ".join(_SENTENCE_END.split(paragraph)[:count])


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def render_home(site: Site) -> str:
    fw = site.framework
    out = [
        front_matter({"title": "Home", "description": f"A sourced research record of {fw.title}: what it asks, who supports it, and the case studies they published.", "hide": ["navigation", "toc"]}),
        f"# {inline(site.publication.name)}\n\n",
        f'<p class="smf-lead">A sourced record of the {inline(fw.short_title)}: what it asks of each group, the organizations that support it, the case studies they published, and the publications about it.</p>\n\n',
        _framework_section(site),
        _counts(site),
        _stakeholders_section(site),
        _newest_section(site),
        _explore_section(site),
        _reading_section(),
    ]
    return "".join(out)


def _framework_section(site: Site) -> str:
    fw = site.framework
    sources = "; ".join(citation_inline(c, PAGE) for c in fw.citations[:INTRO_SOURCES])
    return (
        f'<div class="smf-home-framework" {MARKDOWN}>\n\n'
        f"## The framework {{#framework}}\n\n"
        f'<p class="smf-home-meta" {MARKDOWN_SPAN}>Launched {date_html(fw.launched)} · convened by [{inline(fw.convener.name)}]({urls.link(PAGE, fw.convener)}) · '
        f"[the framework on its official site]({fw.url})</p>\n\n"
        f"**[{inline(fw.title)}]({urls.link(PAGE, fw)})**. {markdown_text(first_sentences(fw.summary))}\n\n"
        f'<p class="smf-home-sources" {MARKDOWN_SPAN}>Sources: {sources}. [More about the framework]({urls.link(PAGE, fw)}): its core concepts, definitions, sources and timeline.</p>\n\n'
        "</div>\n\n"
    )


def _counts(site: Site) -> str:
    documented = sum(1 for c in site.case_studies.values() if is_documented(c))
    supporters = sum(1 for o in site.organizations.values() if o.is_supporter)
    items = [
        (documented, "documented case study", "documented case studies", "case-studies/index.md"),
        (supporters, "supporting organization", "supporting organizations", "organizations/index.md"),
        (len(site.recommendations), "recommendation", "recommendations", "recommendations/index.md"),
        (len(site.references), "source", "sources", "references/index.md"),
    ]
    cells = "".join(f"<li {MARKDOWN_SPAN}>[**{count}** {one if count == 1 else many}]({target})</li>" for count, one, many, target in items)
    return f'<ul class="smf-counts" aria-label="The record in numbers" {MARKDOWN}>{cells}</ul>\n\n'


def _stakeholders_section(site: Site) -> str:
    out = ["## What it asks of each group {#groups}\n\n", f'<div class="smf-cards" {MARKDOWN}>\n\n']
    for stakeholder in site.stakeholders.values():
        recs = site.recommendations_for(stakeholder)
        out.append(f"- **[{inline(stakeholder.title)}]({urls.link(PAGE, stakeholder)})**  \n")
        out.append(f"    {_plural(len(recs), 'recommendation')} recorded:\n\n")
        out.extend(f"    - [{inline(r.title)}]({urls.link(PAGE, r)})\n" for r in recs)
        out.append("\n")
    out.append("</div>\n\n")
    return "".join(out)


def _newest_section(site: Site) -> str:
    documented = [c for c in site.case_studies_sorted() if is_documented(c)]
    undocumented = len(site.case_studies) - len(documented)
    out = ["## Newest case studies {#newest}\n\n"]
    if not documented:
        out.append("No case study is documented yet.\n\n")
    else:
        out.append(f'<ul class="smf-newest" {MARKDOWN}>\n')
        for case in documented[:NEWEST]:
            out.append(
                f'<li {MARKDOWN}><span class="smf-newest__meta">{inline(case.organization.short_name)} · {date_html(case.published)}</span>'
                f"[{inline(case.title)}]({urls.link(PAGE, case)})" + (f'<span class="smf-newest__summary">{inline(one_line(case.summary))}</span>' if case.summary else "") + "</li>\n"
            )
        out.append("</ul>\n\n")
    more = f"[All {_plural(len(documented), 'documented case study', 'documented case studies')}](case-studies/index.md)"
    if undocumented:
        more += f"; {_plural(undocumented, 'more is', 'more are')} known but not yet documented (see [open questions](open-questions.md))"
    out.append(more + ".\n\n")
    return "".join(out)


def _explore_section(site: Site) -> str:
    exercised = exercised_by(site)
    covered = sum(1 for cases in exercised.values() if cases)
    records = site.all_records()
    gaps = sum(1 for r in records if has_gap(r))
    conflicts = len(distinct_conflicts(site))
    entries = [
        ("graph.md", "Graph", f"How the {len(site.graph.nodes)} records cite, support and exercise one another, drawn and listed."),
        ("coverage.md", "Coverage", f"Which recommendations have evidence from practice: {covered} of {len(site.recommendations)} have at least one case study."),
        ("open-questions.md", "Open questions", f"{_plural(gaps, 'record')} with facts still unknown, and {_plural(conflicts, 'place')} where sources disagree."),
        ("data/index.md", "Data", "Every record as JSON, the case studies as a spreadsheet, the bibliography for citation managers, and the graph."),
    ]
    out = ["## Explore the record {#explore}\n\n", f'<div class="smf-cards smf-cards--explore" {MARKDOWN}>\n\n']
    out.extend(f"- **[{title}]({target})**  \n    {text}\n" for target, title, text in entries)
    out.append("\n</div>\n\n")
    out.append(f"New and updated case studies and publications are also in an [Atom feed]({FEED_PATH}), for a feed reader.\n\n")
    return "".join(out)


def _reading_section() -> str:
    return (
        "## How to read a record {#reading}\n\n"
        "Every statement on a record page links to its sources, and every source is graded as primary, secondary or weak. "
        "Each record has a status: **confirmed** (every field checked against a cited source), **partial** (some facts are "
        "unknown, and the page lists which) or **unverified** (seen only in weak sources). Facts that are not known are shown "
        "as unknown, not guessed. The [methodology](methodology.md) explains how sources are graded and how gaps are tracked.\n"
    )
