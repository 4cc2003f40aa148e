"""Safe text for Markdown pages: record text is Markdown, but raw HTML in it is shown, never run."""

from __future__ import annotations

import json
import re

from ..model import Citation, PartialDate
from .. import urls
from . import escape

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|{}])")

# The status badge on every record page; content/methodology.md#status-of-a-record explains each.
STATUS_LABELS = {"confirmed": "Confirmed", "partial": "Partly confirmed", "unverified": "Unverified"}
RELIABILITY_LABELS = {"primary": "primary source", "secondary": "secondary source", "weak": "weak source"}
ROLE_LABELS = {"builder": "Builder", "creator": "Creator", "distributor": "Distributor", "analysis": "Analysis"}


def markdown_text(text: str) -> str:
    """Record Markdown with every '<' turned into an entity, so HTML in it is displayed, never run.

    This includes '<' inside code spans, where it then shows as '&lt;'. Guessing which backticks
    Python-Markdown will pair (it backtracks into runs, and '\\<' is not an escape for it) proved
    unsafe: any disagreement lets HTML through. Records are prose, so the cosmetic cost is small.
    """
    return text.replace("<", "&lt;").strip()


def inline(text: str) -> str:
    """A plain-text value (a title, a name) placed inside Markdown: no markup of its own survives."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", " ")


# A link's text and target stop at the next bracket (the target may hold one pair of parentheses), so
# every attempt ends at the next '[' or ']' and the whole search is linear: "[^\]]*" scanned to the end
# of the text from every '[', which took 5.5 s on a summary of 20,000 of them.
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\[\]]|\([^()\[\]]*\))*\)")
_EMPHASIS = re.compile(r"[*_`#>]")


def one_line(text: str, limit: int = 200) -> str:
    """First sentence of some Markdown, stripped of markup, for descriptions and previews."""
    plain = _LINK.sub(r"\1", text)
    plain = _EMPHASIS.sub("", plain)
    plain = " ".join(plain.split())
    sentence = re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def front_matter(fields: dict) -> str:
    """YAML front matter; JSON is valid YAML and quotes every string safely.

    The theme prints `title` and `description` into HTML without escaping them, so they are
    HTML-escaped here: a record title can never close the <title> element.
    """
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        if key in ("title", "description") and isinstance(value, str):
            value = escape.attr(value)
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def date_text(date: PartialDate | None) -> str:
    return date.human if date else "Unknown"


def date_html(date: PartialDate | None) -> str:
    """A machine-readable <time> with the precision the record gives, no more."""
    if not date:
        return "Unknown"
    return f'<time datetime="{date.iso}">{date.human}</time>'


def citation_inline(citation: Citation, from_page: str) -> str:
    ref = citation.reference
    return f"[{inline(ref.title)}]({urls.link(from_page, ref)})"


def sources_section(citations: tuple[Citation, ...], from_page: str, heading: str = "## Sources") -> str:
    """The numbered list of references that support a record, each with its reliability."""
    if not citations:
        return f"{heading}\n\nNo sources recorded.\n\n"
    lines = [heading, ""]
    for number, citation in enumerate(citations, 1):
        lines.append(f"{number}. {reference_line(citation, from_page)}")
    return "\n".join(lines) + "\n\n"


def reference_line(citation: Citation, from_page: str) -> str:
    ref = citation.reference
    parts = [citation_inline(citation, from_page), inline(ref.publisher), date_text(ref.date)]
    text = ", ".join(parts) + f" ({RELIABILITY_LABELS[ref.reliability]})."
    if citation.note:
        text += f" Supports: {markdown_text(citation.note)}"
    return text


def entry_citations(citations: tuple[Citation, ...], from_page: str) -> str:
    if not citations:
        return ""
    return "Sources: " + "; ".join(citation_inline(c, from_page) for c in citations) + "."


def table_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
