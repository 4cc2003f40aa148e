"""Pages whose reading can be skipped: their file is the one the last build read.

After an edit, almost every page's file is the one the last build read (the generator keeps the files
of pages that come out the same, untouched). For such a page, MkDocs' main process still read its
file, parsed its front matter, ran every plugin over its Markdown and hashed the result, only to find
the page's key in the cache: a third of its work after the generator at 1,000 case studies, on one
core; and reading the docs tree ahead (prefetch.py) took a third of a second of processor time while
the generator needed both cores.

A page's key (engine/fastbuild.py) is a function of its file's bytes, given what every page depends
on: the front matter is read from the bytes, and what the plugins make of the Markdown depends on the
page alone. So each page read in a build is kept with the stamp of its file (device, inode, size,
modification and change times: any write changes the change time, and the generator replaces the
files it writes), its key and its front matter. A later build with the same common part, finding the
same stamp, takes the key and the front matter from there: the file is not read at all.

The plugins still see the page. Its front matter is there, without the large fields that smf-build
reads again when it renders the page (REREAD_META), and every plugin's on_page_markdown is called,
with no Markdown. That gives them what they would have got only for plugins known to read no more
than the small fields of the front matter from that event for such a page: smf-splice (nothing to
take out of a page already converted), smf-edit-links and smf-preview (the edit address, the page's
address), and Material's tags plugin handed pages by engine/tags_scope.py (the tags; a page that may
hold a listing is never skipped). With any other plugin on that event, or one that supplies a page's
source, every page is read.
"""

from __future__ import annotations

import marshal
import os
import pickle
from pathlib import Path
from typing import Any

from . import plugins as smf_plugins
from . import tags_scope
from .prefetch import Stamp

FORMAT = "1"

# Handlers of on_page_markdown that read at most a page's small front matter fields and address there.
_FRONT_MATTER_ONLY = (smf_plugins.SpliceHtml.on_page_markdown, smf_plugins.EditLinks.on_page_markdown, smf_plugins.PreviewMerge.on_page_markdown)

# A page as read: the stamp of its file, its key, its front matter without the large fields, and the
# names of the large fields it has.
Known = tuple[Stamp, str, dict[str, Any], tuple[str, ...]]


def skippable(plugins) -> bool:
    """Whether reading a page whose key is known may be skipped with these plugins (a loaded configuration's)."""
    if plugins.events["page_read_source"]:
        return False
    return all(getattr(handler, "__func__", None) in _FRONT_MATTER_ONLY or tags_scope.is_scoped(handler) for handler in plugins.events["page_markdown"])


class KnownReads:
    """Each page as the last build read it (kept in `folder`, under `common`: the part of every key
    shared by all pages), and as this build reads it. `large` names the front matter fields left out."""

    def __init__(self, folder: Path, common: str, large: tuple[str, ...]):
        self.path = folder / f"reads-{common[:16]}.data"
        self.header = (FORMAT, common, large)
        self.large = large
        self.last: dict[str, Known] = {}  # by the page's path in the docs folder
        self.next: dict[str, Known] = {}
        try:
            header, known = _loads(self.path.read_bytes())
        except Exception:  # missing, cut short, of another version: every page is read
            return
        if header == self.header:
            self.last = known

    def has(self, path: str, stamp: Stamp) -> bool:
        known = self.last.get(path)
        return known is not None and known[0] == stamp

    def take(self, path: str, stamp: Stamp) -> tuple[str, dict[str, Any], tuple[str, ...]] | None:
        """(key, front matter without the large fields, the large fields' names) of the page at path
        (in the docs folder), if the last build read a file with this stamp there; each page once."""
        known = self.last.pop(path, None)
        if known is None or known[0] != stamp:
            return None
        return known[1], known[2], known[3]

    def note(self, path: str, stamp: Stamp, key: str, meta: dict[str, Any]) -> None:
        """The page at path, read from a file with this stamp, has this key and front matter (whole,
        or without the large fields)."""
        large = tuple(name for name in self.large if name in meta)
        small = {name: value for name, value in meta.items() if name not in large} if large else dict(meta)
        self.next[path] = (stamp, key, small, large)

    def note_again(self, path: str, stamp: Stamp, key: str, small: dict[str, Any], large: tuple[str, ...]) -> None:
        self.next[path] = (stamp, key, dict(small), large)

    def save(self) -> None:
        """For the next build (after a successful one); the file kept under another common part goes."""
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")  # never half-written over the last
        temporary.write_bytes(_dumps((self.header, self.next)))
        os.replace(temporary, self.path)
        for other in self.path.parent.glob("reads-*"):
            if other != self.path:
                other.unlink(missing_ok=True)


# Marshal reads and writes the pages here five times as fast as pickle; front matter that marshal
# cannot take (a date from YAML) makes it pickle.
_MARSHAL, _PICKLE = b"m", b"p"


def _dumps(value: Any) -> bytes:
    try:
        return _MARSHAL + marshal.dumps(value)
    except ValueError:
        return _PICKLE + pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    return marshal.loads(data[1:]) if data[:1] == _MARSHAL else pickle.loads(data[1:]) if data[:1] == _PICKLE else None
