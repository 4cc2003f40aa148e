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

What is read ahead is held until MkDocs reads that page, so the Markdown held is capped (LIMIT bytes
of files): a large site gets its first pages, in MkDocs' order, read ahead whole. Each page's Markdown
is held as UTF-8 bytes, half the memory of the text (a page with one character beyond Latin-1 takes
two bytes a character as a Python string), and decoded when it is handed out. Beyond the cap, each
page's digest and front matter are still read ahead (`known`), without the large fields named in
`slim`, which smf-build reads again when it renders the page: that is enough to skip reading a page
whose file the last build read (known_reads.py), and a tenth of the memory.
"""

from __future__ import annotations

import hashlib
import os
import threading
from typing import Any

from . import front_matter

LIMIT = 64_000_000  # bytes of page files read ahead: the real site has 3 million, 1,000 case studies 88 million

_Stamp = tuple[int, int, int, int, int]
PageText = tuple[str, dict[str, Any], str]  # Markdown, front matter, digest of the file
KnownPage = tuple[dict[str, Any], str, tuple[str, ...]]  # front matter, digest of the file, the names of fields left out of it


def read_page(path: str) -> tuple[_Stamp, str, str]:
    """(stamp, text, digest of the bytes) of a page's file. The text is what `File.content_string`
    gives (UTF-8 with an optional byte-order mark, line ends made '\\n' as in text mode); a
    ValueError if it is not UTF-8, as there."""
    with open(path, "rb") as stream:
        stamp = _stamp(os.fstat(stream.fileno()))
        data = stream.read()
    text = data.decode("utf-8-sig")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return stamp, text, source_digest(data)


def source_digest(data: bytes) -> str:
    """The digest of a page's source in the page cache's key (engine/fastbuild.py)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _stamp(status: os.stat_result) -> _Stamp:
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


class Prefetch:
    """Reads the Markdown files under `docs_dir` on a thread, from start() until stop()."""

    def __init__(self, docs_dir: str, limit: int = LIMIT, slim: tuple[str, ...] = ()):
        self.docs_dir = os.path.normpath(docs_dir)
        self.limit = limit
        self.slim = slim
        # By path: stamp, Markdown (None beyond the limit), front matter, digest, fields left out of it.
        self._pages: dict[str, tuple[_Stamp, bytes | None, dict[str, Any], str, tuple[str, ...]]] = {}
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
        if kept is None or kept[1] is None or not _unchanged(path, kept[0]):
            return None
        return kept[1].decode("utf-8"), kept[2], kept[3]

    def known(self, path: str) -> KnownPage | None:
        """(front matter, digest, the names of the `slim` fields left out of the front matter) of the
        page at `path` as read ahead, if its file is unchanged since, without its Markdown; the page
        stays for take() until forget()."""
        kept = self._pages.get(os.path.normpath(path))
        if kept is None or not _unchanged(path, kept[0]):
            return None
        return kept[2], kept[3], kept[4]

    def forget(self, path: str) -> None:
        self._pages.pop(os.path.normpath(path), None)

    def _read_all(self) -> None:
        held = 0
        for path in _in_reading_order(self.docs_dir):
            if self._stopping.is_set():
                return
            try:
                stamp, source, digest = read_page(path)
                markdown, meta = front_matter.get_data(source)
            except Exception:  # anything at all: MkDocs reads the page itself, and says what is wrong with it
                continue
            if held < self.limit:
                self._pages[path] = (stamp, markdown.encode("utf-8"), meta, digest, ())
                held += stamp[2]
            else:
                left_out = tuple(name for name in self.slim if name in meta)
                for name in left_out:
                    del meta[name]
                self._pages[path] = (stamp, None, meta, digest, left_out)


def _unchanged(path: str, stamp: _Stamp) -> bool:
    try:
        return _stamp(os.stat(path)) == stamp
    except OSError:
        return False


def _in_reading_order(docs_dir: str):
    """The .md files under docs_dir, about in the order MkDocs reads them: a folder's index first, then
    its other pages, then its subfolders (which it sorts the same way)."""
    for folder, folders, names in os.walk(docs_dir):
        folders.sort()
        pages = sorted(name for name in names if name.endswith(".md"))
        pages.sort(key=lambda name: name not in ("index.md", "README.md"))
        for name in pages:
            yield os.path.join(folder, name)
