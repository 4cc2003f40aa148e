"""Record pages kept from the last build when nothing they read has changed, so that an edit renders
only the pages it touches.

For each record page it rendered, a build keeps (in build/cache) the digest of the record, what the
page asked of the Site with a digest of each answer (trace.py), and the stamp of the file it left
in the docs tree. The next build keeps that file as it is when the record, every answer, the
generator's code and the file are all the same; otherwise it renders the page again. The site-wide
pages (indexes, downloads) read every record and are always rendered.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .memo import code_version
from .publish import write_atomically
from .model import AnyRecord, Site
from .fingerprint import fingerprint_of
from .trace import Answers, Notes

FORMAT = "1"

Stamp = tuple[int, int, int, int]  # inode, size, modification and change times (ns)


@dataclass(frozen=True)
class PageNotes:
    """What a worker sends back with a page it rendered: the record's digest, and the page's questions
    with the digests of their answers, marshalled (one bytes object a page: at 10,000 case studies
    the 150,000 questions took 75 MB of memory as tuples, 31 MB this way)."""

    record: bytes
    asked: bytes


class PageMemo:
    """The last build's notes (read from `path`) and this build's, for the pages of the docs tree `docs`."""

    def __init__(self, path: Path, docs: Path, site: Site):
        self.path = path
        self.docs = str(docs)
        self.answers = Answers(site)
        self._last: dict[str, tuple[bytes, Stamp, bytes]] = {}  # page → record, stamp of its file, questions
        self._next: dict[str, PageNotes] = {}
        self._read()

    def _read(self) -> None:
        try:
            with open(self.path, "rb") as stream:
                header, pages = marshal.loads(stream.read())  # marshal.load(stream) reads in small pieces: 10 times slower
        except (OSError, EOFError, ValueError, TypeError):
            return
        if header == (FORMAT, code_version()):
            self._last = pages

    def reusable(self, page: str, record: AnyRecord) -> bool:
        """Whether the docs tree's `page`, as the last build left it, is what rendering `record` would give now.

        Called in the render workers: it reads the memo and the docs tree, and changes nothing that
        the main process would need to see.
        """
        last = self._last.get(page)
        if last is None or fingerprint_of(record, self.answers.records) != last[0] or _stamp(f"{self.docs}/{page}") != last[1]:
            return False
        return self.answers.same(marshal.loads(last[2]))

    def notes(self) -> Notes:
        return Notes(self.answers)

    def page_notes(self, record: AnyRecord, notes: Notes) -> PageNotes | None:
        if notes.unrepeatable:
            return None
        return PageNotes(fingerprint_of(record, self.answers.records), marshal.dumps(tuple(notes.asked.items())))

    def kept(self, page: str) -> None:
        """The last build's `page` stays: so do its notes."""
        record, _, asked = self._last[page]
        self._next[page] = PageNotes(record, asked)

    def rendered(self, page: str, notes: PageNotes | None) -> None:
        if notes is not None:
            self._next[page] = notes

    def save(self) -> None:
        """Keep this build's notes, with the stamps the docs tree's files have now; a page whose file
        cannot be stamped is left out (rendered next time)."""
        pages: dict[str, tuple[bytes, Stamp, bytes]] = {}
        for page, notes in self._next.items():
            stamp = _stamp(f"{self.docs}/{page}")
            if stamp is not None:
                pages[page] = (notes.record, stamp, notes.asked)
        _write(self.path, ((FORMAT, code_version()), pages))


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(path), marshal.dumps(value))
    except OSError:
        pass  # without notes, the next build renders every record page
