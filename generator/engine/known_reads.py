"""Pages whose reading can be skipped: their file is the one the last build read.

After an edit, almost every page's file is the one the last build read (the generator keeps the files
of pages that come out the same). For such a page, MkDocs' main process still decoded its Markdown,
ran every plugin over it and hashed the result, only to find the page's key in the cache: a third of
its work after the generator at 1,000 case studies, on one core.

A page's key (engine/fastbuild.py) is a function of its file's bytes, given what every page depends
on: the front matter is read from the bytes, and what the plugins make of the Markdown depends on the
page alone. So the key of each page read this build is kept with a digest of its file's bytes, and a
later build with the same common part takes the key from there when the page read ahead (prefetch.py)
has the same digest: no Markdown is decoded, split or hashed.

The plugins still see the page. Its front matter is there (beyond what is read ahead whole, without
the large fields smf-build reads again when it renders the page), and every plugin's on_page_markdown
is called, with no Markdown. That gives them what they would have got only for plugins known to read
no more than the small fields of the front matter from that event for such a page: smf-splice
(nothing to take out of a page already converted), smf-edit-links and smf-preview (the edit address,
the page's address), and Material's tags plugin handed pages by engine/tags_scope.py (the tags; a
page that may hold a listing is never skipped). With any other plugin on that event, or one that
supplies a page's source, every page is read.
"""

from __future__ import annotations

import marshal
from pathlib import Path

from ..publish import write_atomically
from . import plugins as smf_plugins
from . import tags_scope

FORMAT = "1"

# Handlers of on_page_markdown that read at most a page's front matter and address there.
_FRONT_MATTER_ONLY = (smf_plugins.SpliceHtml.on_page_markdown, smf_plugins.EditLinks.on_page_markdown, smf_plugins.PreviewMerge.on_page_markdown)


def skippable(plugins) -> bool:
    """Whether reading a page whose key is known may be skipped with these plugins (a loaded configuration's)."""
    if plugins.events["page_read_source"]:
        return False
    return all(getattr(handler, "__func__", None) in _FRONT_MATTER_ONLY or tags_scope.is_scoped(handler) for handler in plugins.events["page_markdown"])


class KnownReads:
    """Each page's key by the digest of the file it was made from, as the last build left them (in
    `folder`, under `common`, the part of every key shared by all pages), and as this build leaves them."""

    def __init__(self, folder: Path, common: str):
        self.path = folder / f"reads-{common[:16]}.marshal"
        self.header = (FORMAT, common)
        self.last: dict[str, tuple[str, str]] = {}  # page's path → (digest of its file, key)
        self.next: dict[str, tuple[str, str]] = {}
        try:
            header, known = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if header == self.header:
            self.last = known

    def key(self, path: str, digest: str) -> str | None:
        """The key of the page at path (in the docs folder) if the last build read the same bytes there."""
        known = self.last.get(path)
        return known[1] if known is not None and known[0] == digest else None

    def note(self, path: str, digest: str, key: str) -> None:
        self.next[path] = (digest, key)

    def save(self) -> None:
        """For the next build (after a successful one); older files, under another common part, go."""
        write_atomically(str(self.path), marshal.dumps((self.header, self.next)))
        for other in self.path.parent.glob("reads-*.marshal"):
            if other != self.path:
                other.unlink(missing_ok=True)
