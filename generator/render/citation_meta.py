"""Highwire Press and Dublin Core <meta> tags: what Google Scholar, Zotero and other reference managers read.

They describe the original work a page is about (the case study as published, the framework, the
source), not this site's page, and come from the same `cite.Work` as the visible "Cite" blocks and
the JSON-LD `isBasedOn`. The generator puts them in the page's front matter as `citation_meta`, a list
of [name, content] pairs, HTML-escaped here; overrides/partials/citation-meta.html prints them.
"""

from __future__ import annotations


from ..model import AnyRecord, PartialDate, Site
from . import escape
from .cite import Work, original_work

# Where the publisher is the periodical the work appeared in, Scholar reads citation_journal_title.
JOURNAL_TYPES = {"news-article"}
REPORT_TYPES = {"report", "case-study"}
DC_TYPES = {"dataset": "Dataset", "event": "Event"}  # DCMI Type Vocabulary; everything else is Text


def highwire_date(date: PartialDate) -> str:
    """Google Scholar's two forms: the full date as 2024/03/19, or the year alone (a month-precise date
    gives its year: Scholar has no month-only form). DC.date keeps the month ('2024-03')."""
    return f"{date.year:04d}/{date.month:02d}/{date.day:02d}" if date.day else f"{date.year:04d}"


def work_meta(work: Work) -> list[list[str]]:
    meta = [["citation_title", work.title]]
    meta += [["citation_author", name] for name in work.authors]
    if work.date:
        meta.append(["citation_publication_date", highwire_date(work.date)])
    meta.append(["citation_publisher", work.publisher])
    if work.type in JOURNAL_TYPES:
        meta.append(["citation_journal_title", work.publisher])
    elif work.type in REPORT_TYPES:
        meta.append(["citation_technical_report_institution", work.publisher])
    meta.append(["citation_public_url", work.url])
    if work.pdf:
        meta.append(["citation_pdf_url", work.pdf])
    meta.append(["DC.title", work.title])
    meta += [["DC.creator", name] for name in (work.authors or (work.publisher,))]
    if work.date:
        meta.append(["DC.date", work.date.iso])
    meta += [["DC.publisher", work.publisher], ["DC.identifier", work.url], ["DC.type", DC_TYPES.get(work.type, "Text")]]
    return meta


def citation_meta(site: Site, record: AnyRecord) -> list[list[str]] | None:
    """The tags for a case-study, framework or reference page; None (no tags) when the original is unknown.

    Values are HTML-escaped here, like the front matter's title and description, so no record text
    reaches the Markdown or the page as markup; the partial prints them as they are.
    """
    work = original_work(site, record)
    return [[name, escape.attr(value)] for name, value in work_meta(work)] if work else None
