"""Each kind of record and each enumerated value is declared once (generator/kinds.py), and every
table derived from it, or kept beside the wording that uses it, has a row for every value."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import kinds, model
from generator.graph import NODE_KINDS
from generator.load import RECORD_FOLDERS, SINGLE_FILES
from generator.render import RECORD_RENDERERS
from generator.render.drawing.graph_svg import SHAPES
from generator.render.text import RELIABILITY_LABELS, ROLE_LABELS, STATUS_LABELS
from generator.schemas import SCHEMA_DIR, SCHEMA_FILES

# Every enumerated field of the schemas, and the table that must have a row for each of its values.
ENUM_TABLES: dict[tuple[str, str], dict[str, Any]] = {
    ("common.schema.json", "status"): STATUS_LABELS,
    ("reference.schema.json", "type"): kinds.REFERENCE_TYPES,
    ("reference.schema.json", "reliability"): RELIABILITY_LABELS,
    ("organization.schema.json", "kind"): kinds.ORGANIZATION_KINDS,
    ("organization.schema.json", "cohort"): kinds.COHORT_LABELS,
    ("case-study.schema.json", "role"): ROLE_LABELS,
}


def enums(value: Any, name: str = "") -> Iterator[tuple[str, list[Any]]]:
    """(the property's name, its allowed values) of every `enum` in a schema, however deep."""
    if isinstance(value, dict):
        if "enum" in value:
            yield name, value["enum"]
        for key, item in value.items():
            yield from enums(item, key if key not in ("properties", "$defs", "items", "allOf", "anyOf", "oneOf") else name)
    elif isinstance(value, list):
        for item in value:
            yield from enums(item, name)


def test_every_schema_enum_value_has_its_row() -> None:
    found = {}
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        for name, values in enums(json.loads(schema.read_text(encoding="utf-8"))):
            found[(schema.name, name)] = values
    assert set(found) == set(ENUM_TABLES), "an enumerated field without its table (or a table without its field)"
    for key, values in found.items():
        assert sorted(ENUM_TABLES[key]) == sorted(values), key


def test_the_enum_walk_finds_nested_enums() -> None:
    schema = {"properties": {"a": {"enum": [1]}, "b": {"items": {"properties": {"c": {"allOf": [{"enum": [2]}]}}}}}, "$defs": {"d": {"enum": [3]}}}
    assert list(enums(schema)) == [("a", [1]), ("c", [2]), ("d", [3])]


def test_each_kind_has_its_schema_its_model_class_and_its_renderer() -> None:
    assert set(SCHEMA_FILES.values()) == {p.name for p in SCHEMA_DIR.glob("*.schema.json")} - {"common.schema.json"}
    classes = {cls.kind for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, model.Record) and cls is not model.Record}
    assert classes == set(kinds.KINDS) - {"tag"}  # a tag is a label on case studies, not a record with a status
    for kind in kinds.KIND_LIST:
        assert (kind.file is None) != (kind.folder is None), kind.name
        assert sum(bool(x) for x in (kind.page_folder, kind.single_page, kind.shown_on)) <= 1, kind.name
        if kind.page_folder:
            assert kind.name in RECORD_RENDERERS, f"{kind.name} has pages but no renderer"
        if kind.shown_on:
            field_types = {f.name for f in dataclasses.fields(next(c for c in vars(model).values() if getattr(c, "kind", None) == kind.name))}
            assert kind.shown_on in field_types


def test_derived_tables_follow_the_declaration() -> None:
    assert list(SINGLE_FILES) + list(RECORD_FOLDERS) == [k.source for k in kinds.KIND_LIST]
    assert NODE_KINDS == ("framework", "stakeholder", "recommendation", "case-study", "organization", "reference", "collection")
    assert set(SHAPES) == set(NODE_KINDS)
    for kind in kinds.KIND_LIST:
        assert (Path(SCHEMA_DIR) / kind.schema).is_file()
