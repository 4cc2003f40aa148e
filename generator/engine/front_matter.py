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
    found = meta.YAML_RE.match(source)
    if found is not None:
        fields = _json_lines(found.group(1))
        if fields is not None:
            return source[found.end() :].lstrip("\n"), fields
    return meta.get_data(source)


def _json_lines(block: str) -> dict[str, Any] | None:
    """The fields of a block written one `key: <JSON>` line each, or None when YAML might read it otherwise."""
    if _YAML_SPECIAL.search(block):
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
