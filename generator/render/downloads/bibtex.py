"""BibTeX: entries for the site's own pages and for every source in the bibliography (/data/references.bib).

Keys are the record's address on the site, e.g. `smf:case-studies/bbc-face-swapping`, so they never
change while the URL does not. Text is written as LaTeX that both BibTeX and biber accept: every
special character becomes a command whose braces stay balanced (BibTeX counts braces even after a
backslash, so `\\{` alone would break the whole file), and non-ASCII letters stay UTF-8.
"""

from __future__ import annotations

import functools
import re

from ...kinds import REFERENCE_TYPES
from ...model import AnyRecord, PartialDate, Publication, Reference, Site
from ... import urls
from ..licence import release_line
from ...line_memo import kept_lines

# One replacement per character, applied in a single pass so no replacement is escaped twice.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"$\lbrace$",
    "}": r"$\rbrace$",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"$<$",  # plain '<', '>' and '|' print other glyphs in LaTeX's default OT1 font encoding
    ">": r"$>$",
    "|": r"$|$",
}
# In a URL only the characters that would unbalance the entry or end it need care.
_URL = {"{": "%7B", "}": "%7D", " ": "%20", "\\": "%5C"}
_URL_TABLE = str.maketrans(_URL)

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

ENTRY_TYPES = {name: kind.bibtex for name, kind in REFERENCE_TYPES.items()}


# Pairs TeX fonts turn into one glyph ('--' an en dash, "''" a closing quote, '!`' an inverted '!').
_LIGATURES = {("-", "-"), ("`", "`"), ("'", "'"), ("!", "`"), ("?", "`"), (",", ",")}


# Any character or pair latex_text changes; most titles and names have none and skip the loop.
_NEEDS_WORK = re.compile("[" + re.escape("".join(_LATEX)) + "]|" + "|".join(re.escape(a + b) for a, b in _LIGATURES))


def latex_text(text: str) -> str:
    """Plain text as LaTeX that prints the same characters: specials escaped, ligatures broken with {},
    whitespace collapsed (LaTeX collapses it anyway)."""
    text = " ".join(text.split())
    if not _NEEDS_WORK.search(text):
        return text
    out = []
    for index, char in enumerate(text):
        out.append(_LATEX.get(char, char))
        if (char, text[index + 1 : index + 2]) in _LIGATURES:
            out.append("{}")
    return "".join(out)


def latex_url(url: str) -> str:
    return url.strip().translate(_URL_TABLE)


def citation_key(record: AnyRecord) -> str:
    """'smf:' and the record's address without the trailing slash: stable as long as the URL is."""
    return "smf:" + urls.url_of(record).rstrip("/")


def name_list(names: tuple[str, ...] | list[str]) -> str:
    """Authors joined by ' and '; a name BibTeX would split or reorder (a comma, an 'and') is braced whole."""
    out = []
    for name in names:
        text = latex_text(name)
        needs_braces = "," in name or " and " in f" {name.lower()} "
        out.append("{" + text + "}" if needs_braces else text)
    return " and ".join(out)


def date_fields(date: PartialDate | None) -> list[tuple[str, str]]:
    if not date:
        return []
    fields = [("year", str(date.year))]
    if date.month:
        fields.append(("month", MONTH_MACROS[date.month - 1]))  # a macro, which both bibtex and biber know
    fields.append(("date", date.iso))
    return fields


def format_entry(entry_type: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    """One entry; values are already LaTeX. A bare month macro is written without braces."""
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields:
        if value is None or value == "":
            continue
        written = value if name == "month" and value in MONTH_MACROS else "{" + value + "}"
        lines.append(f"  {name} = {written},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def reference_entry(ref: Reference) -> str:
    """The source itself (not our page about it): what a researcher puts in their bibliography."""
    return _entry(citation_key(ref), ref)


def work_entry(work) -> str:
    """A cite.Work (the original of a case study or of the framework, or a source) under its own key."""
    return _entry(work.key, work)


def _entry(key: str, ref) -> str:
    """`ref`: anything with a reference's title, type, publisher, authors, date and url."""
    entry_type = ENTRY_TYPES.get(ref.type, "misc")
    publisher = latex_text(ref.publisher)
    fields: list[tuple[str, str | None]] = [
        ("title", "{" + latex_text(ref.title) + "}"),  # double braces keep the capitals styles would lower
        ("author", name_list(ref.authors) if ref.authors else None),
        *date_fields(ref.date),
    ]
    if entry_type == "techreport":
        fields.append(("institution", publisher))
    elif entry_type == "article":
        fields.append(("journal", publisher))
    else:
        fields.append(("howpublished", publisher))
    fields.append(("url", latex_url(ref.url)))
    return format_entry(entry_type, key, fields)


def page_entry(publication: Publication, record: AnyRecord) -> str:
    """One of the site's own pages (a case study summary, an organization, the framework page)."""
    updated = record.updated
    fields: list[tuple[str, str | None]] = [
        ("title", "{" + latex_text(record.title) + "}"),
        ("author", "{" + latex_text(publication.name) + "}"),  # a body, not a person: braced whole
        *date_fields(updated),
        ("url", latex_url(publication.permalink(urls.url_of(record)))),
        ("note", latex_text(f"Last updated {updated.human}" if updated else "Date of last update unknown")),
    ]
    # A reference's own key names the source; its page here gets a key of its own.
    key = citation_key(record) + ("/record" if isinstance(record, Reference) else "")
    return format_entry("misc", key, fields)


def bibliography(site: Site) -> str:
    """The whole bibliography, ordered by key so the file diffs cleanly between builds."""
    publication = site.publication
    header = f"% Bibliography of {publication.name} ({publication.permalink('')}).\n% {release_line(publication)}\n% Keys are the records' addresses on the site; they stay stable while the addresses do.\n\n"
    refs = sorted(site.references.values(), key=citation_key)
    with kept_lines("references.bib") as lines:
        return header + "\n".join(lines.line(ref.id, lines.made_from(ref), functools.partial(reference_entry, ref)) for ref in refs)
