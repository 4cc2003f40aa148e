"""Small MkDocs plugins: the engine-specific part of the site, kept apart.

None changes what a reader gets: `smf-splice` puts finished HTML blocks back exactly where the
generator placed them (see generator/render/markup.py); the others change memory, speed and the
preview only, and `smf-edit-links` where Material's edit button points. An engine that ignores MkDocs plugins (such as Zensical) still builds the same pages:
the spliced blocks are then plain raw HTML to its Markdown.
"""

from __future__ import annotations

import functools
import html as html_module
import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import _RelativePathTreeprocessor

from . import search_parser

# The markers of generator/render/markup.py, which the renderers write (a test checks they match):
# importing it from here would load the whole render package into every MkDocs run.
OPEN = "<!--smf:html-->"
INDEXED_OPEN = "<!--smf:html indexed-->"  # a block search indexes
CLOSE = "<!--/smf:html-->"
_OPENING = "<!--smf:html"  # what both openings begin with
MARKUP_FILE = str(Path(__file__).resolve().parent.parent / "render" / "markup.py")

log = logging.getLogger("mkdocs.plugins.smf")  # under 'mkdocs': a warning here fails --strict

PLACEHOLDER = "<!--smf:splice:{}-->"
_PLACEHOLDER = re.compile(r"<!--smf:splice:(\d+)-->(\n?)")  # and the line end after it
# Attributes found by their literal text, then checked to follow a space (or `xlink:`): a pattern that
# began with the space could not skip ahead to the text, and took twice as long over drawings' SVG.
_LINK = re.compile(r'(href|src)="([^"]*)"')
_ID = re.compile(r'id="([^"]*)"')
_NAMED = re.compile(r'<a\s[^>]*?\bname="([^"]*)"')
WRAP_OPEN, WRAP_CLOSE = "<!--smf:spliced\n", "\n/smf:spliced-->"
LOOKUPS: list | None = None  # set by smf-build while a page converts: the pages and files its links looked for


class SpliceHtml(BasePlugin):
    """Keeps blocks of finished HTML (`spliced_html` in generator/render/markup.py) out of Markdown.

    on_page_markdown takes each block out and leaves a placeholder comment, which Markdown passes
    through; on_page_content resolves and checks the block's links and registers its ids as the
    page's anchors, as MkDocs does for Markdown, and puts the block in place of its placeholder,
    still inside an HTML comment: search's parser skips a comment at the cost of one scan for its
    end. on_page_context, after search has indexed the page, takes the comment marks away. So a block
    is not indexed by search (mark it `data-search-exclude` anyway: it is then indexed the same
    way without this plugin), except one opened by INDEXED_OPEN, which is put back bare.
    """

    def __init__(self) -> None:
        self.by_url: dict = {}
        self._files = None

    @event_priority(100)  # before any other plugin reads the Markdown
    def on_page_markdown(self, markdown, *, page, config, files):
        if _OPENING not in markdown:
            return markdown
        blocks: list[tuple[str, bool]] = []  # (the block, whether search indexes it)
        parts: list[str] = []
        position = searched = 0
        while (start := markdown.find(_OPENING, searched)) != -1:
            searched = start + len(_OPENING)
            indexed = markdown.startswith(INDEXED_OPEN, start)
            if not indexed and not markdown.startswith(OPEN, start):
                continue
            end = markdown.find(CLOSE, start)
            if end == -1:
                break
            parts.append(markdown[position:start])
            parts.append(PLACEHOLDER.format(len(blocks)))
            blocks.append((markdown[start + len(INDEXED_OPEN if indexed else OPEN) + 1 : end - 1], indexed))
            position = searched = end + len(CLOSE)
        parts.append(markdown[position:])
        page.smf_spliced = blocks
        return "".join(parts)

    def on_page_content(self, html, *, page, config, files):
        blocks = getattr(page, "smf_spliced", None)
        if not blocks:
            return html
        page.smf_spliced = None
        finished = [(self._resolve(block, page, config, files), indexed) for block, indexed in blocks]

        def put_back(found: re.Match) -> str:
            block, indexed = finished[int(found.group(1))]
            if indexed:
                # Markdown ends a block of raw HTML with an empty line, and a list without one: an indexed
                # block (a list, in practice) takes that line's place too, and the page is what Markdown
                # made of the list, byte for byte.
                return block
            return f"{WRAP_OPEN}{block}{WRAP_CLOSE}{found.group(2)}"

        return _PLACEHOLDER.sub(put_back, html)

    @event_priority(-100)  # after Material's search has read the page
    def on_page_context(self, context, *, page, config, nav):
        if page.content and WRAP_OPEN in page.content:
            page.content = page.content.replace(WRAP_OPEN, "").replace(WRAP_CLOSE, "")
        return context

    def _resolve(self, block: str, page, config, files) -> str:
        """The block's links as MkDocs would write and check them; its ids become the page's anchors."""
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(_anchors(block))
        if files is not self._files:
            self._files, self.by_url = files, {file.url: file for file in files}
        folders = _folders(posixpath.dirname("/" + page.url))
        links = page.links_to_anchors if page.links_to_anchors is not None else {}
        markdown_links = None

        def link(found: re.Match) -> str:
            nonlocal markdown_links
            if not _is_link_attribute(block, found.start(), found.group(1)):
                return found.group(0)  # part of another attribute's name (data-href="…")
            kind, url, path, anchor = _meaning(found.group(2))
            if kind == "elsewhere":
                return found.group(0)
            if kind == "this page":
                links.setdefault(page.file, {}).setdefault(anchor, url)
                return found.group(0)
            if kind == "markdown":  # written like a Markdown link: MkDocs' own resolution and checks
                if markdown_links is None:
                    markdown_links = _RelativePathTreeprocessor(page.file, files, config)
                    markdown_links.links_to_anchors = links
                return f'{found.group(1)}="{_attribute(markdown_links.path_to_url(url))}"'
            target = _site_address(folders, path)
            file = self.by_url.get(target)
            if LOOKUPS is not None:
                LOOKUPS.append(("url", target, file is not None))
            if file is None:
                log.log(
                    config.validation.links.not_found,
                    f"Doc file '{page.file.src_uri}' contains a link '{url}' in a block of finished HTML, but no page or file of the site is at '/{target}'.",
                )
            elif anchor:
                links.setdefault(file, {}).setdefault(anchor, url)
            return found.group(0)

        block = _LINK.sub(link, block)
        if page.links_to_anchors is None and links and log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links
        return block


def _is_link_attribute(block: str, start: int, name: str) -> bool:
    """Whether the `href` or `src` at `start` begins an attribute (after a space), or is xlink:href."""
    if start and block[start - 1].isspace():
        return True
    return name == "href" and start > 6 and block.startswith("xlink:", start - 6) and block[start - 7].isspace()


def _anchors(block: str) -> set[str]:
    """The ids in a block, and the names of its <a name="…"> elements. Found by their literal text
    and then checked to be attributes: the one pattern that did both was a twentieth of converting
    the site's pages (a drawing's SVG is long)."""
    found = {match.group(1) for match in _ID.finditer(block) if match.start() and block[match.start() - 1].isspace()}
    if 'name="' in block:
        found.update(_NAMED.findall(block))
    return found


@functools.lru_cache(maxsize=65536)
def _meaning(raw: str) -> tuple[str, str, str, str]:
    """What a link written `raw` in a block is: (kind, the link unescaped, its path, its anchor).
    Drawings link to the same records again and again: each is worked out once."""
    url = html_module.unescape(raw)
    scheme, netloc, path, _, anchor = urlsplit(url)
    if scheme or netloc:
        return "elsewhere", url, "", ""
    if not path:
        return ("this page" if anchor else "elsewhere"), url, "", anchor
    return ("markdown" if path.endswith(".md") else "site"), url, path, anchor


def _site_address(folders: tuple[str, ...], path: str) -> str:
    """The site address a relative `path` names from a page whose address is the folder `folders[0]`
    (`folders`: it and the folders above it, _folders()). Each page is a folder of its own, so a
    leading '../' is taken off while going up one folder: pages of one section then ask the same
    question, and it is answered once."""
    up = 0
    while path.startswith("../", 3 * up) and not path.startswith("/", 3 * up + 3) and up < len(folders) - 1:
        up += 1
    return _address(folders[up], path[3 * up :], path.endswith("/"))


@functools.lru_cache(maxsize=4096)
def _folders(folder: str) -> tuple[str, ...]:
    """`folder` and each folder above it, up to '/'."""
    out = [folder]
    while out[-1] != "/":
        out.append(posixpath.dirname(out[-1]))
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _address(folder: str, path: str, trailing: bool) -> str:
    target = posixpath.normpath(posixpath.join(folder, unquote(path))).lstrip("/")
    return "" if target == "." else target + ("/" if trailing and target else "")


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


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


class SearchScopeOptions(Config):
    exclude = config_options.ListOfItems(config_options.Type(str), default=[])


class SearchScope(BasePlugin[SearchScopeOptions]):
    """Keeps boilerplate out of the search index without changing a byte of the page.

    `exclude` lists '#id' (a heading: its whole section, up to the next heading; `*` matches any
    characters) and '.class' (one element and what it holds). Before Material's search reads a page,
    each match gets `data-search-exclude="smf"`, which search honours and then strips from the page
    itself (it removes every `data-search-…="…"` attribute once it has indexed the page).
    It also has search read pages with engine/search_parser.py's parser: the same sections, in half
    the time; and take its attributes out of the page again a fifteenth of the time (the same page).
    """

    def on_config(self, config):
        search_parser.install()
        search_parser.install_strip(config.plugins)
        ids = [re.escape(item[1:]).replace(r"\*", '[^"]*') for item in self.config.exclude if item.startswith("#")]
        classes = [re.escape(item[1:]) for item in self.config.exclude if item.startswith(".")]
        unknown = [item for item in self.config.exclude if not item.startswith(("#", "."))]
        if unknown:
            raise PluginError(f"smf-search-scope: expected '#heading-id' or '.class', found {', '.join(map(repr, unknown))}")
        self.headings = re.compile(r'<(h[1-6])(?=[^>]*\sid="(?:' + "|".join(ids) + r')")') if ids else None
        self.elements = re.compile(r'<([a-z][a-z0-9]*)(?=[^>]*\sclass="(?:[^"]*\s)?(?:' + "|".join(classes) + r')(?:\s[^"]*)?")') if classes else None
        return config

    @event_priority(10)  # just before Material's search (0) reads the page
    def on_page_context(self, context, *, page, config, nav):
        content = page.content or ""
        for pattern in (self.headings, self.elements):
            if pattern is not None:
                content = pattern.sub(r'<\1 data-search-exclude="smf"', content)
        page.content = content
        return context


class EditLinks(BasePlugin):
    """Material's "Edit this page" button (content.action.edit) opens the file a page is made from.

    MkDocs builds each page's edit address from the page's path in the docs folder, but most pages
    here are generated: the file to edit is a record under sources/. A record page names its file's
    edit address in its front matter (`edit_url`, set by the generator from mkdocs.yml's repo_url and
    edit_uri); a hand-written page is edited in content/; any other generated page (an index, the
    graph) has no single file to edit, so it gets no button.
    """

    def on_page_markdown(self, markdown, *, page, config, files):
        if not config.repo_url:
            return markdown
        if "edit_url" in page.meta:
            page.edit_url = page.meta["edit_url"] or None
        elif (Path(config.config_file_path).parent / "content" / page.file.src_uri).is_file():
            page.edit_url = config.repo_url.rstrip("/") + "/" + (config.edit_uri or "").strip("/") + "/content/" + page.file.src_uri
        else:
            page.edit_url = None
        return markdown


class TemplateMemo(BasePlugin):
    """Draws the parts of the theme that are the same on a whole section's record pages once.

    Material draws the tabs, the navigation and the breadcrumbs anew for every page, though on the
    thousands of record pages outside the nav tree they differ only by section. The templates
    (overrides/partials/smf-keep.html) call `smf_keep(part, name, *key)`, with a key naming all that
    the part depends on; this keeps each part by its key for the length of one build (in each worker
    process, its own), so the pages come out byte for byte as if every part were drawn again.
    """

    def on_env(self, env, *, config, files):
        kept: dict[tuple, str] = {}

        def keep(part, *key):
            found = kept.get(key)
            if found is None:
                found = kept[key] = part()
            return found

        env.globals["smf_keep"] = keep
        return env
