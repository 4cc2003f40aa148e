"""The site map (sitemap.xml and its gzip copy), kept with the pages: the same pages give the same map.

MkDocs renders sitemap.xml from its template over every page on each build and compresses it: 15 ms
of its main process at 1,000 case studies, after every edit, for a file an edit rarely changes.
The map shows each page's address and update date only. So while the template is MkDocs' own and no
plugin sees templates (pre_template, template_context and post_template have no handlers), the bytes
MkDocs wrote for the same addresses and dates are written again instead, from smf-build's store.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs import utils

NAME = "sitemap.xml"
_MKDOCS_TEMPLATE = Path(mkdocs.__file__).resolve().parent / "templates" / NAME
_TEMPLATE_EVENTS = ("pre_template", "template_context", "post_template")


def build_theme_template(original, store: Any, common: str, template_name: str, env, files, config, nav) -> None:
    """MkDocs' _build_theme_template (`original`), but for a site map kept in `store` (a PageStore)
    that still holds; `common` is the key of all that every page depends on (the configuration,
    the theme, the code)."""
    if template_name != NAME or not _plain(env, config):
        return original(template_name, env, files, config, nav)
    key = _key(common, files)
    kept = store.get(key)
    output = os.path.join(config.site_dir, NAME)
    if kept is not None:
        xml, compressed = kept
        utils.write_file(xml, output)
        with open(f"{output}.gz", "wb") as stream:
            stream.write(compressed)
        store.keep(key)
        return None
    original(template_name, env, files, config, nav)
    with contextlib.suppress(OSError):  # MkDocs wrote no map (an empty one): nothing to keep
        store.put(key, (Path(output).read_bytes(), Path(f"{output}.gz").read_bytes()))
    return None


def _plain(env, config) -> bool:
    """Whether the map is MkDocs' own template over the pages, which no plugin sees."""
    try:
        template = Path(env.get_template(NAME).filename or "").resolve()
    except Exception:  # not found: MkDocs says so when it builds it
        return False
    return template == _MKDOCS_TEMPLATE and not any(config.plugins.events.get(event) for event in _TEMPLATE_EVENTS)


def _key(common: str, files) -> str:
    """What the map (and its gzip copy, stamped with the latest update date) is made from."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"sitemap\0{common}\0".encode())
    for file in files.documentation_pages():
        page = file.page
        fields = (None,) if page is None else (page.is_link, page.abs_url, page.canonical_url, page.update_date)
        hasher.update(repr(fields).encode("utf-8", "surrogatepass"))
    return "sitemap-" + hasher.hexdigest()
