"""`smf build` keeps the record files it parsed in build/cache: the next build parses only the files
that changed, and gets the same site as one that parses everything."""

from __future__ import annotations

import os

import pytest

from generator import load
from generator.diagnostics import RecordError
from generator.pipeline import generate
from generator.source_cache import FILE, kept_sources

from .conftest import edit_file

CASE = "sources/case-studies/studio-face-swap.yaml"


def _parsed(monkeypatch) -> list[str]:
    parsed = []
    original = load.load_file

    def counting(path, display, project):
        parsed.append(display)
        return original(path, display, project)

    monkeypatch.setattr(load, "load_file", counting)
    return parsed


def _pages(project) -> dict[str, str]:
    return {path.relative_to(project.docs).as_posix(): path.read_text(encoding="utf-8") for path in sorted(project.docs.rglob("*")) if path.is_file()}


def test_only_an_edited_file_is_parsed_again(mini_project, monkeypatch):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    parsed = _parsed(monkeypatch)
    generate(mini_project)
    assert parsed == [CASE]
    assert "Edited" in (mini_project.docs / "case-studies" / "studio-face-swap.md").read_text(encoding="utf-8")


def test_the_site_is_the_same_as_from_a_full_parse(mini_project):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    generate(mini_project)
    kept = _pages(mini_project)
    (mini_project.cache / FILE).unlink()
    generate(mini_project)
    assert _pages(mini_project) == kept


def test_a_damaged_cache_means_parsing_everything(mini_project, monkeypatch):
    generate(mini_project)
    (mini_project.cache / FILE).write_bytes(b"\x80\x05 not a whole pickle")
    parsed = _parsed(monkeypatch)
    generate(mini_project)
    assert CASE in parsed and len(parsed) > 5


def test_a_deleted_file_leaves_the_cache(mini_project):
    """Even when the build then fails (other records still name the deleted one)."""
    generate(mini_project)
    assert CASE in kept_sources(mini_project.cache, mini_project.root)
    (mini_project.root / CASE).unlink()
    with pytest.raises(RecordError, match="studio-face-swap"):
        generate(mini_project)
    assert CASE not in kept_sources(mini_project.cache, mini_project.root)


def test_an_edit_of_the_same_size_with_its_time_set_back_is_parsed_again(mini_project, monkeypatch):
    """As a copying tool that keeps times would leave it: same size, same modification time."""
    generate(mini_project)
    path = mini_project.root / CASE
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: How the", "title: Why the", 1), encoding="utf-8")
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    parsed = _parsed(monkeypatch)
    generate(mini_project)
    assert parsed == [CASE]
    assert "Why the studio" in (mini_project.docs / "case-studies" / "studio-face-swap.md").read_text(encoding="utf-8")
