"""Parts of pages kept from one build to the next, each under a digest of everything it is made from.

Drawing a record's neighbourhood is most of the generator's time, and an edit changes few of them:
a drawing depends only on the records in it (their kinds, titles, labels, citation counts,
addresses) and the links among them. The renderer that draws one names those inputs
(`remembered(slot, inputs, draw)`); while a `FragmentStore` is open (`smf build`), the result is
kept in one file per slot and used again as long as the digest of the inputs and of the code that
renders pages is the same. Without a store, or when it cannot be read, the part is drawn as usual:
the pages are the same either way (a test compares them).
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from .model import AnyRecord

_STORE: ContextVar[FragmentStore | None] = ContextVar("smf_fragment_store", default=None)
_CODE = Path(__file__).resolve().parent


@functools.cache
def code_version() -> str:
    """A digest of the generator's own code, of Python's version and of the libraries whose output
    ends up in pages (Markdown's anchors, pybtex's names, PyYAML's values): a change to any makes
    every kept part stale (drawings here, record pages in page_memo.py, parsed files in source_cache.py)."""
    import markdown
    import pybtex
    import yaml

    hasher = hashlib.blake2b(f"{sys.version} markdown {markdown.__version__} pybtex {pybtex.__version__} pyyaml {yaml.__version__}\n".encode(), digest_size=16)
    for path in sorted(_CODE.rglob("*.py")):
        hasher.update(path.relative_to(_CODE).as_posix().encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


class FragmentStore:
    """One file per slot under `folder`: the digest of its inputs on the first line, the part after it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.code = code_version()
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, slot: str, digest: str) -> str | None:
        try:
            with open(self.folder / slot, encoding="utf-8") as stream:
                if stream.readline().rstrip("\n") == digest:
                    return stream.read()
        except (OSError, UnicodeDecodeError):
            pass
        return None

    def put(self, slot: str, digest: str, text: str) -> None:
        path = self.folder / slot
        temporary = path.with_name(f".{slot}.{os.getpid()}")
        try:
            with open(temporary, "w", encoding="utf-8") as stream:
                stream.write(f"{digest}\n{text}")
            os.replace(temporary, path)
        except OSError:
            pass  # a part not kept is drawn again next time

    def prune(self, records: Iterable[AnyRecord]) -> None:
        """Forget the parts of records that are gone (slots named by record_slot)."""
        wanted = {f"{record.kind}-{record.id}" for record in records}
        for entry in os.scandir(self.folder):
            record = entry.name.partition("@")[2]
            if record not in wanted:
                os.unlink(entry.path)


def record_slot(part: str, record: AnyRecord) -> str:
    """The slot of one part of a record's page, e.g. 'neighbourhood@case-study-bbc'."""
    return f"{part}@{record.kind}-{record.id}"


@contextmanager
def fragment_store(folder: Path) -> Iterator[FragmentStore]:
    """Keep and reuse parts of pages under `folder` while the block runs (and in processes forked in it)."""
    store = FragmentStore(folder)
    token = _STORE.set(store)
    try:
        yield store
    finally:
        _STORE.reset(token)


def remembered(slot: str, inputs: object, make: Callable[[], str]) -> str:
    """make(), or what it returned last time for `slot` if `inputs` (a value whose repr says everything
    make() reads) and the code are the same as then."""
    store = _STORE.get()
    if store is None:
        return make()
    digest = hashlib.blake2b(f"{store.code}\n{inputs!r}".encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
    kept = store.get(slot, digest)
    if kept is not None:
        return kept
    text = make()
    store.put(slot, digest, text)
    return text
