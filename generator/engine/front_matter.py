"""Reading a page's front matter as MkDocs does, at C speed when the generator wrote it.

MkDocs parses every page's front matter with PyYAML, whose object construction is Python even with
libyaml: at 1,000 case studies that was a third of a rebuild from the page cache. The generator
writes front matter as one `key: <JSON>` line per field (render/text.py `front_matter`), and such a
line means the same in YAML as in JSON, except in corners that YAML 1.1 reads otherwise (numbers
like 1e+20, keys like `on`, line separators inside strings, characters YAML refuses). Those, and
any hand-written front matter, go to MkDocs' own reader, so the result is always what
`mkdocs.utils.meta.get_data` would return.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mkdocs.utils import meta

_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): (.+)")
# YAML 1.1 reads these plain keys as booleans or null, not as the string.
_YAML_WORD_KEYS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters YAML will not take in a document or reads as line breaks inside a quoted string, and
# escaped surrogates (libyaml refuses them; JSON pairs them up).
_YAML_SPECIAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|\\\\u[dD][89a-fA-F]")
# The JSON numbers YAML 1.1 also reads as floats: with a point, and a signed exponent if any.
_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?")
_LONGEST_FLOW_KEY = 1000  # YAML looks no further than 1,024 characters for a mapping key's colon


def get_data(source: str) -> tuple[str, dict[str, Any]]:
    """(Markdown, front matter) of a page's source, equal to MkDocs' `meta.get_data(source)`."""
    found = front_block(source)
    if found is not None:
        fields = _json_lines(found[0])
        if fields is not None:
            return source[found[1] :].lstrip("\n"), fields
    return meta.get_data(source)


# MkDocs' meta.YAML_RE, in its two lines: '---' (and spaces or tabs) opening the source, and the
# first line after it that is '---' or '...' (and spaces or tabs) closing the block.
_OPENING_LINE = re.compile(r"-{3}[ \t]*\n")
_CLOSING_LINE = re.compile(r"(?:\.{3}|-{3})[ \t]*\n")


def front_block(source: str) -> tuple[str, int] | None:
    """What `meta.YAML_RE.match(source)` finds, as (its group 1, its end), or None. The pattern's lazy
    `.*?` tries the closing line after each character of the block (50 µs for a case study's 5 KB);
    this tries it after each line break."""
    opening = _OPENING_LINE.match(source)
    if opening is None:
        return None
    start = opening.end()
    line_end = source.find("\n", start)
    while line_end != -1:
        closing = _CLOSING_LINE.match(source, line_end + 1)
        if closing is not None:
            return source[start : line_end + 1], closing.end()
        line_end = source.find("\n", line_end + 1)
    return None


_ASCII_PLAIN = bytes(range(0x20, 0x7F)) + b"\n"  # the ASCII characters _YAML_SPECIAL does not match
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def has_yaml_special(block: str) -> bool:
    """Whether _YAML_SPECIAL matches somewhere in block. ASCII text (most front matter) is checked by
    deleting its plain characters, at C speed: the pattern's character class takes 15 ns a character."""
    if not block.isascii():
        return _YAML_SPECIAL.search(block) is not None
    if block.encode("ascii").translate(None, _ASCII_PLAIN):
        return True
    return "\\u" in block and _SURROGATE_ESCAPE.search(block) is not None


def _json_lines(block: str) -> dict[str, Any] | None:
    """The fields of a block written one `key: <JSON>` line each, or None when YAML might read it otherwise."""
    if has_yaml_special(block):
        return None
    fields: dict[str, Any] = {}
    for line in block.splitlines():
        found = _LINE.fullmatch(line)
        if found is None:
            return None
        key, text = found.groups()
        if key in fields or key.lower() in _YAML_WORD_KEYS or (text[0] not in '"[{' and not text.lstrip("-").isdigit()):
            return None
        try:
            value = json.loads(text, parse_float=_yaml_float, parse_constant=_no_constant)
        except ValueError:
            return None
        if len(text) >= _LONGEST_FLOW_KEY and not _yaml_alike(value):  # shorter, no key can be too long
            return None
        fields[key] = value
    return fields or None


def _yaml_float(text: str) -> float:
    if _YAML_FLOAT.fullmatch(text) is None:
        raise ValueError(f"YAML 1.1 reads {text} as a string")
    return float(text)


def _no_constant(text: str) -> Any:
    raise ValueError(f"YAML reads {text} as a string")


def _yaml_alike(value: Any) -> bool:
    """Whether YAML reads this JSON value back as the same Python value: no mapping key is too long
    for YAML to find its colon."""
    if isinstance(value, list):
        return all(_yaml_alike(item) for item in value)
    if isinstance(value, dict):
        return all(len(key) < _LONGEST_FLOW_KEY and _yaml_alike(item) for key, item in value.items())
    return True
