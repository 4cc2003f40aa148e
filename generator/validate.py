"""Stage 2, validate: every file against its schema, then the checks across records. Returns all problems at once."""

from __future__ import annotations

import datetime
import difflib
import html
import re
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterator

from .diagnostics import Diagnostic
from .kinds import BY_SOURCE, KIND_LIST
from .load import FieldPath, LoadedSources, SourceFile
from .rules import rule_problems
from .schemas import schema_diagnostics

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_FIELDS = {"published", "joined", "date", "launched", "updated"}
# List files hold their records under a key named like the file ('stakeholders:'); the framework file is the record.
LIST_KEYS = {kind.source: kind.source for kind in KIND_LIST if kind.file and kind.name != "framework"}
# How messages name each kind of file's records: 'case study (sources/case-studies/<id>.yaml)'.
SOURCE_LABELS = {kind.source: f"{kind.noun} ({kind.where})" for kind in KIND_LIST}
# Which kind of record each referring field must name; None means any record.
TARGET_KINDS: dict[str, dict[str, str | None]] = {
    "case-study": {"organization": "organization", "collection": "collections", "practices": "recommendations", "tags": "tags"},
    "reference": {"cites": None, "about": None, "published_by": "organization"},
    "framework": {"convener": "organization", "practices_for_all": "recommendations"},
    "recommendations": {"stakeholder": "stakeholders"},
}
# Markdown that would turn into a script or an inline document when clicked.
# Browsers decode character references in attributes (`javascript&#58;`) and drop tabs and line breaks
# inside a URL, so the scheme is matched as a browser reads it.
_UNSAFE_SCHEME = "|".join("[\\t\\r\\n]*".join(word) for word in ("javascript", "vbscript", "data", "file"))
# No two adjacent repeats can share the same spaces, so the search stays linear (20,000 spaces after
# "](" took 11 s with "\s*<?\s*").
UNSAFE_LINK = re.compile(rf"(?:\]\(|^[ \t]*\[[^\[\]]*\]:|<)\s*(?:<\s*)?({_UNSAFE_SCHEME})[\t\r\n]*:", re.IGNORECASE | re.MULTILINE)
# attr_list (on for the hand-written pages) would let record text set attributes: "para\n{: onclick=… }".
# Two simple patterns rather than one clever one: each runs in linear time on any text.
ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
UNSAFE_ATTRIBUTE = re.compile(r"(?<![\w:-])(on[a-z]{3,}|href|src|srcset|srcdoc|action|formaction|xlink:href|style)\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class RawRecord:
    kind: str
    id: str
    source: SourceFile
    path: FieldPath
    data: dict[str, Any]


def iter_records(kind: str, source: SourceFile) -> Iterator[RawRecord]:
    """The records a file holds: itself for one-record files, its list items for list files."""
    data = source.data
    if kind in LIST_KEYS:
        items = data.get(LIST_KEYS[kind]) if isinstance(data, dict) else None
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield RawRecord(kind, item["id"], source, (LIST_KEYS[kind], index), item)
    elif isinstance(data, dict):
        yield RawRecord(kind, "framework" if kind == "framework" else source.stem, source, (), data)


def validate(loaded: LoadedSources) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    everything: list[RawRecord] = []
    for kind, sources in loaded.files.items():
        for source in sources:
            if BY_SOURCE[kind].folder and not ID_PATTERN.match(source.stem):
                problems.append(Diagnostic(source.path, 1, 1, "(file name)", f"expected a file name like 'bbc-face-swapping.yaml' (lowercase letters, digits, single hyphens), found {source.stem!r}"))
            if not isinstance(source.data, dict):
                kind_found = "a list" if isinstance(source.data, list) else "a single value"
                problems.append(source.diagnostic((), f"expected a mapping of fields (name: value), found {kind_found}"))
                continue
            problems.extend(schema_diagnostics(kind, source))
            everything.extend(iter_records(kind, source))
    registry = _register_ids(everything, problems)
    # Cross-record checks run on files with schema problems too (they tolerate odd shapes),
    # so that an editor sees every problem in one run.
    for record in everything:
        problems.extend(_check_record(record, registry))
    problems.extend(rule_problems(everything, registry))
    return sorted(set(problems))


def _register_ids(records: list[RawRecord], problems: list[Diagnostic]) -> dict[str, RawRecord]:
    """Ids (and former ids) are unique across all kinds; tags have their own namespace."""
    registry: dict[str, RawRecord] = {}
    tags: dict[str, RawRecord] = {}
    for record in records:
        table = tags if record.kind == "tags" else registry
        names = [(record.id, record.path + ("id",) if record.path else ())]
        aliases = record.data.get("aliases")
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            if isinstance(alias, str):
                names.append((alias, record.path + ("aliases", index)))
        for name, where in names:
            if name in table:
                first = table[name]
                problems.append(record.source.diagnostic(where, f"expected a unique id, found {name!r}, already used by {first.source.path} ({_describe(first)})"))
            else:
                table[name] = record
    registry.update({f"tag:{k}": v for k, v in tags.items()})
    return registry


def _describe(record: RawRecord) -> str:
    return BY_SOURCE[record.kind].noun + ("" if record.kind == "framework" else f" {record.id!r}")


def _check_record(record: RawRecord, registry: dict[str, RawRecord]) -> Iterator[Diagnostic]:
    source, base = record.source, record.path
    for field_path, value in _walk(record.data, base):
        name = field_path[-1] if field_path else ""
        if isinstance(value, str):
            problem = _unsafe_markup(value)
            if problem:
                yield source.diagnostic(field_path, problem)
        if name in DATE_FIELDS and isinstance(value, (str, int)):
            problem = _calendar_problem(str(value))
            if problem:
                yield source.diagnostic(field_path, problem)
        if len(field_path) >= 2 and field_path[-2] == "references":
            yield from _citation_problem(record, field_path, value, registry)
    for field_name, target_kind in TARGET_KINDS.get(record.kind, {}).items():
        value = record.data.get(field_name)
        targets = value if isinstance(value, list) else [value] if value is not None else []
        for index, target in enumerate(targets):
            where = base + (field_name, index) if isinstance(value, list) else base + (field_name,)
            message = _resolve_problem(target, target_kind, registry)
            if message:
                yield source.diagnostic(where, message)


def _citation_problem(record: RawRecord, field_path: FieldPath, value: Any, registry: dict[str, RawRecord]) -> Iterator[Diagnostic]:
    """Entries of any `references:` list (the record's own, or a conflict's) must name references."""
    target = value.get("ref") if isinstance(value, dict) else value
    message = _resolve_problem(target, "reference", registry)
    if message:
        yield record.source.diagnostic(field_path, message)


def _resolve_problem(target: Any, kind: str | None, registry: dict[str, RawRecord]) -> str | None:
    if not isinstance(target, str):
        return None
    key = f"tag:{target}" if kind == "tags" else target
    found = registry.get(key)
    if found is None:
        pool = [k[4:] for k in registry if k.startswith("tag:")] if kind == "tags" else [k for k, v in registry.items() if not k.startswith("tag:") and (kind is None or v.kind == kind)]
        close = difflib.get_close_matches(target, pool, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"expected {_id_of(kind)}, found {target!r}, which does not exist{hint}"
    if found.id != target:
        return f"expected a current id, found {target!r}, a former id of {_describe(found)}; use {found.id!r}"
    if kind is not None and found.kind != kind:
        return f"expected {_id_of(kind)}, found {target!r}, which is {_article(_describe(found))}"
    return None


def _id_of(kind: str | None) -> str:
    return "the id of a record of any kind" if kind is None else f"the id of {_article(SOURCE_LABELS[kind])}"


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _unsafe_markup(text: str) -> str | None:
    """Markdown that would run a script when shown or clicked, however it is spelled."""
    if "&" in text:
        text = html.unescape(text)
    # Every unsafe link has a colon and every attribute list a brace; most text has neither, and the
    # test is much cheaper than the patterns.
    if ":" in text and UNSAFE_LINK.search(text):
        return "expected links to http(s) or to pages of this site, found a javascript:, data:, vbscript: or file: link"
    if "{" in text and any(UNSAFE_ATTRIBUTE.search(inside) for inside in ATTRIBUTE_LIST.findall(text)):
        return "expected Markdown without attribute lists that set event handlers, links or styles, found one like '{: onclick=… }'"
    return None


def _calendar_problem(text: str) -> str | None:
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            datetime.date(*numbers)
        elif len(numbers) == 2 and not 1 <= numbers[1] <= 12:
            raise ValueError("month must be in 1..12")
    except ValueError as error:
        return f"expected a real calendar date, found {text!r} ({error})"
    return None


def _walk(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Any]]:
    """Every value with its path, depth first (a stack, not nested generators: this runs once per value)."""
    stack = [(path, value)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((path + (index,), item) for index, item in reversed(list(enumerate(value))))
