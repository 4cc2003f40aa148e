"""Record pages rendered in forked processes are the same pages, in the same order, as one process renders."""

from __future__ import annotations

import os

import pytest

from generator import parallel
from generator.load import load_sources
from generator.render import iter_pages
from generator.resolve import build_site

from .conftest import MINI_SOURCES


def test_pages_rendered_on_two_processes_equal_those_rendered_on_one(monkeypatch: pytest.MonkeyPatch):
    loaded, problems = load_sources(MINI_SOURCES)
    assert problems == []
    site = build_site(loaded)
    serial = list(iter_pages(site, jobs=1))
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)  # the fixture is small: make it use the workers anyway
    monkeypatch.setattr(parallel, "CHUNK", 3)  # and several chunks, so their order matters
    forked = list(iter_pages(site, jobs=2))
    assert [path for path, _ in forked] == [path for path, _ in serial]
    assert forked == serial
    assert sum(path.startswith("case-studies/") for path, _ in serial) > 3


def _page_with_process(site, number: int) -> tuple[str, str]:
    return f"page-{number}", str(os.getpid())


def test_the_work_is_done_by_other_processes_and_comes_back_in_order(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    pages = list(parallel.render_records(None, list(range(20)), _page_with_process, jobs=2))  # type: ignore[arg-type]
    assert [path for path, _ in pages] == [f"page-{n}" for n in range(20)]
    assert str(os.getpid()) not in {pid for _, pid in pages}
