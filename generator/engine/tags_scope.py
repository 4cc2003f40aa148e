"""Material's tags plugin, handed only the pages that have tags or may hold a listing.

The plugin looks at every page's Markdown for tags (in its front matter) and for listings (a
`<!-- material/tags -->` comment): 60 µs a page, 0.15 s of a rebuild at 1,000 case studies, where a
few pages have either. A page with neither gets its Markdown back here without that look, which is
what the plugin would give it: no mapping, and its listings' re.sub, which matches nothing, returns
the same string. The plugin's deprecated settings, which add pages of their own, leave it as it is.
smf-build installs this (engine/fastbuild.py); under `mkdocs serve --dirty` the plugin is left alone.
"""

from __future__ import annotations

import re

from .events import replace_handler


def install(plugins) -> None:
    """Hand Material's tags plugin only the pages that may concern it, in `plugins` (a loaded MkDocs configuration's)."""
    tags = plugins.get("material/tags")
    events = plugins.events["page_markdown"]
    original = getattr(tags, "on_page_markdown", None)
    if tags is None or original is None or original not in events or tags.config.tags_file or tags.config.tags_extra_files:
        return
    # The plugin's listing pattern, up to the directive: a listing begins with a match of it right after '<!--'.
    directive = re.compile(rf"\s*?{tags.config.listings_directive}", re.I | re.M | re.S)
    name = tags.config.tags_name_property

    def on_page_markdown(markdown, *, page, **kwargs):
        # Noted on the page for smf-build: a page that may hold a listing is always read (known_reads.py).
        page.smf_may_list = may_hold_listing(markdown, directive)
        if not page.meta.get(name, []) and not page.smf_may_list:
            return markdown
        return original(markdown, page=page, **kwargs)

    on_page_markdown.smf_tags_scope = True  # type: ignore[attr-defined]
    replace_handler(plugins, "page_markdown", original, on_page_markdown)


def is_scoped(handler) -> bool:
    """Whether handler is the tags plugin's on_page_markdown as install() hands it pages."""
    return getattr(handler, "smf_tags_scope", False)


def may_hold_listing(markdown: str, directive: re.Pattern) -> bool:
    """Whether the directive follows some '<!--' in markdown: a listing cannot be there otherwise."""
    position = markdown.find("<!--")
    while position != -1:
        if directive.match(markdown, position + 4):
            return True
        position = markdown.find("<!--", position + 4)
    return False
