"""The loader keeps every value's position and refuses YAML that would be silently misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import RecordError
from generator.load import load_file


def _load(tmp_path: Path, text: str):
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return load_file(path, "sources/case-studies/record.yaml")


def test_positions_of_nested_values_are_one_based(tmp_path: Path):
    source = _load(tmp_path, "title: A\nlessons:\n  - first\n  - second\n")
    assert source.data == {"title": "A", "lessons": ["first", "second"]}
    assert source.position(("lessons", 1)).line == 4
    assert source.position(("lessons", 1)).column == 5
    assert source.position(("title",)).line == 1


def test_dates_stay_text_for_the_calendar_check(tmp_path: Path):
    assert _load(tmp_path, "published: 2024-02-30\n").data == {"published": "2024-02-30"}


@pytest.mark.parametrize(
    "text, line, field, words",
    [
        ("title: A\ntitle: B\n", 2, "title", "found 'title' again (first at line 1)"),
        ("a: &x [1]\nb: *x\n", 2, "b", "alias"),
        ("a: !!python/object:os.system x\n", 1, "a", "tags are not allowed"),
        ("a: [1\n", 2, "(yaml)", "syntax error"),
        ("<<: {a: 1}\n", 1, "(record)", "merge key"),
    ],
)
def test_unsafe_or_ambiguous_yaml_is_refused_with_its_position(tmp_path: Path, text: str, line: int, field: str, words: str):
    with pytest.raises(RecordError) as caught:
        _load(tmp_path, text)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.field) == (line, field)
    assert words in diagnostic.message
    assert str(diagnostic).startswith(f"sources/case-studies/record.yaml:{line}:")
