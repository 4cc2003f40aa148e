"""Golden files: the Markdown rendered from the mini fixture, page by page. Set SMF_UPDATE_GOLDEN=1 to accept changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.load import load_sources
from generator.render import render_site
from generator.resolve import build_site
from generator.validate import validate

from .conftest import MINI_SOURCES

GOLDEN = Path(__file__).parent / "fixtures" / "mini" / "expected"


def _rendered() -> dict[str, str]:
    loaded, problems = load_sources(MINI_SOURCES)
    assert problems + validate(loaded) == []
    return {path: text for path, text in render_site(build_site(loaded)).items() if path.endswith((".md", ".html"))}


RENDERED = _rendered()


def test_golden_files_cover_every_rendered_page():
    if os.environ.get("SMF_UPDATE_GOLDEN"):
        for stale in GOLDEN.rglob("*"):
            if stale.is_file() and stale.relative_to(GOLDEN).as_posix() not in RENDERED:
                stale.unlink()
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    if not os.environ.get("SMF_UPDATE_GOLDEN"):
        assert expected == set(RENDERED)


@pytest.mark.parametrize("path", sorted(RENDERED))
def test_rendered_page_matches_golden_file(path: str):
    golden = GOLDEN / path
    if os.environ.get("SMF_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(RENDERED[path], encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == RENDERED[path]


def test_rendering_is_pure_and_deterministic():
    assert _rendered() == RENDERED
