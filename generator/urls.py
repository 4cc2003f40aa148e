"""Where each record lives, and every relative link between two places: the one module that knows URLs.

Three kinds of path, kept apart by type:

- `DocsPath`: a file of the docs tree, relative to its root: 'case-studies/bbc-face-swapping.md'.
  Markdown links name these; MkDocs checks them and turns them into URLs.
- `SitePath`: a URL of the built site, relative to its root: 'case-studies/bbc-face-swapping/' ('' is
  the home page), sometimes with a '#fragment'. These are public: change them only with redirects.
- `Href`: a link as written in a page, relative to that page: '../organizations/bbc/'.

Every relative link comes from `_step`, one pure function (no working directory, no cache).
"""

from __future__ import annotations

from typing import NewType

from .kinds import KINDS, KIND_LIST
from .model import AnyRecord

DocsPath = NewType("DocsPath", str)
SitePath = NewType("SitePath", str)
Href = NewType("Href", str)

FOLDERS = {kind.name: kind.page_folder for kind in KIND_LIST if kind.page_folder}


def page_of(record: AnyRecord) -> DocsPath:
    """The Markdown file that shows the record."""
    kind = KINDS[record.kind]
    if kind.single_page:
        return DocsPath(kind.single_page)
    if kind.shown_on:
        return page_of(getattr(record, kind.shown_on))
    return DocsPath(f"{kind.page_folder}/{record.id}.md")


def anchor_of(record: AnyRecord) -> str:
    """The fragment that points at the record within its page ('' when the record has a page of its own)."""
    return record.id if KINDS[record.kind].shown_on else ""


def site_path(page: DocsPath | str) -> SitePath:
    """The directory URL MkDocs gives a docs page: 'graph.md' → 'graph/', 'data/index.md' → 'data/', 'index.md' → ''."""
    if page == "index.md":
        return SitePath("")
    return SitePath(page[: -len("index.md")] if page.endswith("/index.md") else page[: -len(".md")] + "/")


def url_of(record: AnyRecord) -> SitePath:
    """The record's URL, e.g. 'case-studies/bbc-face-swapping/' or 'recommendations/creators/#creators-disclose'."""
    anchor = anchor_of(record)
    return SitePath(site_path(page_of(record)) + (f"#{anchor}" if anchor else ""))


def link(from_page: DocsPath | str, record: AnyRecord) -> Href:
    """A relative Markdown link from one docs page to a record's page, which MkDocs can check."""
    anchor = anchor_of(record)
    return Href(relative(from_page, page_of(record)) + (f"#{anchor}" if anchor else ""))


def relative(from_page: DocsPath | str, to_path: DocsPath | str) -> Href:
    """A relative Markdown link from one docs file to another ('' for the page itself)."""
    if from_page == to_path:
        return Href("")
    return _step(from_page.rpartition("/")[0], to_path)


def relative_url(from_page: DocsPath | str, record: AnyRecord) -> Href:
    """A link to the record from `from_page`'s URL, for raw HTML that MkDocs does not rewrite."""
    path, _, fragment = url_of(record).partition("#")
    here = site_path(from_page)
    if fragment:
        return Href(("" if path == here else url_between(here, SitePath(path))) + f"#{fragment}")
    return url_between(here, SitePath(path))


def url_between(here: SitePath, there: SitePath) -> Href:
    """A link from one directory URL of the site to another: './' for the same place."""
    if here == there:
        return Href("./")
    return _step(here, there or "./")  # '' is the home page, a folder like the others


def _step(folder: str, target: str) -> Href:
    """The relative path from `folder` to `target`, both relative to the same root ('' for the root
    itself); a trailing '/' on `target` is kept. Equal to posixpath.relpath for these paths
    (tests/test_urls.py checks every pair of the fixture site), without relpath's look at the
    working directory."""
    start = [part for part in folder.split("/") if part not in ("", ".")]
    parts = [part for part in target.split("/") if part not in ("", ".")]
    common = 0
    while common < len(start) and common < len(parts) and start[common] == parts[common]:
        common += 1
    steps = [".."] * (len(start) - common) + parts[common:]
    return Href(("/".join(steps) or ".") + ("/" if target.endswith("/") else ""))
