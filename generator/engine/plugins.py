"""Two small MkDocs plugins: the engine-specific part of the site, kept apart and optional.

Neither changes a byte of the built site: an engine that ignores MkDocs plugins (such as Zensical)
builds the same pages, only with more memory and, in its own preview, without these fixes.
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


class PreviewMerge(BasePlugin):
    """For `smf serve` only: search and the tag listings stay whole after a partial rebuild.

    Under `mkdocs serve --dirty` (the preview's default) MkDocs rebuilds only the pages the
    generator rewrote, and plugins see only those pages. Two of Material's plugins then go wrong:

    - search merges the rebuilt pages into the previous index, but drops the previous entries of
      the first rebuilt page only, as it expects one page per save; an edit here rewrites a dozen
      or more (the record's page and every page that lists or draws it), and the others would be
      listed once more with every save; and it drops all previous entries under the first rebuilt
      page's address, which is every entry when that page is the home page. This plugin merges
      instead: the previous entries of every page not rebuilt, then the rebuilt pages'.
    - tags lists only the pages it saw in this run. Before it fills in the listings, this adds
      back what the previous run knew of every page that still exists and was not read again.

    It does nothing in `mkdocs build`.
    """

    def __init__(self) -> None:
        self.active = False
        self.rebuilt: set[str] = set()  # pages read (and so written) in this run; a dirty build skips both for the rest
        self.existing: set[str] = set()
        self.tag_mappings: dict = {}  # what the tags plugin knew at the end of the previous run

    def on_startup(self, *, command, dirty) -> None:
        self.active = command == "serve" and dirty

    def on_pre_build(self, *, config) -> None:
        self.rebuilt = set()

    def on_files(self, files, *, config):
        self.existing = {file.url for file in files.documentation_pages()}
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        self.rebuilt.add(page.url)
        return markdown

    @event_priority(150)  # before the tags plugin fills in its listings (at 100)
    def on_env(self, env, *, config, files):
        tags = config.plugins.get("material/tags")
        mappings = getattr(getattr(tags, "mappings", None), "data", None)
        if not self.active or mappings is None:
            return env
        for url, mapping in self.tag_mappings.items():
            if url not in self.rebuilt and url in self.existing:
                mappings.setdefault(url, mapping)
        self.tag_mappings = dict(mappings)
        return env

    @event_priority(50)  # before Material's search plugin writes the merged index
    def on_post_build(self, *, config) -> None:
        search = config.plugins.get("material/search")
        previous = getattr(search, "search_index_prev", None)
        if not self.active or previous is None:
            return
        kept = [entry for entry in previous.entries if entry["location"].split("#")[0] not in self.rebuilt]
        # Merged here rather than by Material, which would also drop every previous entry whose
        # address starts with the first rebuilt page's: all of them when that is the home page ('').
        search.search_index.entries = kept + search.search_index.entries
        search.search_index_prev = None
