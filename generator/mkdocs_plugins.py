"""Two small MkDocs plugins: the engine-specific part of the site, kept apart and optional.

Neither changes a byte of the built site: an engine that ignores MkDocs plugins (such as Zensical)
builds the same pages, only with more memory and, in its preview, without the search fix.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin, event_priority


class ReleasePageText(BasePlugin):
    """Lets go of each page's Markdown once it is HTML, and of its HTML once the page is written.

    MkDocs converts every page before it writes any, and keeps each page's Markdown and HTML to the
    end, while the search index grows beside them; on a site of 26,000 pages that is gigabytes
    nothing reads again. The title (which MkDocs takes from the front matter or the rendered
    heading) is unaffected. Both must stay strings: MkDocs reads None as "not loaded yet".
    """

    @event_priority(-100)  # after every other plugin has seen the page's Markdown
    def on_page_content(self, html, *, page, config, files):
        page.markdown = ""
        return html

    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        page.content = ""
        return output


class PreviewSearchMerge(BasePlugin):
    """For `smf serve` only: the preview's search index stays whole after a partial rebuild.

    Under `mkdocs serve --dirty` (the preview's default) MkDocs rebuilds only the pages the
    generator rewrote, and Material's search plugin merges those pages into the previous index.
    Its merge drops the previous entries of the first rebuilt page only, because it expects one
    page per save; an edit here rewrites a dozen or more (the record's page and every page that
    lists or draws it), and the others would be listed twice, then three times, one more with
    every save. Before Material merges, this drops the previous entries of every rebuilt page.
    It does nothing in `mkdocs build`.
    """

    def __init__(self) -> None:
        self.active = False
        self.rebuilt: set[str] = set()

    def on_startup(self, *, command, dirty) -> None:
        self.active = command == "serve" and dirty

    def on_pre_build(self, *, config) -> None:
        self.rebuilt = set()

    def on_page_context(self, context, *, page, config, nav):
        if self.active:
            self.rebuilt.add(page.url)
        return context

    @event_priority(50)  # before Material's search plugin writes the merged index
    def on_post_build(self, *, config) -> None:
        search = config.plugins.get("material/search")
        previous = getattr(search, "search_index_prev", None)
        if not self.active or previous is None:
            return
        previous.entries = [entry for entry in previous.entries if entry["location"].split("#")[0] not in self.rebuilt]
