"""Markup that only MkDocs Material and the Markdown extensions it runs understand, in one place.

Everything else under render/ writes plain Markdown and plain HTML; what is here is the engine-specific
surface a move to another engine would have to redo:

- `data-search-exclude`: Material's search plugin leaves the element (or the heading's section) out;
- front matter `search: {boost: n}` (Material's search ranks the page higher) and `tags:` (Material's
  tags plugin lists the page under each tag, printing the names as given, so they are escaped here);
- md_in_html's `markdown` attribute: Markdown is read inside an HTML block (`markdown`) or inside an
  inline element only (`markdown="span"`);
- attr_list's `{ #id … }` after a heading, and the values that may go inside its braces.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

SEARCH_EXCLUDE = "data-search-exclude"
MARKDOWN = "markdown"  # md_in_html: the block's content is Markdown
MARKDOWN_SPAN = 'markdown="span"'  # md_in_html: the element's content is inline Markdown


def search_boost(factor: float) -> dict[str, Any]:
    """Front matter that ranks the page higher in Material's search."""
    return {"search": {"boost": factor}}


def page_tags(titles: Iterable[str]) -> dict[str, Any]:
    """Front matter for Material's tags plugin (None when there are none, so the key is left out)."""
    return {"tags": [html.escape(title) for title in titles] or None}


def heading_attributes(anchor: str, search_exclude: bool = False) -> str:
    """attr_list after a heading: its anchor, and whether search skips its section."""
    return "{ #" + anchor + (f" {SEARCH_EXCLUDE}" if search_exclude else "") + " }"


def attr_list_value(text: str) -> str:
    """Text as an attr_list value: nothing that could end the quotes or the braces."""
    return "".join(ch for ch in text if ch not in '"{}\\<>&')
