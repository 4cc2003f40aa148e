"""Lines of the site-wide downloads and lists, kept from one build to the next, by record.

The downloads (site.json, graph.json, GraphML, CSV, CSL-JSON, BibTeX) and the case-study table hold
a line, a row or an entry per record, and an edit changes a few of them: making them all again was
two thirds of what the generator's render workers did after an edit at 1,000 case studies. While a
LineStore is open (`smf build`), a renderer asks for each line by its key, with what the line is
made from (`made_from`): the fingerprint of its record (fingerprint.py: its fields and, whole, the
records it points to) and any other value it shows (a count from the graph). The line the last build
made is used when that is the same, and is otherwise made again.

A download's lines are kept in one file under build/cache/lines, written by the process that renders
the download, with the code's version and the site's publication (its address, version and date,
which lines may show): when either differs, every line is made. Without a store, every line is made;
the files are the same either way (a test compares them).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from .fingerprint import fingerprint_of
from .memo import code_version
from .model import Publication
from .publish import keep_for_next_build

FORMAT = "1"

_STORE: ContextVar[LineStore | None] = ContextVar("smf_line_store", default=None)


class LineStore:
    """The kept lines of every download under `folder`, for one Site (whose records' fingerprints it keeps)."""

    def __init__(self, folder: Path, publication: Publication, fingerprints: dict[int, bytes]):
        self.folder = folder
        self.header = (FORMAT, code_version(), repr(publication))
        self._fingerprints = fingerprints  # of this build's records, by identity (fingerprint.py), shared with the page memo

    def made_from(self, record: Any, *shown: Any) -> bytes:
        return fingerprint_of(record, self._fingerprints) + repr(shown).encode("utf-8", "surrogatepass")


class Lines:
    """One download's lines: those the last build kept, and those this build makes or takes again."""

    def __init__(self, store: LineStore | None, name: str):
        self._store = store
        self._path = store.folder / name if store is not None else None
        self._last: dict[str, tuple[bytes, str]] = self._read() if store is not None else {}
        self._next: dict[str, tuple[bytes, str]] = {}
        self.taken = 0  # lines taken from the last build

    def made_from(self, record: Any, *shown: Any) -> bytes:
        """What a line made from `record` and showing the values `shown` depends on (b'' without a store)."""
        return self._store.made_from(record, *shown) if self._store is not None else b""

    def line(self, key: str, made_from: bytes, make: Callable[[], str]) -> str:
        """The line under `key`: the last build's, if it was made from the same, else make()."""
        if self._store is None:
            return make()
        if key in self._next:  # the second would be kept in place of the first, and the first never taken again
            raise ValueError(f"two lines of {self._path} under one key: {key!r}")
        kept = self._last.get(key)
        if kept is not None and kept[0] == made_from:
            line = kept[1]
            self.taken += 1
        else:
            line = make()
        self._next[key] = (made_from, line)
        return line

    def save(self) -> None:
        """Keep this build's lines for the next (only those: the lines of records gone go)."""
        if self._store is None or self._path is None or (self.taken == len(self._next) == len(self._last)):
            return
        keep_for_next_build(self._path, marshal.dumps((self._store.header, self._next)))  # without them, the next build makes every line

    def _read(self) -> dict[str, tuple[bytes, str]]:
        assert self._store is not None and self._path is not None
        try:
            with open(self._path, "rb") as stream:
                header, lines = marshal.loads(stream.read())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return lines if header == self._store.header and isinstance(lines, dict) else {}


@contextmanager
def line_store(folder: Path, publication: Publication, fingerprints: dict[int, bytes]) -> Iterator[LineStore]:
    """Keep and reuse the downloads' lines under `folder` while the block runs (and in processes
    forked in it); `fingerprints` is where the fingerprints of the Site's records are kept."""
    store = LineStore(folder, publication, fingerprints)
    token = _STORE.set(store)
    try:
        yield store
    finally:
        _STORE.reset(token)


@contextmanager
def kept_lines(name: str) -> Iterator[Lines]:
    """The lines of the download `name`, saved for the next build once the block has made them all."""
    lines = Lines(_STORE.get(), name)
    yield lines
    lines.save()
