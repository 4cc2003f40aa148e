"""The write stage: the docs tree ends up holding exactly the generated files, and only changed files are touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish import MARKER, UnsafeOutputError, write_tree


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != MARKER}


def test_write_tree_rewrites_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = write_tree({"index.md": "home", "case-studies/a.md": "A", "case-studies/old/b.md": b"B", "data/x.json": "{}"}, docs)
    assert (first.written, first.unchanged, first.deleted) == (4, 0, 0)
    untouched = docs / "case-studies" / "a.md"
    os.utime(untouched, ns=(1_000_000_000, 1_000_000_000))
    second = write_tree({"index.md": "home, edited", "case-studies/a.md": "A", "data/x.json": "{}"}, docs)
    assert (second.written, second.unchanged, second.deleted) == (1, 2, 1)
    assert _tree(docs) == {"index.md": b"home, edited", "case-studies/a.md": b"A", "data/x.json": b"{}"}
    assert untouched.stat().st_mtime_ns == 1_000_000_000
    assert not (docs / "case-studies" / "old").exists()  # emptied folders go too
    assert not list(docs.rglob(".tmp-*"))


def test_write_tree_sees_a_change_that_keeps_the_length(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree({"page.md": "abc"}, docs)
    stats = write_tree({"page.md": "abd"}, docs)
    assert stats.written == 1 and (docs / "page.md").read_text() == "abd"


def test_write_tree_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.txt").write_text("mine")
    with pytest.raises(UnsafeOutputError):
        write_tree({"index.md": "home"}, docs)
    assert (docs / "notes.txt").read_text() == "mine"
