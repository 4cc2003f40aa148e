"""Record pages rendered in forked processes are the same pages as one process renders, the record pages in the same order."""

from __future__ import annotations

import gc
import multiprocessing
import os

import pytest

from generator import parallel
from generator.load import load_sources
from generator import urls
from generator.render import RECORD_RENDERERS, iter_pages
from generator.resolve import build_site

from .conftest import MINI_SOURCES


def test_pages_rendered_on_two_processes_equal_those_rendered_on_one(monkeypatch: pytest.MonkeyPatch):
    loaded, problems = load_sources(MINI_SOURCES)
    assert problems == []
    site = build_site(loaded)
    serial = list(iter_pages(site, jobs=1))
    records = {urls.page_of(record) for record in site.all_records() if record.kind in RECORD_RENDERERS}
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)  # the fixture is small: make it use the workers anyway
    monkeypatch.setattr(parallel, "CHUNK", 3)  # and several chunks, so their order matters
    forked = list(iter_pages(site, jobs=2))
    assert len(forked) == len(serial)
    assert dict(forked) == dict(serial)
    assert [path for path, _ in forked if path in records] == [path for path, _ in serial if path in records]
    assert sum(path.startswith("case-studies/") for path, _ in serial) > 3
    assert forked[-1][0] == serial[-1][0] == "data/index.md"  # it lists the sizes of every other download


def test_the_site_wide_parts_are_rendered_by_the_workers_first(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    parts = [lambda n=n: [(f"site-{n}", str(os.getpid()))] for n in range(5)]
    pages = list(parallel.render_records(None, list(range(20)), _page_with_process, jobs=2, parts=parts))  # type: ignore[arg-type]
    assert [path for path, _ in pages] == [f"site-{n}" for n in range(5)] + [f"page-{n}" for n in range(20)]
    assert str(os.getpid()) not in {pid for _, pid in pages}
    serial = list(parallel.render_records(None, list(range(20)), _page_with_process, jobs=1, parts=parts))  # type: ignore[arg-type]
    assert [path for path, _ in serial] == [f"page-{n}" for n in range(20)] + [f"site-{n}" for n in range(5)]


def _page_with_process(site, number: int) -> tuple[str, str]:
    return f"page-{number}", str(os.getpid())


def test_the_work_is_done_by_other_processes_and_comes_back_in_order(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    pages = list(parallel.render_records(None, list(range(20)), _page_with_process, jobs=2))  # type: ignore[arg-type]
    assert [path for path, _ in pages] == [f"page-{n}" for n in range(20)]
    assert str(os.getpid()) not in {pid for _, pid in pages}


def test_a_failure_of_a_site_wide_page_stops_the_workers_and_is_raised(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)

    def site_wide():
        raise RuntimeError("a renderer failed")

    with pytest.raises(RuntimeError, match="a renderer failed"):
        list(parallel.render_records(None, list(range(20)), _page_with_process, jobs=2, parts=[lambda: [("site-0", "fine")], site_wide]))  # type: ignore[arg-type]
    assert gc.get_freeze_count() == 0 and parallel._SHARED == {}
    assert multiprocessing.active_children() == []
