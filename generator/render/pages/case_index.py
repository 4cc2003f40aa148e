"""The case-study table on /case-studies/ and the filter form that case-index.js brings to life.

Without JavaScript the page is a complete table, newest first, and the form stays hidden. Each row
carries its facets as data attributes (ids, never display text, except the lower-cased text the
free-text filter searches), and each cell its sort value, so the script reads everything it needs
from the page itself. The table is finished HTML whose links are relative .md links, which MkDocs
(through smf-splice) resolves and checks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from ...line_memo import kept_lines
from ...model import CaseStudy, Site
from ..escape import attr, text
from ..markup import SEARCH_EXCLUDE, record_link_html
from ..text import ROLE_LABELS, date_html, one_line

# The URL query parameter of each filter; public interface (filtered views are linked and shared).
FILTERS = (("q", "Text"), ("org", "Organization"), ("role", "Role"), ("collection", "Collection"), ("year", "Year"), ("practice", "Practice"), ("tag", "Tag"))
COLUMNS = (("date", "Date"), ("organization", "Organization"), ("title", "Title"), ("collection", "Collection"), ("role", "Role"), ("status", "Status"))
UNKNOWN = "unknown"  # the facet value of a missing role or date


def search_text(case: CaseStudy) -> str:
    """What the text filter matches: lower case, accents removed (the script folds the query the same way)."""
    parts = [case.title, case.organization.name, case.organization.short_name, case.collection.title, ROLE_LABELS.get(case.role or "", ""), *(t.title for t in case.tags), *(p.title for p in case.practices)]
    if case.summary:
        parts.append(one_line(case.summary, limit=400))
    text = " ".join(" ".join(parts).split()).lower()
    if text.isascii():  # most are: nothing to decompose or remove
        return text
    # Only the characters beyond ASCII are looked at: a summary is mostly ASCII even when a name is not.
    return _BEYOND_ASCII.sub(_without_marks, unicodedata.normalize("NFD", text))


_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(match: re.Match) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


def _row(case: CaseStudy, page: str) -> str:
    role = ROLE_LABELS[case.role] if case.role else "Unknown"
    facets = {f"data-{name}": " ".join(values) for name, values in case_facets(case).items()}
    facets["data-q"] = search_text(case)
    attributes = " ".join(f'{name}="{attr(value)}"' for name, value in facets.items())
    summary = f'<span class="smf-case-summary">{text(one_line(case.summary))}</span>' if case.summary else ""
    # data-label names each cell where a narrow screen shows the row as a card (case-index.css).
    cells = [
        f'<td data-label="Date" data-sort="{attr(case.published.iso if case.published else "")}">{date_html(case.published)}</td>',
        f'<td data-label="Organization" data-sort="{attr(case.organization.short_name.lower())}">{record_link_html(page, case.organization, case.organization.short_name)}</td>',
        f'<td class="smf-case-title" data-sort="{attr(case.title.lower())}">{record_link_html(page, case)}{summary}</td>',
        f'<td data-label="Collection" data-sort="{attr(case.collection.title.lower())}">{record_link_html(page, case.collection)}</td>',
        f'<td data-label="Role">{role}</td>',
        f'<td data-label="Status">{attr(case.status.capitalize())}</td>',
    ]
    return f"<tr {attributes}>\n" + "\n".join(cells) + "\n</tr>"


def case_table(cases: list[CaseStudy], page: str) -> str:
    """The complete table in the order given (newest first), Date marked as the sorted column.

    Finished HTML (the index page splices it in): at 1,000 case studies it is 1.7 MB, which Markdown
    took seconds to read on every build that changed a title. Search leaves it out: each case study's
    own page is indexed.
    """
    head = "".join(f'<th scope="col" data-sort-key="{key}"' + (' aria-sort="descending"' if key == "date" else "") + f">{label}</th>" for key, label in COLUMNS)
    with kept_lines("case-table.html") as lines:
        rows = "\n".join(lines.line(case.id, lines.made_from(case, page), functools.partial(_row, case, page)) for case in cases)
    return f"<table {SEARCH_EXCLUDE}>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"


def _option(value: str, text: str, counts: dict[str, int]) -> str:
    return f'<option value="{attr(value)}">{attr(text)} ({counts.get(value, 0)})</option>'


def _select(name: str, label: str, options: list[tuple[str, Any]], counts: dict[str, int], grouped: bool = False) -> str:
    """A filter; each option says how many case studies of the whole list it matches."""
    out = [f'<label class="smf-case-filter">{label} <select name="{name}"><option value="">All</option>']
    if grouped:
        for group, items in options:
            out.append(f'<optgroup label="{attr(group)}">' + "".join(_option(v, t, counts) for v, t in items) + "</optgroup>")
    else:
        out.extend(_option(v, t, counts) for v, t in options)
    out.append("</select></label>")
    return "".join(out)


def case_facets(case: CaseStudy) -> dict[str, list[str]]:
    """The values a case study has for each filter (ids, never display text): its row's data attributes, and the options' counts."""
    return {
        "org": [case.organization.id],
        "role": [case.role or UNKNOWN],
        "collection": [case.collection.id],
        "year": [str(case.published.year) if case.published else UNKNOWN],
        "practice": list(dict.fromkeys(p.id for p in case.practices)),
        "tag": list(dict.fromkeys(t.id for t in case.tags)),
    }


def facet_counts(cases: list[CaseStudy]) -> dict[str, dict[str, int]]:
    """{filter name: {value: number of case studies with it}}."""
    counts: dict[str, dict[str, int]] = {name: {} for name, _ in FILTERS if name != "q"}
    for case in cases:
        for name, values in case_facets(case).items():
            for value in values:
                counts[name][value] = counts[name].get(value, 0) + 1
    return counts


def filter_form(site: Site, cases: list[CaseStudy]) -> str:
    """Hidden until the script runs; offers only values some case study has; kept out of the search index."""
    orgs = sorted({c.organization.id: c.organization for c in cases}.values(), key=lambda o: o.name.lower())
    roles = [(r, ROLE_LABELS[r]) for r in ROLE_LABELS if any(c.role == r for c in cases)]
    if any(not c.role for c in cases):
        roles.append((UNKNOWN, "Unknown"))
    collections = sorted({c.collection.id: c.collection for c in cases}.values(), key=lambda col: (col.date.sort_key if col.date else (0, 0, 0), col.title.lower()), reverse=True)
    years = [(str(y), str(y)) for y in sorted({c.published.year for c in cases if c.published}, reverse=True)]
    if any(not c.published for c in cases):
        years.append((UNKNOWN, "Undated"))
    used_practices = {p.id for c in cases for p in c.practices}
    practice_groups = [(s.title, [(r.id, r.title) for r in site.recommendations_for(s) if r.id in used_practices]) for s in site.stakeholders.values()]
    used_tags = {t.id for c in cases for t in c.tags}
    tags = [(t.id, t.title) for t in sorted(site.tags.values(), key=lambda t: t.title.lower()) if t.id in used_tags]
    counts = facet_counts(cases)
    controls = [
        '<label class="smf-case-filter smf-case-filter--text">Text <input type="search" name="q" autocomplete="off" placeholder="Title, organization, summary…"></label>',
        _select("org", "Organization", [(o.id, o.name) for o in orgs], counts["org"]),
        _select("role", "Role", roles, counts["role"]),
        _select("collection", "Collection", [(c.id, c.title) for c in collections], counts["collection"]),
        _select("year", "Year", years, counts["year"]),
        _select("practice", "Practice", [g for g in practice_groups if g[1]], counts["practice"], grouped=True),
        _select("tag", "Tag", tags, counts["tag"]),
    ]
    return (
        f'<form class="smf-case-filters" data-smf-case-filters {SEARCH_EXCLUDE} hidden>'
        "<fieldset><legend>Filter the case studies</legend>" + "".join(controls) + '<button type="reset" class="md-button">Clear filters</button>'
        "</fieldset></form>\n"
        f'<p class="smf-case-count" role="status" data-smf-case-count {SEARCH_EXCLUDE} hidden></p>\n'
    )
