"""/data/case-studies.csv: one row per case study, for spreadsheets.

Lists of ids are joined with '; ' (ids never contain it); lists of free text (titles, names, lessons)
one item per line inside the cell, since the text itself may contain any punctuation. A cell that a
spreadsheet would take for a formula starts with an apostrophe.
"""

from __future__ import annotations

import csv
import functools
import io

from ...model import CaseStudy, Site
from ... import urls
from ...line_memo import kept_lines

ID_SEPARATOR = "; "
TEXT_SEPARATOR = "\n"
COLUMNS = (
    "id",
    "title",
    "organization",
    "organization_name",
    "collection",
    "collection_title",
    "published",
    "role",
    "status",
    "practices",
    "practice_titles",
    "tags",
    "authors",
    "summary",
    "lessons",
    "original_url",
    "references",
    "updated",
    "page_url",
    "data_version",
    "data_built",
)


def case_row(site: Site, case: CaseStudy) -> dict[str, str]:
    def ids(items) -> str:
        return ID_SEPARATOR.join(items)

    def texts(items) -> str:
        return TEXT_SEPARATOR.join(" ".join(str(i).split()) for i in items)

    return {
        "id": case.id,
        "title": case.title,
        "organization": case.organization.id,
        "organization_name": case.organization.name,
        "collection": case.collection.id,
        "collection_title": case.collection.title,
        "published": case.published.iso if case.published else "",
        "role": case.role or "",
        "status": case.status,
        "practices": ids(p.id for p in case.practices),
        "practice_titles": texts(p.title for p in case.practices),
        "tags": ids(t.id for t in case.tags),
        "authors": texts(case.authors),
        "summary": (case.summary or "").strip(),
        "lessons": texts(case.lessons),
        "original_url": case.url or "",
        "references": ids(c.reference.id for c in case.citations),
        "updated": case.updated.iso if case.updated else "",
        "page_url": site.publication.permalink(urls.url_of(case)),
        # Which build the row comes from, so a row copied elsewhere still says so.
        "data_version": site.publication.version,
        "data_built": site.publication.built,
    }


# A cell a spreadsheet would run as a formula (OWASP's "CSV injection"): '=', '+', '-' or '@' at its
# start, or a tab or carriage return, after which some programs start a new cell that can be one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe is the spreadsheet's own 'this is text'."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def case_studies_csv(site: Site) -> str:
    """Newest first, like the index page; CRLF line ends as RFC 4180 and spreadsheet programs expect."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    rows = [out.getvalue()]

    def row(case: CaseStudy) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow({column: safe_cell(value) for column, value in case_row(site, case).items()})
        return out.getvalue()

    with kept_lines("case-studies.csv") as lines:
        rows += (lines.line(case.id, lines.made_from(case), functools.partial(row, case)) for case in site.case_studies_sorted())
    return "".join(rows)
