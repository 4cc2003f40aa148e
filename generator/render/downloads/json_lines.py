"""JSON documents with one record per line: the downloads' layout.

Each item is encoded by the standard library's C encoder on its own line. Indenting the whole
document (`indent=`) would switch to the pure-Python encoder, several times slower on the large
downloads, and give diffs with one line per field instead of one per record. The pieces are
joined once, at the end: on a large site a download is tens of megabytes, and every intermediate
copy of it would count against the memory budget.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping


# One encoder for every item: json.dumps(value, ensure_ascii=False) would make a new one per call,
# which at 1,000 case studies (18,000 items) was a fifth of the downloads' time.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class Encoded(str):
    """An item already encoded (a line kept from the last build, line_memo.py): written as it is."""


def consecutive(encoded: list[str]) -> str:
    """Several items, already encoded, as one string: passed as one Encoded item of a list of
    `document`, they are written as they would be one after another (a record's edges, say)."""
    return ",\n  ".join(encoded)


def encode(value) -> str:
    return value if type(value) is Encoded else _ENCODER.encode(value)


def array(items: Iterable, encoder: Callable[[object], str] = encode) -> str:
    """A JSON array, one item per line."""
    return "".join(_array_parts(items, encoder, "")) + "\n"


def document(fields: Mapping[str, object], encoder: Callable[[object], str] = encode) -> str:
    """A JSON object; a value that is a list (or any iterator) is written one item per line."""
    parts = ["{"]
    for number, (key, value) in enumerate(fields.items()):
        parts.append(",\n " if number else "\n ")
        parts += (encoder(key), ": ")
        if isinstance(value, Iterable) and not isinstance(value, (str, dict, tuple)):
            parts += _array_parts(value, encoder, " ")
        else:
            parts.append(encoder(value))
    parts.append("\n}\n")
    return "".join(parts)


def _array_parts(items: Iterable, encoder: Callable[[object], str], margin: str) -> list[str]:
    parts = ["["]
    for number, item in enumerate(items):
        parts += (",\n " if number else "\n ", margin, encoder(item))
    parts.append(f"\n{margin}]" if len(parts) > 1 else "]")
    return parts
