"""The loader's fast path (plain files, positions worked out only when asked for) gives the same data,
the same positions and the same diagnostics as the full path, for any YAML text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import load
from generator.diagnostics import RecordError

PLAIN_KEYS = ["title", "status", "summary", "lessons", "url", "tags", "'quoted key'", '"double"', "a b", "é"]
ODD_KEYS = ["title", "<<", "1", "null", "true", "? complex", "&k key", "!!str tagged"]
SCALARS = [
    "plain text",
    "'single'",
    '"double \\u00e9"',
    "012",
    "0x1F",
    "1e3",
    ".inf",
    "-.nan",
    "yes",
    "No",
    "~",
    "null",
    "true",
    "2024-03",
    "2024-03-01",
    "2024-02-30",
    "2001-12-14t21:59:43.10-05:00",
    "1_000",
    "+1",
    "&anchor value",
    "*anchor",
    "!!str 12",
    "!!int 12",
    "!custom x",
    "! text",
    "[a, b, 1]",
    "{a: 1, b: [x]}",
    "[]",
    "{}",
    "|\n  block\n  text",
    ">-\n  folded",
    "",
]


PLAIN_SCALARS = [s for s in SCALARS if s[:1] not in "&*!"]


def _value(draw, depth: int, odd: bool) -> str:
    choice = draw(st.integers(0, 5 if depth < 3 else 1))
    indent = "  " * (depth + 1)
    scalars = SCALARS if odd else PLAIN_SCALARS
    if choice <= 1:
        return " " + draw(st.sampled_from(scalars)).replace("\n", "\n" + indent)
    if choice == 2:
        items = draw(st.lists(st.sampled_from(scalars[:20]), min_size=1, max_size=3))
        return "".join(f"\n{indent}- {item}" for item in items)
    return "\n" + _mapping(draw, depth + 1, odd)


def _mapping(draw, depth: int, odd: bool) -> str:
    keys = draw(st.lists(st.sampled_from(PLAIN_KEYS + ODD_KEYS if odd else PLAIN_KEYS), min_size=1, max_size=4, unique=not odd))
    return "\n".join("  " * depth + f"{key}:{_value(draw, depth, odd)}" for key in keys)


@st.composite
def yaml_texts(draw) -> str:
    text = _mapping(draw, 0, draw(st.booleans())) + "\n"
    if draw(st.booleans()):
        text = draw(st.sampled_from(["---\n", "# comment\n", "%YAML 1.1\n---\n", "--- &top\n", "--- !!map\n"])) + text
    if draw(st.integers(0, 4)) == 0:
        text += draw(st.sampled_from(["---\nother: doc\n", "...\n", "- list\n", "\tbad: tab\n", "key: [unclosed\n"]))
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["*x", "&x ", ":", "\n-", "'", "#", "  "])) + text[at:]
    return text


def _outcome(path: Path) -> tuple:
    try:
        source = load.load_file(path, "sources/case-studies/record.yaml")
    except RecordError as error:
        return ("problems", [str(d) for d in error.diagnostics])
    paths = sorted(set(source.value_positions) | set(source.key_positions), key=repr)
    if source.unlocated_text is not None:
        source.position(())
        paths = sorted(set(source.value_positions) | set(source.key_positions), key=repr)
    return ("data", repr(source.data), [(p, source.position(p)) for p in paths + [("missing", 3)]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_texts())
def test_fast_path_loads_like_the_full_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    fast = _outcome(path)
    with monkeypatch.context() as patch:
        patch.setattr(load, "_plain_mapping", lambda text: load._UNUSUAL)
        full = _outcome(path)
    assert fast == full


def test_plain_record_is_loaded_without_positions_until_one_is_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("title: A\nlessons:\n  - one\n  - two\n", encoding="utf-8")
    source = load.load_file(path, "sources/case-studies/record.yaml")
    assert source.unlocated_text is not None and not source.value_positions
    assert (source.position(("lessons", 1)).line, source.position(("lessons", 1)).column) == (4, 5)
