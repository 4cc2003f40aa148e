"""Where each record lives in the docs tree. These paths become public URLs: change them only with redirects."""

from __future__ import annotations

import functools
import posixpath

from .model import AnyRecord, Recommendation

FOLDERS = {
    "case-study": "case-studies",
    "organization": "organizations",
    "reference": "references",
    "collection": "collections",
    "stakeholder": "recommendations",
}


def page_of(record: AnyRecord) -> str:
    """The Markdown file (relative to the docs root) that shows the record."""
    if record.kind == "framework":
        return "framework.md"
    if isinstance(record, Recommendation):
        return f"recommendations/{record.stakeholder.id}.md"
    return f"{FOLDERS[record.kind]}/{record.id}.md"


def anchor_of(record: AnyRecord) -> str:
    """The fragment that points at the record within its page ('' when the record has a page of its own)."""
    return record.id if isinstance(record, Recommendation) else ""


def url_of(record: AnyRecord) -> str:
    """The record's URL relative to the site root, e.g. 'case-studies/bbc-face-swapping/'."""
    page = page_of(record)
    path = "" if page == "index.md" else page[: -len("index.md")] if page.endswith("/index.md") else page[:-3] + "/"
    anchor = anchor_of(record)
    return path + (f"#{anchor}" if anchor else "")


def link(from_page: str, record: AnyRecord) -> str:
    """A relative Markdown link target from one docs page to a record, which MkDocs can check."""
    return relative(from_page, page_of(record)) + (f"#{anchor_of(record)}" if anchor_of(record) else "")


def relative(from_page: str, to_page: str) -> str:
    if from_page == to_page:
        return ""
    start = posixpath.dirname(from_page) or "."
    folder, name = posixpath.split(to_page)
    if not name or name in (".", "..") or f"{start}/".startswith(f"{to_page}/"):
        return posixpath.relpath(to_page, start)
    # Pages link to pages in a handful of folders: the folder-to-folder step is computed once per
    # pair, not once per link (posixpath.relpath asks the OS for the working directory every time).
    step = folder_step(start, folder or ".")
    return name if step == "." else f"{step}/{name}"


@functools.cache
def folder_step(start: str, folder: str) -> str:
    """The relative path from one folder to another, both relative to the docs root ('.' for the root)."""
    return posixpath.relpath(folder, start)


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a docs page: 'graph.md' → 'graph/', 'index.md' → ''."""
    if page == "index.md":
        return ""
    return page[: -len("index.md")] if page.endswith("/index.md") else page[: -len(".md")] + "/"


def relative_url(from_page: str, record: AnyRecord) -> str:
    """A link to the record that works from `from_page`'s URL, for HTML that MkDocs does not rewrite."""
    path, _, fragment = url_of(record).partition("#")
    here = page_url(from_page)
    if path == here:
        href = "./" if not fragment else ""
    elif here and path and not here.startswith(path) and not path.startswith(here):
        # The usual case: a page's URL is a folder of its own ('case-studies/x/'), and the record is
        # neither above nor below it. The step is then taken from the page's parent folder, cached
        # per pair of folders (as relative does for Markdown links) instead of a relpath per link.
        folder, _, name = path[:-1].rpartition("/")
        above = folder_step(posixpath.dirname(here[:-1]) or ".", folder or ".")
        href = (".." if above == "." else f"../{above}") + f"/{name}/"
    else:
        href = posixpath.relpath(path or ".", here or ".") + "/"
    return href + (f"#{fragment}" if fragment else "")
