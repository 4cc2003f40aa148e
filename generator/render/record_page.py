"""What every record page shares, in the same words everywhere.

- The heading names the kind of record for search results and screen readers ("Case study · …"),
  while the visible title stays the record's own; its anchor stays the one MkDocs gave it before.
- Under it, one line: a status badge that links to its legend, how many facts are still open (a
  link to the list, counted from that same list), and when the record was last updated.
- At the end: the open questions, and links to edit the record's file or to suggest a correction.
- Case studies whose title and content are unknown are "known, not yet documented": listed apart,
  by organization and collection, never as if they were documented.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify  # the anchor MkDocs' toc extension gives a heading

from ..model import AnyRecord, CaseStudy, Site
from .. import urls
from . import escape
from .cite import cite_section
from .markup import SEARCH_EXCLUDE, link_list_html, spliced_html
from .text import STATUS_LABELS, citation_inline, date_html, inline, markdown_text, sources_section

KIND_LABELS = {
    "framework": "Framework",
    "stakeholder": "Recommendations",
    "case-study": "Case study",
    "organization": "Organization",
    "reference": "Source",
    "collection": "Collection",
}
STATUS_LEGEND = "methodology.md#status-of-a-record"  # content/methodology.md explains each badge
UNDOCUMENTED_HEADING = "Known case studies not yet documented"


def record_heading(record: AnyRecord, title: str) -> str:
    """The page's H1: the kind of record, hidden on screen, then the title, with the anchor the plain title always had."""
    kind = KIND_LABELS[record.kind]
    anchor = slugify(title, "-")  # empty for a title without ASCII letters or digits: the toc then numbers it, as before
    return f'# <span class="smf-kind">{kind} · </span>{inline(title)}' + (f" {{#{anchor}}}" if anchor else "") + "\n\n"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def record_meta(record: AnyRecord, page: str, questions: str = "open-questions", disagreements: str = "where-sources-disagree") -> str:
    """The line under the title: status badge (linked to its legend), open facts and disagreements (linked to their lists), last update.

    `questions` and `disagreements` are the anchors of those lists on the page. Finished HTML (search skips the line, and Markdown need not read it); the legend's link is written
    to its Markdown file, which smf-splice resolves and checks as MkDocs would.
    """
    legend = urls.relative(page, STATUS_LEGEND)
    parts = [f'<a class="smf-badge smf-badge--{record.status}" href="{escape.attr(legend)}" title="What the statuses mean">{STATUS_LABELS[record.status]}</a>']
    if record.missing:
        parts.append(f'<a href="#{questions}">{plural(len(record.missing), "open question")}</a>')
    if record.conflicts:
        parts.append(f'<a href="#{disagreements}">sources disagree on {plural(len(record.conflicts), "point")}</a>')
    if record.updated:
        parts.append(f"Last updated {date_html(record.updated)}")
    return spliced_html(f'<p class="smf-record-meta" {SEARCH_EXCLUDE}>' + " · ".join(parts) + "</p>") + "\n\n"


def open_questions_section(record: AnyRecord, from_page: str) -> str:
    """Facts still unknown and conflicts between sources, at the end of the page: the record leads with what is known."""
    out = []
    if record.missing:
        out.append(f"## Open questions {{#open-questions}}\n\n{plural(len(record.missing), 'fact is', 'facts are')} not yet known:\n")
        out.extend(f"- {markdown_text(item)}" for item in record.missing)
        out.append("")
    if record.conflicts:
        out.append(f"## Where sources disagree {{#where-sources-disagree}}\n\nSources disagree on {plural(len(record.conflicts), 'point')}:\n")
        for conflict in record.conflicts:
            sources = "; ".join(citation_inline(c, from_page) for c in conflict.citations)
            out.append(f"- **{inline(conflict.about)}**: {markdown_text(conflict.description)} Sources: {sources}.")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def record_actions(site: Site, record: AnyRecord, title: str) -> str:
    """'Edit this record' (the YAML file it is built from) and 'Suggest a correction' (a new issue naming the page)."""
    publication = site.publication
    edit = publication.edit_url(record.source_path)
    issue = publication.issue_url(f"Correction: {title}", publication.permalink(urls.url_of(record)))
    links = []
    if edit:
        links.append(f'<a href="{escape.attr(edit)}">Edit this record</a>')
    if issue:
        links.append(f'<a href="{escape.attr(issue)}">Suggest a correction</a>')
    if not links:
        return ""
    return spliced_html(f'<p class="smf-record-actions" {SEARCH_EXCLUDE}>' + " · ".join(links) + "</p>") + "\n"


def edit_front_matter(site: Site, record: AnyRecord) -> dict:
    """Front matter for the engine: the address of the record's file in the repository (Material's edit button)."""
    edit = site.publication.edit_url(record.source_path)
    return {"edit_url": edit} if edit else {}


# --- case studies known but not yet documented -------------------------------------------------


def documented_case_studies(cases: list[CaseStudy]) -> list[CaseStudy]:
    return [c for c in cases if c.documented]


def undocumented_case_studies(site: Site) -> list[CaseStudy]:
    """Known case studies whose title and content are not yet recorded, by organization."""
    return sorted((c for c in site.case_studies.values() if not c.documented), key=lambda c: (c.organization.name.lower(), c.id))


def undocumented_item(case: CaseStudy, page: str) -> str:
    """One line: organization, collection, what is known (a date, the original's address), and the page with its sources."""
    known = [f"in [{inline(case.collection.title)}]({urls.link(page, case.collection)})"]
    if case.published:
        known.append(f"published {date_html(case.published)}")
    known.append(f"original at <{case.url}>" if case.url else "address of the original not yet known")
    return f"- [{inline(case.organization.name)}]({urls.link(page, case.organization)}): {', '.join(known)}. [What is known so far]({urls.link(page, case)})"


def undocumented_section(site: Site, page: str, heading_level: int = 2, cases: list[CaseStudy] | None = None) -> str:
    """'Known case studies not yet documented' for /case-studies/ and /open-questions/; empty when there are none."""
    cases = undocumented_case_studies(site) if cases is None else cases
    if not cases:
        return ""
    heading = "#" * heading_level + f" {UNDOCUMENTED_HEADING} {{#not-yet-documented}}\n\n"
    intro = f"{plural(len(cases), 'case study is', 'case studies are')} known to exist, but neither title nor content has been found yet. Each links to what is known and to the sources that show it exists.\n\n"
    return heading + intro + "\n".join(undocumented_item(c, page) for c in cases) + "\n\n"


def case_count(cases: list[CaseStudy]) -> str:
    """'2 documented case studies, and 1 known but not yet documented', counted from the list shown beside it."""
    documented = sum(1 for c in cases if c.documented)
    known = len(cases) - documented
    text = plural(documented, "documented case study", "documented case studies") if documented else "No documented case study yet"
    if known:
        text += f", and {known} known but not yet documented" if documented else f"; {known} known but not yet documented"
    return text


def case_link_list(cases: list[CaseStudy], page: str, with_organization: bool = True) -> str:
    """Documented cases as a list, then the ones not yet documented in a line of their own (for organization and collection pages)."""
    documented = [c for c in cases if c.documented]
    known = [c for c in cases if not c.documented]
    text = link_list_html(page, ((c, c.organization.name if with_organization else "") for c in documented), indexed=True) + "\n\n" if documented else ""
    if known:
        links = ", ".join(f"[{inline(c.organization.short_name if with_organization else c.collection.title)}]({urls.link(page, c)})" for c in known)
        text += f"Known but not yet documented: {links}.\n\n"
    return text


def record_page_end(site: Site, record: AnyRecord, page: str, title: str, sources_heading: str = "## Sources") -> str:
    """How a sourced record's page ends, the same on every kind: its sources, what is still unknown,
    how to cite it, and the links to edit it or suggest a correction."""
    return "".join(
        (
            sources_section(getattr(record, "citations", ()), page, heading=sources_heading),
            open_questions_section(record, page),
            cite_section(site, record, page),
            record_actions(site, record, title),
        )
    )
