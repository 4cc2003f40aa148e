"""Text made safe inside HTML: in an element, in a quoted attribute, and as JSON inside a <script>."""

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
