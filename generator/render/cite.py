"""'Cite this page' blocks: an APA-like suggested citation and a BibTeX entry, each in a code block.

Material gives every code block a copy button (the `content.code.copy` feature), so the citation
text sits in one too, wrapped by CSS instead of scrolling. Both are plain text: the theme's syntax
colours for BibTeX fall below WCAG contrast. The section is kept out of the search
index: the same citation on every page would otherwise make each page match the site's name.
"""

from __future__ import annotations

import re

from ..model import AnyRecord, PartialDate, Reference, Site
from .. import urls
from .downloads.bibtex import page_entry, reference_entry
from .markup import code_block_html, spliced_html

DATA_BIB = "data/references.bib"


def apa_date(date: PartialDate | None) -> str:
    """APA's date in parentheses, as precise as the record: (2024, March 19), (2024, March), (2024), (n.d.)."""
    if not date:
        return "(n.d.)"
    text = str(date.year)
    if date.month:
        text += ", " + PartialDate(date.year, date.month).human.split()[0]
        if date.day:
            text += f" {date.day}"
    return f"({text})"


def apa_person(name: str) -> str:
    """'Claire R. Leibowicz' → 'Leibowicz, C. R.'; a one-word name stays as it is."""
    words = name.split()
    if len(words) < 2:
        return name.strip()
    initials = " ".join(_initial(word) for word in words[:-1])
    return f"{words[-1]}, {initials}"


def _initial(word: str) -> str:
    return "-".join(part[0] + "." for part in word.split("-") if part)


def apa_authors(names: tuple[str, ...]) -> str:
    people = [apa_person(n) for n in names]
    if len(people) == 1:
        return people[0]
    return ", ".join(people[:-1]) + ", & " + people[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


def page_citation(site: Site, record: AnyRecord) -> str:
    """The site is the author, so APA leaves out the site name; the date is the record's last update."""
    publication = site.publication
    return " ".join(
        [_sentence(publication.name), apa_date(record.updated) + ".", _sentence(record.title), publication.permalink(urls.url_of(record))]
    )


def reference_citation(ref: Reference) -> str:
    """The source itself, with its own address; the publisher is the author when no person is named."""
    parts = [_sentence(apa_authors(ref.authors)) if ref.authors else _sentence(ref.publisher), apa_date(ref.date) + ".", _sentence(ref.title)]
    if ref.authors:
        parts.append(_sentence(ref.publisher))
    parts.append(ref.url)
    return " ".join(parts)


def code_block(text: str, language: str) -> str:
    """A fenced block whose fence is longer than any backtick run in the text, so no record can close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence} {language}\n{text.rstrip()}\n{fence}\n"


def _code(text: str, language: str) -> str:
    # The same block as code_block() gives after Markdown, but finished: Markdown never reads it.
    return spliced_html(code_block_html(text, language)) + "\n"


def cite_section(site: Site, record: AnyRecord, page: str) -> str:
    """Markdown for a record page: a suggested citation and a BibTeX entry, each with a copy button."""
    bib_link = urls.relative(page, DATA_BIB)
    out = ["## Cite this page { #cite-this-page data-search-exclude }\n\n", '<div class="smf-cite" markdown>\n\n']
    if isinstance(record, Reference):
        out += [
            "To cite the source itself:\n\n",
            _code(reference_citation(record), "text"),
            f"\nBibTeX, as in the site's [bibliography]({bib_link}):\n\n",
            _code(reference_entry(record), "text"),
            "\nTo cite this record of it on this site:\n\n",
            _code(page_citation(site, record), "text"),
        ]
    else:
        out += [
            "Suggested citation:\n\n",
            _code(page_citation(site, record), "text"),
            "\nBibTeX:\n\n",
            _code(page_entry(site.publication, record), "text"),
        ]
    out.append("\n</div>\n\n")
    return "".join(out)
