"""Text made safe inside HTML: in an element, in a quoted attribute, and as JSON inside a <script>;
and inside XML (the feed, GraphML) as xml.sax.saxutils writes it."""

from __future__ import annotations

import html
import json
from typing import Any


def text(value: str) -> str:
    """Text as element content: '&', '<' and '>' escaped."""
    return html.escape(value, quote=False)


def attr(value: str) -> str:
    """Text as a quoted attribute value: quotes escaped too."""
    return html.escape(value, quote=True)


def script_json(value: Any) -> str:
    """Compact JSON that is safe inside a <script> element: '<', '>' and '&' become JSON \\u escapes,
    which every JSON parser reads back as the same characters, so no text can end the element."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# xml.sax.saxutils is not imported for its two functions: it imports urllib.request and http.client,
# 18 ms of the start of every build. These write the same text (a test compares them).


def xml_text(value: str) -> str:
    """Text as XML element content, as saxutils.escape writes it: '&', '>' and '<' escaped."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attr(value: str) -> str:
    """A quoted XML attribute value, as saxutils.quoteattr writes it: line breaks and tabs as character
    references, in double quotes, or in single quotes if it holds a double quote but no single one."""
    data = xml_text(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))
