"""Pages read ahead, while MkDocs waits for the generator (engine/standby.py).

Reading a page's file and its front matter is a third of what MkDocs' main process does when a
rebuild changes few pages (0.7 s of 2.4 s at 1,000 case studies). Most pages are the same as the last
build left them, and the docs tree is there while the generator works. So the waiting process
reads it then, on a thread, each file with its stamp (device, inode, size, modification and change times)
as it was when opened. When MkDocs reads a page, it gets what was read ahead only if the file's
stamp is still the same; a page the generator wrote since (it replaces files, so the inode changes)
or that is gone is read as usual. What is handed out is what `File.content_string` and
front_matter.get_data() would give for the file as it is, and a digest of the file's bytes for the
page's key in the page cache (engine/fastbuild.py), which the thread computes too.

What is read ahead is held until MkDocs reads that page, so it is capped (LIMIT bytes of files): a
large site gets its first pages, in MkDocs' order, read ahead. Each page's Markdown is held as UTF-8
bytes, half the memory of the text (a page with one character beyond Latin-1 takes two bytes a
character as a Python string), and decoded when it is handed out. A page that MkDocs will not read
(`skip`: its file is the one the last build read, known_reads.py) is not read ahead either.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from typing import Any

from . import front_matter

LIMIT = 64_000_000  # bytes of page files read ahead: the real site has 3 million, 1,000 case studies 88 million

Stamp = tuple[int, int, int, int, int]
PageText = tuple[str, dict[str, Any], str, Stamp]  # Markdown, front matter, digest and stamp of the file


def read_page(path: str) -> tuple[Stamp, str, str]:
    """(stamp, text, digest of the bytes) of a page's file. The text is what `File.content_string`
    gives (UTF-8 with an optional byte-order mark, line ends made '\\n' as in text mode); a
    ValueError if it is not UTF-8, as there."""
    with open(path, "rb") as stream:
        stamp = stamp_of(os.fstat(stream.fileno()))
        data = stream.read()
    text = data.decode("utf-8-sig")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return stamp, text, source_digest(data)


def source_digest(data: bytes) -> str:
    """The digest of a page's source in the page cache's key (engine/fastbuild.py)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def stamp_of(status: os.stat_result) -> Stamp:
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


class Prefetch:
    """Reads the Markdown files under `docs_dir` on a thread, from start() until stop()."""

    def __init__(self, docs_dir: str, limit: int = LIMIT, skip: Callable[[str, Stamp], bool] | None = None):
        self.docs_dir = os.path.normpath(docs_dir)
        self.limit = limit
        self.skip = skip  # (the page's path in the docs folder, as MkDocs names it; the stamp of its file) → leave it
        self._pages: dict[str, tuple[Stamp, bytes, dict[str, Any], str]] = {}
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._read_all, name="smf-prefetch", daemon=True)

    def start(self) -> Prefetch:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop reading (after the file in hand); what was read stays available."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def take(self, path: str) -> PageText | None:
        """(Markdown, front matter, digest) of the page at `path` as read ahead, if its file is
        unchanged since; each page is handed out once."""
        kept = self._pages.pop(os.path.normpath(path), None)
        if kept is None:
            return None
        try:
            unchanged = stamp_of(os.stat(path)) == kept[0]
        except OSError:
            return None
        return (kept[1].decode("utf-8"), kept[2], kept[3], kept[0]) if unchanged else None

    def forget(self, path: str) -> None:
        self._pages.pop(os.path.normpath(path), None)

    def _read_all(self) -> None:
        held = 0
        for path in _in_reading_order(self.docs_dir):
            if self._stopping.is_set() or held >= self.limit:
                return
            if self.skip is not None:
                try:
                    if self.skip(os.path.relpath(path, self.docs_dir).replace(os.sep, "/"), stamp_of(os.stat(path))):
                        continue
                except OSError:
                    continue
            try:
                stamp, source, digest = read_page(path)
                markdown, meta = front_matter.get_data(source)
            except Exception:  # anything at all: MkDocs reads the page itself, and says what is wrong with it
                continue
            self._pages[path] = (stamp, markdown.encode("utf-8"), meta, digest)
            held += stamp[2]


def _in_reading_order(docs_dir: str):
    """The .md files under docs_dir, about in the order MkDocs reads them: a folder's index first, then
    its other pages, then its subfolders (which it sorts the same way)."""
    for folder, folders, names in os.walk(docs_dir):
        folders.sort()
        pages = sorted(name for name in names if name.endswith(".md"))
        pages.sort(key=lambda name: name not in ("index.md", "README.md"))
        for name in pages:
            yield os.path.join(folder, name)
