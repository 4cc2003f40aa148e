"""Work spread over every core: record pages and site-wide pages rendered in forked processes.

Rendering is a pure function of the Site, so forked workers inherit the Site as it is (nothing is
pickled on the way in) and send back each page's text, in chunks, in order. Under `fork` this is
safe because a worker only reads the Site, and writes nothing but its results and, in build/cache,
the parts it made for the next build to reuse (memo.py's drawings, line_memo.py's lines), each file
by the one worker that made it. Meanwhile this process writes the pages as they come back.
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from .model import Site

CHUNK = 32  # pages per task: large enough that passing results is cheap, small enough to share the work evenly
AHEAD = 2  # tasks per worker handed out ahead of the writing (see render_records)
SERIAL_BELOW = 256  # fewer pages than this are rendered here: starting workers would cost more

Page = TypeVar("Page")  # what the renderer returns for one record: (docs path, text, …)

_SHARED: dict[str, Any] = {}  # what forked workers find without pickling: the Site and the renderers


def default_jobs() -> int:
    return int(os.environ.get("SMF_JOBS") or 0) or os.cpu_count() or 1


def render_records(site: Site, records: Sequence[Any], render: Callable[[Site, Any], Page], jobs: int, parts: Sequence[Callable[[], Iterable[Page]]] = ()) -> Iterator[Page]:
    """render(site, record) for each record, in order, and the pages of each of `parts` (the
    site-wide pages, rendered in groups), in up to `jobs` processes. On one process the record pages
    come first; with workers, the parts come first: they are the largest pages of the site, and
    started first they do not keep one worker busy after the others are done."""
    if jobs <= 1 or len(records) < SERIAL_BELOW or "fork" not in multiprocessing.get_all_start_methods():
        for record in records:
            yield render(site, record)
        for part in parts:
            yield from part()
        return
    _SHARED.update(site=site, records=records, render=render, parts=parts)
    tasks = [(PART, number, 0) for number in range(len(parts))]
    tasks += [(RECORDS, start, min(start + CHUNK, len(records))) for start in range(0, len(records), CHUNK)]
    gc.freeze()  # a collection in a worker would copy every memory page it shares with this process
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            # At most AHEAD tasks per worker are handed out beyond the one whose pages are being
            # written here: pages that come back sooner than they are written would pile up (with
            # the pages kept from the last build, workers outpace the writing at 10,000 case studies).
            waiting: collections.deque = collections.deque()
            for task in tasks:
                waiting.append(pool.apply_async(_run, (task,)))
                if len(waiting) > AHEAD * jobs:
                    yield from waiting.popleft().get()
            while waiting:
                yield from waiting.popleft().get()
    finally:
        gc.unfreeze()
        _SHARED.clear()


PART, RECORDS = "part", "records"


def _run(task: tuple[str, int, int]) -> list[Any]:
    """One task of a worker: one of the parts, or the records from one number to another."""
    kind, first, end = task
    if kind == PART:
        return list(_SHARED["parts"][first]())
    site, records, render = _SHARED["site"], _SHARED["records"], _SHARED["render"]
    return [render(site, record) for record in records[first:end]]
