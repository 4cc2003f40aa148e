"""Work spread over every core: record pages rendered in forked processes while this process renders the site-wide pages.

Rendering is a pure function of the Site, so forked workers inherit the Site as it is (nothing is
pickled on the way in) and send back each page's text, in chunks, in order. Under `fork` this is
safe because a worker only reads the Site and writes nothing but its results. Meanwhile this process
renders the few large site-wide pages (indexes, downloads), which used to leave the other cores idle
before and after the record pages; it hands on the workers' pages between two of its own, so that
they do not pile up in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from .model import Site

CHUNK = 32  # pages per task: large enough that passing results is cheap, small enough to share the work evenly
SERIAL_BELOW = 256  # fewer pages than this are rendered here: starting workers would cost more

Page = TypeVar("Page")  # what the renderer returns for one record: (docs path, text, …)

_SHARED: dict[str, Any] = {}  # what forked workers find without pickling: the Site and the renderers


def default_jobs() -> int:
    return int(os.environ.get("SMF_JOBS") or 0) or os.cpu_count() or 1


def render_records(site: Site, records: Sequence[Any], render: Callable[[Site, Any], Page], jobs: int, alongside: Iterable[Page] = ()) -> Iterator[Page]:
    """render(site, record) for each record, in order, in up to `jobs` processes, and the pages of
    `alongside` (rendered here as they are asked for) in their own order. On one process the record
    pages come first; with workers, the two are interleaved as the record pages arrive."""
    if jobs <= 1 or len(records) < SERIAL_BELOW or "fork" not in multiprocessing.get_all_start_methods():
        for record in records:
            yield render(site, record)
        yield from alongside
        return
    _SHARED.update(site=site, records=records, render=render)
    chunks = [(start, min(start + CHUNK, len(records))) for start in range(0, len(records), CHUNK)]
    gc.freeze()  # a collection in a worker would copy every memory page it shares with this process
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            arriving = pool.imap(_render_chunk, chunks)
            for page in alongside:
                yield page
                yield from _arrived(arriving)
            for pages in arriving:
                yield from pages
    finally:
        gc.unfreeze()
        _SHARED.clear()


def _arrived(arriving) -> Iterator[Any]:
    """The pages of every chunk that has come back, without waiting for the next one."""
    while True:
        try:
            pages = arriving.next(timeout=0)
        except (multiprocessing.TimeoutError, StopIteration):
            return
        yield from pages


def _render_chunk(span: tuple[int, int]) -> list[Any]:
    site, records, render = _SHARED["site"], _SHARED["records"], _SHARED["render"]
    return [render(site, record) for record in records[span[0] : span[1]]]
