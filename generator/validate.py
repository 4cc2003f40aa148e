"""Stage 2, validate: every file against its schema, then the checks across records. Returns all problems at once."""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterator

from .diagnostics import Diagnostic
from .kinds import BY_SOURCE, KIND_LIST
from .placeholders import placeholder_problem
from .load import FieldPath, LoadedSources, SourceFile
from .markup_check import FIXED_PAGES, MarkupChecker, relative_link_problem
from .rules import rule_problems
from .schemas import schema_diagnostics, schema_version

# Used with fullmatch: '$' would also match before a final line break, and publish "id\n".
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 120  # the schemas' limit too; an id becomes a folder name, and file systems stop at 255 bytes
# Ids that would take the place of a generated page: case-studies/index.md is the listing.
RESERVED_IDS = frozenset({"index"})
# Dates as numbers are held to these years by the schemas; dates as text are held to the same.
YEARS = range(1900, 3000)
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


def validate(loaded: LoadedSources, markup: MarkupChecker | None = None, content_pages: Collection[str] | None = None) -> list[Diagnostic]:
    """Every problem of every file. `markup` renders record text as the site does (default: this
    checkout's mkdocs.yml); with `content_pages` (the files of content/), relative links in record
    text are checked against the pages the site will have."""
    markup = markup or _default_markup()
    problems: list[Diagnostic] = []
    everything: list[tuple[RawRecord, RecordFindings]] = []
    for kind, sources in loaded.files.items():
        for source in sources:
            if BY_SOURCE[kind].folder:
                problem = id_problem(source.stem)
                if problem:
                    problems.append(Diagnostic(source.path, 1, 1, "(file name)", f"expected a file name like 'bbc-face-swapping.yaml' (lowercase letters, digits, single hyphens), found {problem}"))
            if not isinstance(source.data, dict):
                kind_found = "a list" if isinstance(source.data, list) else "a single value"
                problems.append(source.diagnostic((), f"expected a mapping of fields (name: value), found {kind_found}"))
                continue
            records = list(iter_records(kind, source))
            findings = _file_findings(kind, source, records, markup)
            problems.extend(findings.problems)
            everything.extend((record, findings.records[record.path]) for record in records)
    all_records = [record for record, _ in everything]
    registry = _register_ids(all_records, problems)
    # Cross-record checks run on files with schema problems too (they tolerate odd shapes),
    # so that an editor sees every problem in one run.
    pages = None if content_pages is None else _pages_of(all_records, content_pages)
    for record, found in everything:
        problems.extend(_cross_problems(record, found, registry, pages))
    problems.extend(rule_problems(all_records, registry))
    return sorted(set(problems))


@dataclass(frozen=True)
class RecordFindings:
    """What the checks across records need of one record's text: its relative links and its
    citations, each with where it stands."""

    links: tuple[tuple[FieldPath, str], ...]
    citations: tuple[tuple[FieldPath, Any], ...]


@dataclass(frozen=True)
class FileFindings:
    """What checking one file on its own found: the problems that depend on nothing else (schema,
    record text, dates, placeholders) and each record's findings (by its place in the file). `key`
    names what else they depend on: the schema and the Markdown settings."""

    key: str
    problems: tuple[Diagnostic, ...]
    records: dict[FieldPath, RecordFindings]


@functools.lru_cache(maxsize=64)
def _findings_key(kind: str, markup: str) -> str:
    # One string for all files of a kind: pickle keeps it once with the parsed files (source_cache.py).
    return f"{schema_version(kind)} {markup}"


def _file_findings(kind: str, source: SourceFile, records: list[RawRecord], markup: MarkupChecker) -> FileFindings:
    """The file's findings, found again only when the file (a new SourceFile) or what they depend on changed."""
    key = _findings_key(kind, markup.key)
    kept = source.checked
    if isinstance(kept, FileFindings) and kept.key == key:
        return kept
    problems = list(schema_diagnostics(kind, source))
    by_record = {record.path: _record_findings(record, markup, problems) for record in records}  # adds to problems
    source.checked = found = FileFindings(key, tuple(problems), by_record)
    return found


@functools.cache
def _default_markup() -> MarkupChecker:
    return MarkupChecker.default()


def _page_of(record: RawRecord) -> str:
    """The docs page that shows the record (generator/kinds.py), to resolve relative links in its text."""
    kind = BY_SOURCE[record.kind]
    if kind.single_page:
        return kind.single_page
    if kind.page_folder:
        return f"{kind.page_folder}/{record.id}.md"
    if kind.shown_on:
        host = BY_SOURCE[TARGET_KINDS[record.kind][kind.shown_on] or ""]
        return f"{host.page_folder}/{record.data.get(kind.shown_on)}.md"
    return "tags.md"  # tags are listed on one page


def _pages_of(records: list[RawRecord], content_pages: Collection[str]) -> set[str]:
    return {_page_of(record) for record in records} | FIXED_PAGES | set(content_pages)


def site_pages(loaded: LoadedSources, content_pages: Collection[str]) -> set[str]:
    """The docs pages the site will have (records' pages, the fixed pages, content/), for link checks."""
    return _pages_of([record for kind, sources in loaded.files.items() for source in sources for record in iter_records(kind, source)], content_pages)


def id_problem(text: str) -> str | None:
    """What is wrong with an id (or a file name's stem), as the end of an 'expected …, found …' message; None when nothing is."""
    if len(text) > MAX_ID_LENGTH:
        return f"{len(text):,} characters (at most {MAX_ID_LENGTH})"
    if not ID_PATTERN.fullmatch(text):
        return repr(text)
    if text in RESERVED_IDS:
        return f"{text!r}, which is reserved for the listing page"
    return None


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
            if name in RESERVED_IDS and record.kind != "tags":
                problems.append(record.source.diagnostic(where, f"expected an id other than {name!r}, which is reserved for the listing page"))
                continue
            if name in table:
                first = table[name]
                problems.append(record.source.diagnostic(where, f"expected a unique id, found {name!r}, already used by {first.source.path} ({_describe(first)})"))
            else:
                table[name] = record
    registry.update({f"tag:{k}": v for k, v in tags.items()})
    return registry


def _describe(record: RawRecord) -> str:
    return BY_SOURCE[record.kind].noun + ("" if record.kind == "framework" else f" {record.id!r}")


def _record_findings(record: RawRecord, markup: MarkupChecker, problems: list[Diagnostic]) -> RecordFindings:
    """The record's own problems (added to `problems`), and what the checks across records need of it."""
    source = record.source
    links: list[tuple[FieldPath, str]] = []
    citations: list[tuple[FieldPath, Any]] = []
    for field_path, value in _walk(record.data, record.path):
        name = field_path[-1] if field_path else ""
        if isinstance(value, str):
            problem = placeholder_problem(value)
            if problem:
                problems.append(source.diagnostic(field_path, problem))
            report = markup.check_record_text(value)
            problems.extend(source.diagnostic(field_path, problem) for problem in report.problems)
            links.extend((field_path, href) for href in report.relative_links)
        if name in DATE_FIELDS:
            date_problem = _date_problem(value)
            if date_problem:
                problems.append(source.diagnostic(field_path, date_problem))
        if len(field_path) >= 2 and field_path[-2] == "references":
            citations.append((field_path, value))
    return RecordFindings(tuple(links), tuple(citations))


def _cross_problems(record: RawRecord, found: RecordFindings, registry: dict[str, RawRecord], pages: set[str] | None) -> Iterator[Diagnostic]:
    """The record's problems that depend on other records: links to pages, citations and references by id."""
    source, base = record.source, record.path
    if pages is not None:
        for field_path, href in found.links:
            broken = relative_link_problem(href, _page_of(record), pages)
            if broken:
                yield source.diagnostic(field_path, broken)
    for field_path, value in found.citations:
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


def _date_problem(value: Any) -> str | None:
    """A date is text (YYYY, YYYY-MM or YYYY-MM-DD) or a whole year; anything else the schema reports,
    except a float, which both schema validators take for a whole number (2024.0)."""
    if isinstance(value, float) and value.is_integer():
        return f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found the number {value!r}; write the year without a decimal point, or quote the date"
    if not isinstance(value, str):
        return None  # a whole year is held to YEARS by the schema, which also reports any other type
    if len(value) > 10 or not re.fullmatch(r"[0-9]{4}(?:-[0-9]{2}){0,2}", value):
        return None  # the schema's pattern reports it
    if int(value[:4]) not in YEARS:
        return f"expected a year from {YEARS[0]} to {YEARS[-1]}, found {value!r}"
    return _calendar_problem(value)


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
