"""A digest of a value as the Site gives it to a renderer: its repr, in which each record (and each
edge of the graph) stands for a digest of all its fields and of the records it points to.

Digests of records and edges are kept by identity for one Site (they live as long as it does), so
a record met in many answers is digested once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from collections.abc import Callable
from typing import Any

from .graph import Edge
from .model import Record


# Objects that live as long as the Site (records, the graph's edges): their digests are kept by identity.
_LASTING = (Record, Edge)


def fingerprint_of(value: Any, records: dict[int, bytes]) -> bytes:
    """A digest of `value`; `records` keeps the digest of each record and edge (by identity) for the build."""
    if isinstance(value, _LASTING):
        return _lasting_digest(value, records)
    return _digest(_token(value, records))


def _lasting_digest(value: Record | Edge, records: dict[int, bytes]) -> bytes:
    found = records.get(id(value))
    if found is None:
        if isinstance(value, Edge):
            # An edge's evidence is made from its source record (resolve.build_graph), whose digest covers it.
            text = f"Edge({_token(value.source, records)},{value.type!r},{_token(value.target, records)})"
        else:
            # Most fields are plain values or empty lists: taken by their repr here, without a call to _token each.
            plain = _PLAIN
            parts = [repr(item) if type(item) in plain or item == () else _token(item, records) for item in _field_values(type(value))(value)]
            text = f"{type(value).__name__}({','.join(parts)})"
        found = records[id(value)] = _digest(text)
    return found


def _token(value: Any, records: dict[int, bytes]) -> str:
    """repr(value), with each record and edge in it replaced by its digest: a record's repr holds the
    records it points to, whole. A value with a `__fingerprint__` method stands for what it returns:
    plain data (no records), taken by its repr."""
    if type(value) in _PLAIN:
        return repr(value)
    if isinstance(value, _LASTING):
        return "#" + _lasting_digest(value, records).hex()
    if isinstance(value, (list, tuple)):
        for item in value:
            if type(item) not in _PLAIN:
                break
        else:
            return repr(value)  # the common case (names, lessons, ids), at the speed of repr
        inner = ",".join(_token(item, records) for item in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if isinstance(value, (set, frozenset)):  # a set's repr follows the order of string hashes, which changes from one process to the next
        return "{" + ",".join(sorted(_token(item, records) for item in value)) + "}"
    stands_for = getattr(value, "__fingerprint__", None)
    if stands_for is not None:
        return repr(stands_for())
    names = _field_names(type(value))
    if names:
        fields = ",".join(_token(getattr(value, name), records) for name in names)
        return f"{type(value).__name__}({fields})"
    return repr(value)


_PLAIN = {str, int, float, bool, type(None)}


def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass (a record, a citation, a date, a graph's edge…); () for other types."""
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = tuple(field.name for field in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()
    return found


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_values(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the values of a record type's fields, in order, as one tuple."""
    found = _VALUES.get(kind)
    if found is None:
        names = _field_names(kind)
        getter = operator.attrgetter(*names)
        found = _VALUES[kind] = (lambda value: (getter(value),)) if len(names) == 1 else getter
    return found


_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
