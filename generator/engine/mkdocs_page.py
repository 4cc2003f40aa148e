"""MkDocs 1.6.1's Page.read_source and Page.render, as smf-build runs them: the same results, with
the front matter the generator writes read as JSON (front_matter.py), pages read ahead while MkDocs
waited (prefetch.py) and one Markdown converter per process. MkDocs 1.x is frozen at 1.6.1, so these copies of its two methods cannot drift from it.
Also each page's canonical and edit addresses, joined without urljoin when they are plain (`install_plain_joins`).
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any
from urllib.parse import urlsplit

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

from . import front_matter, inline_patterns
from .prefetch import Prefetch, read_page, source_digest

log = logging.getLogger("mkdocs.plugins.smf.build")


def read_source(page, config) -> None:
    """MkDocs' Page.read_source, with the front matter read by engine/front_matter.py, and taken from
    what was read ahead (`read_ahead`, engine/prefetch.py) when the page's file is unchanged since.
    It also sets `page.smf_source_digest`, a digest of what was read (of the file's bytes, if a file),
    and `page.smf_stamp`, the stamp of the file read (prefetch.py), or None if no file was."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    # A File has content of its own or a path to read (MkDocs 1.6.1 unsets the path when content is set).
    path = page.file.abs_src_path if source is None else None
    if path is not None and read_ahead is not None and (ahead := read_ahead.take(path)) is not None:
        page.markdown, page.meta, page.smf_source_digest, page.smf_stamp = ahead
        return
    page.smf_stamp = None
    try:
        if path is not None:
            page.smf_stamp, source, page.smf_source_digest = read_page(path)  # as File.content_string reads it
        else:
            source = page.file.content_string if source is None else source
            page.smf_source_digest = source_digest(source.encode("utf-8", "surrogatepass"))
    except OSError:
        log.error(f"File not found: {page.file.src_path}")
        raise
    except ValueError:
        log.error(f"Encoding error reading file: {page.file.src_path}")
        raise
    page.markdown, page.meta = front_matter.get_data(source)


def render(page, config, files) -> None:
    """MkDocs' Page.render (1.6.1) with one Markdown converter per process instead of one per page:
    building a converter loads every extension, a twentieth of a page's cost. Its inline pass skips
    patterns that cannot match (inline_patterns.py). Python-Markdown's reset() clears what a
    conversion leaves behind; MkDocs' own per-page processors are registered anew for each page,
    replacing the last page's under the same names."""
    md = _CONVERTER.get(id(config))
    if md is None:
        md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        inline_patterns.install(md)
        _CONVERTER.clear()
        _CONVERTER[id(config)] = md
        md.smf_config = config  # holds the configuration, so that its id is not reused
    md.reset()
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    extract_anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors._register(md)
    relative_paths = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative_paths._register(md)
    extract_title = mkdocs_pages._ExtractTitleTreeprocessor()
    extract_title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title.title
    page.present_anchor_ids = extract_anchors.present_anchor_ids | raw_html.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_paths.links_to_anchors


read_ahead: Prefetch | None = None  # set by engine/standby.py for the build it runs

_CONVERTER: dict[int, Any] = {}  # the converter of this process, by the configuration it was made for


# -- each page's addresses ----------------------------------------------------------------------

# A base address and a path for which urljoin(base, path) is base + path: the base is http(s) with a
# host and an optional port, its path and the joined path are segments of letters, digits and
# '-._~' that do not begin with a dot (urljoin removes '.' and '..' segments), with no empty segment,
# query, fragment, escape, space or control character (urljoin strips and parses those).
_PLAIN_BASE = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*")
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?")
_ORIGINAL_CANONICAL = mkdocs_pages.Page._set_canonical_url
_ORIGINAL_EDIT = mkdocs_pages.Page._set_edit_url


def install_plain_joins() -> None:
    """Page.__init__ joins every page's canonical and edit address with urljoin, a twentieth of what
    MkDocs does after the generator on a rebuild that changes few pages: where the join is plain
    concatenation, it is done so; anything else goes to MkDocs' own method."""
    mkdocs_pages.Page._set_canonical_url = _set_canonical_url  # type: ignore[method-assign]
    mkdocs_pages.Page._set_edit_url = _set_edit_url  # type: ignore[method-assign]


def _set_canonical_url(self, base: str | None) -> None:
    if base:
        slashed = base if base.endswith("/") else base + "/"
        path = _base_path(slashed)
        url = self.url
        if path is not None and _PLAIN_PATH.fullmatch(url):
            self.canonical_url = slashed + url
            self.abs_url = path + url
            return
    _ORIGINAL_CANONICAL(self, base)


def _set_edit_url(self, repo_url: str | None, edit_uri: str | None = None, edit_uri_template: str | None = None) -> None:
    src_uri = self.file.edit_uri
    if repo_url and edit_uri and edit_uri.endswith("/") and not edit_uri_template and src_uri is not None:
        slashed = repo_url if repo_url.endswith("/") else repo_url + "/"
        file_edit_uri = edit_uri + src_uri
        if _base_path(slashed) is not None and _PLAIN_PATH.fullmatch(file_edit_uri):
            self.edit_url = slashed + file_edit_uri
            return
    _ORIGINAL_EDIT(self, repo_url, edit_uri, edit_uri_template)


@functools.lru_cache(maxsize=16)
def _base_path(base: str) -> str | None:
    """The path of a plain base address ('/' or '/docs/'), None if the base is not plain."""
    return urlsplit(base).path if _PLAIN_BASE.fullmatch(base) else None
