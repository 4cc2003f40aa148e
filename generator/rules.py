"""Rules that records must follow beyond their schema, reported by `smf check` at the field that breaks them.

Each rule reads the records as validate sees them (raw data, its file and field path, every id
registered), so that an editor learns a rule from `smf check` with file:line, before CI does:

- a confirmed record never rests only on weak sources;
- a record that is not confirmed says what is missing (where its schema does not already demand it);
- a conflict between sources cites at least two different sources (the schema asks for two entries).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from .diagnostics import Diagnostic
from .schemas import bundled_schema

FieldPath = tuple[str | int, ...]


class _Source(Protocol):
    def diagnostic(self, path: FieldPath, message: str) -> Diagnostic: ...


class Raw(Protocol):
    """A record as validate reads it (validate.RawRecord)."""

    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def source(self) -> _Source: ...
    @property
    def path(self) -> FieldPath: ...
    @property
    def data(self) -> dict[str, Any]: ...


def rule_problems(records: Iterable[Raw], registry: Mapping[str, Raw]) -> Iterator[Diagnostic]:
    """Every break of a rule; records whose fields have the wrong shape are left to the schema check."""
    for record in records:
        if "status" not in record.data:
            continue  # tags, and records the schema check already reports
        yield from _weak_sources_only(record, registry)
        yield from _missing_not_said(record)
        yield from _conflicts_with_one_source(record)


def _cited_ids(entries: Any) -> list[str]:
    if not isinstance(entries, list):
        return []
    ids = [entry.get("ref") if isinstance(entry, dict) else entry for entry in entries]
    return [i for i in ids if isinstance(i, str)]


def _weak_sources_only(record: Raw, registry: Mapping[str, Raw]) -> Iterator[Diagnostic]:
    if record.data.get("status") != "confirmed":
        return
    cited = [registry[i] for i in _cited_ids(record.data.get("references")) if i in registry and registry[i].kind == "reference"]
    if cited and all(ref.data.get("reliability") == "weak" for ref in cited):
        names = ", ".join(repr(ref.id) for ref in cited)
        yield record.source.diagnostic(
            record.path + ("references",),
            f"expected a confirmed record to rest on at least one primary or secondary source, found only weak sources ({names}); add a stronger source or set status: partial",
        )


def _schema_demands_missing(kind: str) -> bool:
    """Whether the kind's schema itself requires `missing` when the status is not 'confirmed' (case studies, references)."""
    return "missing" in bundled_schema(kind).get("else", {}).get("required", ())


def _missing_not_said(record: Raw) -> Iterator[Diagnostic]:
    status = record.data.get("status")
    # An empty list is the schema's to report (minItems), and so is an absent one where the schema requires it.
    if status != "confirmed" and isinstance(status, str) and "missing" not in record.data and not _schema_demands_missing(record.kind):
        yield record.source.diagnostic(
            record.path + ("status",),
            f"expected `missing:` to list what is not known when the status is {status!r}, found nothing; add it, or set status: confirmed",
        )


def _conflicts_with_one_source(record: Raw) -> Iterator[Diagnostic]:
    conflicts = record.data.get("conflicts")
    for index, conflict in enumerate(conflicts if isinstance(conflicts, list) else []):
        if not isinstance(conflict, dict):
            continue
        entries = _cited_ids(conflict.get("references"))
        if len(entries) >= 2 and len(set(entries)) < 2:  # fewer than two entries: the schema says so
            yield record.source.diagnostic(
                record.path + ("conflicts", index, "references"),
                f"expected a conflict to cite at least two different sources (one for each side), found {entries[0]!r} {len(entries)} times",
            )
