"""Record pages kept from the last build when nothing they read has changed, so that an edit renders
only the pages it touches.

For each record page it rendered, a build keeps (in build/cache) the digest of the record, what the
page asked of the Site with a digest of each answer (trace.py), and the stamp of the file it left
in the docs tree. The next build keeps that file as it is when the record, every answer, the
generator's code and the file are all the same; otherwise it renders the page again. The site-wide
pages (indexes, downloads) read every record and are always rendered.

With the notes goes a `Reference`: every record the builds have known, numbered once for all (a
record gone keeps its number), with the digest of its links and its fingerprint in this build. An
answer that says what it is made from (trace.py) is noted with those records' numbers, so that the
next build can tell without asking the question again that its answer is the same.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import dataclass
from pathlib import Path

from .memo import code_version
from .publish import keep_for_next_build
from .model import AnyRecord, Site
from .fingerprint import fingerprint_of
from .trace import Answers, Notes, Reads, Reference, links_digest

FORMAT = "2"

Stamp = tuple[int, int, int, int]  # inode, size, modification and change times (ns)


@dataclass(frozen=True)
class PageNotes:
    """What a worker sends back with a page it rendered: the record's digest, and the page's questions
    with the digests of their answers, marshalled (one bytes object a page: at 10,000 case studies
    the 150,000 questions took 75 MB of memory as tuples, 31 MB this way)."""

    record: bytes
    asked: bytes
    record_id: str


class PageMemo:
    """The last build's notes (read from `path`) and this build's, for the pages of the docs tree `docs`."""

    def __init__(self, path: Path, docs: Path, site: Site):
        self.path = path
        self.docs = str(docs)
        self.site = site
        self._last: dict[str, tuple[bytes, Stamp, bytes, str]] = {}  # page → record, stamp of its file, questions, record's id
        self._next: dict[str, PageNotes] = {}
        self._ids: list[str] = []  # every record the builds have known, by number
        last = self._read()
        self.number = {record_id: number for number, record_id in enumerate(self._ids)}
        for record in site.all_records():
            if record.id not in self.number:
                self.number[record.id] = len(self._ids)
                self._ids.append(record.id)
        self.answers = Answers(site, last)

    def _read(self) -> Reference | None:
        try:
            with open(self.path, "rb") as stream:
                header, pages, (ids, links, records) = marshal.loads(stream.read())  # marshal.load(stream) reads in small pieces: 10 times slower
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if header != (FORMAT, code_version()):
            return None
        self._last, self._ids = pages, list(ids)
        return Reference(tuple(ids), tuple(links), tuple(records))

    def reusable(self, page: str, record: AnyRecord) -> bool:
        """Whether the docs tree's `page`, as the last build left it, is what rendering `record` would give now.

        Called in the render workers: it reads the memo and the docs tree, and changes nothing that
        the main process would need to see.
        """
        last = self._last.get(page)
        if last is None or fingerprint_of(record, self.answers.records) != last[0] or _stamp(f"{self.docs}/{page}") != last[1]:
            return False
        return self.answers.same(marshal.loads(last[2]))

    def fingerprint_every_record(self) -> None:
        """Work out every record's fingerprint now (they are kept in `answers.records`)."""
        records = self.answers.records
        for record in self.site.all_records():
            fingerprint_of(record, records)

    def notes(self) -> Notes:
        return Notes(self.answers)

    def page_notes(self, record: AnyRecord, notes: Notes) -> PageNotes | None:
        if notes.unrepeatable:
            return None
        reads, number = notes.reads, self.number
        asked = tuple((question, answer, _numbered(reads.get(question), number)) for question, answer in notes.asked.items())
        return PageNotes(fingerprint_of(record, self.answers.records), marshal.dumps(asked), record.id)

    def kept(self, page: str) -> None:
        """The last build's `page` stays: so do its notes."""
        record, _, asked, record_id = self._last[page]
        self._next[page] = PageNotes(record, asked, record_id)

    def rendered(self, page: str, notes: PageNotes | None) -> None:
        if notes is not None:
            self._next[page] = notes

    def save(self) -> None:
        """Keep this build's notes, with the stamps the docs tree's files have now (a page whose file
        cannot be stamped is left out, and rendered next time), and this build's Reference."""
        pages: dict[str, tuple[bytes, Stamp, bytes, str]] = {}
        fingerprints: dict[str, bytes] = {}
        for page, notes in self._next.items():
            stamp = _stamp(f"{self.docs}/{page}")
            if stamp is not None:
                pages[page] = (notes.record, stamp, notes.asked, notes.record_id)
            fingerprints[notes.record_id] = notes.record  # worked out by the render workers, or checked by them
        for record in self.site.all_records():
            if record.id not in fingerprints:
                fingerprints[record.id] = fingerprint_of(record, self.answers.records)
        links = tuple(links_digest(self.site, record_id) for record_id in self._ids)
        # Without notes, the next build renders every record page.
        keep_for_next_build(self.path, marshal.dumps(((FORMAT, code_version()), pages, (tuple(self._ids), links, tuple(fingerprints.get(record_id) for record_id in self._ids)))))


def _numbered(reads: Reads | None, number: dict[str, int]) -> Reads | None:
    """What an answer is made from, each record by its number (None if one has none: it is asked again)."""
    if reads is None:
        return None
    try:
        return tuple(number[record_id] for record_id in reads[0]), tuple(number[record_id] for record_id in reads[1])
    except KeyError:
        return None


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
