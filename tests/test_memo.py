"""Drawings kept from the last build (memo.py) give the same pages as drawing everything again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.pipeline import Project, generate
from generator.render.pages import neighbourhood

from .conftest import edit_file


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _drawings_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    draw = neighbourhood._drawn_section

    def counting(site, record, *args):
        made.append(record.id)
        return draw(site, record, *args)

    monkeypatch.setattr(neighbourhood, "_drawn_section", counting)
    return made


def test_after_edits_kept_drawings_give_the_pages_a_fresh_build_gives(mini_project: Project, monkeypatch: pytest.MonkeyPatch):
    made = _drawings_made(monkeypatch)
    generate(mini_project)
    first = len(made)
    assert first > 5
    sources = mini_project.sources
    # A name drawn in other records' neighbourhoods, a title, and a link between two records.
    edit_file(sources / "organizations" / "studio.yaml", "name: Studio & Sons", "name: Studio & Daughters")
    edit_file(sources / "case-studies" / "platform-labels.yaml", "title: ", "title: Renamed — ")
    made.clear()
    generate(mini_project)
    assert 0 < len(made) < first  # some drawings were kept, the changed ones drawn again
    warm = _tree(mini_project.docs)

    shutil.rmtree(mini_project.fragments)
    shutil.rmtree(mini_project.docs)
    made.clear()
    generate(mini_project)
    assert len(made) == first
    assert _tree(mini_project.docs) == warm


def test_nothing_changed_nothing_drawn(mini_project: Project, monkeypatch: pytest.MonkeyPatch):
    made = _drawings_made(monkeypatch)
    generate(mini_project)
    made.clear()
    generate(mini_project)
    assert made == []


def test_drawings_of_records_that_are_gone_are_forgotten(mini_project: Project):
    generate(mini_project)
    kept = {path.name for path in mini_project.fragments.iterdir()}
    assert "neighbourhood@case-study-studio-face-swap" in kept
    gone = mini_project.fragments / "neighbourhood@case-study-a-deleted-case"
    gone.write_text("digest\n<p>old drawing</p>", encoding="utf-8")
    generate(mini_project)
    assert not gone.exists()
    assert {path.name for path in mini_project.fragments.iterdir()} == kept


def test_a_new_version_of_a_library_whose_output_is_in_pages_makes_kept_parts_stale(monkeypatch: pytest.MonkeyPatch):
    import pybtex

    from generator.memo import code_version

    before = code_version()
    code_version.cache_clear()
    monkeypatch.setattr(pybtex, "__version__", "0.0-another")
    try:
        assert code_version() != before
    finally:
        code_version.cache_clear()  # computed again, with the real version, by the next caller
