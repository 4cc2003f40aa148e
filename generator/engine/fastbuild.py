"""`smf-build`: MkDocs' page loop on every core, from a cache of pages already built, in little memory.

MkDocs builds a site in two passes over its pages: it converts every page's Markdown to HTML
(`_populate_page`), then renders each into the theme and writes it (`_build_page`), holding every
page's HTML in between. This plugin takes over both passes and does the same work differently:

- **Every core.** Both passes run in `jobs` worker processes (forked, so they share everything the
  build knows so far). What plugins learn in between is merged back in page order: each page's
  title, table of contents, anchors and links to check; the search entries of each page, in the
  order MkDocs would have added them; every log line a worker wrote, replayed in the main process,
  so `--strict` still fails on the same warnings. The site is byte-identical to a serial build.
- **Only what changed.** A page's HTML is kept under `cache_dir` (and what MkDocs learnt from it in
  one store for all pages, engine/page_store.py), keyed by a hash of its Markdown
  (as read, and after every plugin's `on_page_markdown`), its front matter and everything that applies to all
  pages (mkdocs.yml, the theme's templates and overrides, package versions, this code); the
  finished page is kept under a second key that adds what the theme draws around it (navigation,
  title, neighbours). A page is converted or rendered again only when its key changes, and also
  when a page or file it linked to appeared or disappeared. The checks stay whole on every build:
  each page's anchors, links and warnings are kept with it and checked or replayed again. A page
  whose file is the one the last build read is not even read (known_reads.py), and a finished page
  already in the site folder as the cache's own file is left there (_place).
- **Folders kept.** The site folder is cleaned of files only, and the folders the build left empty
  go after it (site_folders.py): `smf build` builds into the site before last, whose page folders
  would otherwise be made again.
- **Little memory.** HTML goes to disk as soon as a page is converted and comes back only while
  that page is rendered, and so do its table of contents and its largest front matter (structured
  data, citation tags); search entries go to disk as pages are built and into the index file
  by streaming. The main process keeps each page's title, anchors and links, and the rest of its
  front matter. Workers are forked with the main process's objects frozen out of the garbage
  collector, so that they share its memory instead of copying it.

Pages that other plugins fill in after conversion (Material's tag listings, which read
`<!-- material/tags`) are converted in the main process, as MkDocs does, and never cached by
Markdown. Plugins whose own state changes while pages are rendered (`on_page_context`,
`on_post_page`) see only their worker's pages; of those, Material's search is merged back, and
the site uses no other. Material's tags plugin is handed only the pages that have tags or may
hold a listing (tags_scope.py). Under `mkdocs serve --dirty` (the preview's default)
MkDocs already rebuilds only the pages that changed, and this plugin steps aside.
"""

from __future__ import annotations

import collections
import functools
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import resource
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from . import events, front_matter, guard, inline_patterns, known_reads, mkdocs_page, search_parser, site_folders, sitemap, tags_scope
from .known_reads import KnownReads
from .prefetch import stamp_of
from .mkdocs_page import read_source, render
from .page_store import PageStore
from .search_entries import SearchEntries, encode_entries
from . import plugins as smf_plugins

log = logging.getLogger("mkdocs.plugins.smf.build")

ORIGINAL_POPULATE = mkdocs_build._populate_page
ORIGINAL_BUILD = mkdocs_build._build_page
ORIGINAL_CLEAN = mkdocs_build.utils.clean_directory
ORIGINAL_THEME_TEMPLATE = mkdocs_build._build_theme_template
LISTING = "<!-- material/tags"  # a page Material's tags plugin fills in after conversion
FORMAT = "4"  # bump when what is cached, or how it is keyed, changes
CHUNK = 16  # pages per task handed to a worker, at most
# Front matter the theme reads only on the page it belongs to (overrides/main.html, citation-meta.html),
# and large: the structured data and the citation tags.
REREAD_META = ("json_ld", "citation_meta")
RENDER_ONE_BY_ONE = 64  # pages to render up to which each is a task of its own, the largest first (_Run._render_chunks)
QUEUED_CHUNKS = 4  # chunks per worker that may wait for it, read but not yet converted


class BuildOptions(Config):
    enabled = config_options.Type(bool, default=True)
    jobs = config_options.Type(int, default=0)  # 0: $SMF_JOBS, else every core
    cache_dir = config_options.Type(str, default="")  # '': $SMF_CACHE, else no cache (a scratch folder)


class FastBuild(BasePlugin[BuildOptions]):
    def __init__(self) -> None:
        self.run: _Run | None = None
        self.dirty = False
        self.known_ahead: KnownReads | None = None

    def on_startup(self, *, command, dirty) -> None:
        self.dirty = dirty

    @event_priority(100)  # before other plugins load templates (search loads one in its on_config)
    def on_config(self, config):
        mkdocs_build._populate_page = self._populate
        mkdocs_build._build_page = self._build
        mkdocs_build.utils.clean_directory = self._clean
        mkdocs_build._build_theme_template = self._theme_template
        jobs = self.config.jobs or int(os.environ.get("SMF_JOBS") or 0) or os.cpu_count() or 1
        cache = self.config.cache_dir or os.environ.get("SMF_CACHE", "")
        self.run = _Run(config, jobs, cache) if self.config.enabled and not self.dirty else None
        if self.run is not None:
            tags_scope.install(config.plugins)
            mkdocs_page.install_plain_joins()
            if not self.run.scratch:
                _theme_from_cache(config, self.run.root, self.run.common)
                if known_reads.skippable(config.plugins):
                    ahead, self.known_ahead = self.known_ahead, None  # loaded for the read-ahead (pages_known)
                    same = ahead is not None and ahead.path.parent == self.run.root and ahead.header[1] == self.run.common
                    self.run.known = ahead if same else KnownReads(self.run.root, self.run.common, REREAD_META)
        return config

    def _clean(self, directory: str) -> None:
        if self.run is None:
            return ORIGINAL_CLEAN(directory)
        self.run.site_to_clean = directory  # in on_env, once the pages are known: their files stay until put in place

    def _theme_template(self, template_name, env, files, config, nav):
        if self.run is None or self.run.scratch:
            return ORIGINAL_THEME_TEMPLATE(template_name, env, files, config, nav)
        return sitemap.build_theme_template(ORIGINAL_THEME_TEMPLATE, self.run.store, self.run.common, template_name, env, files, config, nav)

    def _populate(self, page, config, files, dirty=False):
        if self.run is None or dirty:
            return ORIGINAL_POPULATE(page, config, files, dirty)
        self.run.read(page, config, files)

    def _build(self, page, config, doc_files, nav, env, dirty=False, excluded=False):
        if self.run is None or dirty:
            return ORIGINAL_BUILD(page, config, doc_files, nav, env, dirty, excluded)
        self.run.build_all(config, doc_files, nav, env)

    @event_priority(200)  # before Material's tags plugin fills in its listings (at 100)
    def on_env(self, env, *, config, files):
        mkdocs_page.read_ahead = None  # every page is read: what was read ahead and not used goes
        if self.run is not None:
            if self.run.site_to_clean is not None:  # before anything is written into the site folder
                self.run.pages_written = {os.path.normpath(file.abs_dest_path) for file in files.documentation_pages()}
                self.run.kept_folders = site_folders.empty_keeping_folders(self.run.site_to_clean, keep=self.run.pages_written)
                self.run.site_to_clean = None
            if self.run.kept_folders:
                outputs = [file.abs_dest_path for file in files] + [os.path.join(config.site_dir, name) for name in config.theme.static_templates]
                site_folders.clear_way(outputs, self.run.kept_folders)
            self.run.convert_all(config, files)
        return env

    @event_priority(-200)  # after Material's search has written its index
    def on_post_build(self, *, config) -> None:
        if self.run is not None:
            self.run.write_search_index(config)
            site_folders.remove_empty(self.run.kept_folders, holding=self.run.pages_written)
            self.run.finish()
            self.run = None

    def on_build_error(self, *, error) -> None:
        if self.run is not None:
            if self.run.pool is not None:
                self.run.pool.terminate()
            self.run.finish(failed=True)
            self.run = None


def pages_known(config):
    """For the read-ahead (prefetch.py), with the configuration loaded and before the build begins: a
    test of whether a page's file is the one the last build read, which the build will then not read
    (if the plugins allow it: a page left unread here is read then); None if every page is read."""
    plugin = config.plugins.get("smf-build")
    if not isinstance(plugin, FastBuild) or not plugin.config.enabled:
        return None
    cache = plugin.config.cache_dir or os.environ.get("SMF_CACHE", "")
    if not cache:
        return None
    plugin.known_ahead = KnownReads(Path(cache), _common_key(config), REREAD_META)
    return plugin.known_ahead.has


# The run in progress and the arguments of the pass: module-level, so that forked workers find them
# without pickling them.
_SHARED: dict[str, Any] = {"run": None, "args": ()}


class _Run:
    def __init__(self, config, jobs: int, cache: str):
        self.jobs = max(1, jobs)
        self.scratch = None
        if cache:
            self.root = Path(cache)
        else:
            self.scratch = Path(tempfile.mkdtemp(prefix="smf-pages-"))
            self.root = self.scratch
        self.keep_outputs = not self.scratch
        (self.root / "html").mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.root / "page", ignore_errors=True)  # one file per page, before page_store.py
        # What each page's conversion learnt, and what its rendering gave search (kept for the next
        # build only with a cache; without one, it is the scratch folder's, and empty to begin with).
        self.store = PageStore(self.root)
        self.common = _common_key(config)
        self.pages: list = []  # in reading order: (page, key) for pages converted by workers
        self.used: set[str] = set()
        self.built = False
        self.converted = 0  # pages converted in this run (the rest came from the cache)
        self.rendered = 0
        self.read_whole = 0  # pages read in full in this run (the rest as the last build read them, known_reads.py)
        self.by_url: Any = None  # every file by its address, once the files are known
        self.pending: list[tuple[int, str, str, tuple]] = []  # pages to convert: (index, path, key, (Markdown, front matter, spliced blocks))
        self.chunks_handed_out = 0
        self.results: collections.deque[Any] = collections.deque()  # per chunk handed out and not yet taken in, in order: its results, or a promise of them
        self.pool: Any = None
        self.search: SearchEntries | None = None
        self.kept_folders: list[str] = []  # of the site folder, emptied of files instead of removed (engine/site_folders.py)
        self.site_to_clean: str | None = None  # the site folder, until it is emptied of all but this build's pages
        self.pages_written: set[str] = set()  # the site folder's pages, as normalised paths
        self.lookups_hold: dict[str, bool] = {}  # each lookup a kept page made (_lookup_text), and whether it gives the same now
        self.known: KnownReads | None = None  # pages whose reading may be skipped (known_reads.py); None: every page is read
        self.reading: tuple = ()  # the configuration and files the pages were read with

    # -- the first pass: Markdown to HTML ---------------------------------------------------

    def read(self, page, config, files) -> None:
        """What MkDocs does before conversion, in the main process and in reading order: other
        plugins see every page's Markdown here (the tags plugin collects its tags)."""
        config._current_page = page
        if self.by_url is None:
            self.by_url = {file.url: file for file in files}
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            if self._read_known(page, config, files):
                return
            self.read_whole += 1
            read_source(page, config)
            as_read = dict(page.meta) if self.known is not None else None  # before any plugin sees it
            filled_in_later = LISTING in page.markdown  # before the tags plugin replaces the directive
            source = page.markdown  # plugins may take parts out (smf-splice does): the key covers both
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            if filled_in_later:
                render(page, config, files)
                page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
                page.smf_key = None
                return
        except Exception as error:
            message = f"Error reading page '{page.file.src_uri}':"
            if not isinstance(error, PluginError):
                message += f" {error}"
            log.error(message)
            raise
        finally:
            config._current_page = None
        # What was read is in the key by its digest (of the file's bytes, computed while MkDocs waited
        # for the generator when the page was read ahead), and what the plugins made of it in full,
        # unless they left it as it was.
        made = "=" if page.markdown is source else "+" + page.markdown
        page.smf_key = _digest(self.common, page.file.src_uri, page.smf_source_digest, made, _front_matter_digest(page.meta))
        # The theme reads these for the page itself only: they are read again from the page's file
        # when it is rendered, and the main process does not hold them meanwhile (a quarter of what it
        # held at the end of a 1,000-case build, by tracemalloc).
        page.smf_reread = [name for name in REREAD_META if name in page.meta]
        for name in page.smf_reread:
            del page.meta[name]
        # What the plugins made of the page goes to the worker with the chunk (so that it need not read
        # and parse the page again); the main process keeps only the key and the front matter.
        prepared = (page.markdown, page.meta, page.__dict__.pop("smf_spliced", None))
        page.markdown = ""
        self.pages.append(page)
        if self.known is not None and as_read is not None and page.smf_stamp is not None and not getattr(page, "smf_may_list", False):
            self.known.note(page.file.src_uri, page.smf_stamp, page.smf_key, as_read)
        store = self.store
        if (state := store.get(page.smf_key)) is not None and self._still_valid(state, files):
            self._apply(page, state, files)
            store.keep(page.smf_key)
            return
        # Converted while the main process reads on: workers start on the first full chunk.
        self.pending.append((len(self.pages) - 1, page.file.src_uri, page.smf_key, prepared))
        # The first chunks are small (1, 2, 4, … pages): the workers start early, and the few pages
        # an edit changes are shared out instead of all going to the first worker.
        if len(self.pending) >= min(CHUNK, 2**self.chunks_handed_out):
            self._submit(config, files)

    def _read_known(self, page, config, files) -> bool:
        """Take the page as the last build read it, if its file is the same and what its conversion
        learnt still holds (known_reads.py): the plugins see its front matter, with no Markdown.
        False, with nothing done, if the page is to be read."""
        path = page.file.abs_src_path
        if self.known is None or path is None or page.file.generated_by:
            return False
        try:
            stamp = stamp_of(os.stat(path))
        except OSError:
            return False
        known = self.known.take(page.file.src_uri, stamp)
        if known is None:
            return False
        key, small, large = known
        state = self.store.get(key)
        if state is None or not self._still_valid(state, files):
            return False
        if mkdocs_page.read_ahead is not None:
            mkdocs_page.read_ahead.forget(path)
        self.known.note_again(page.file.src_uri, stamp, key, small, large)
        page.meta, page.markdown = small, ""
        config.plugins.on_page_markdown("", page=page, config=config, files=files)
        page.smf_key = key
        page.smf_reread = [name for name in REREAD_META if name in large or name in page.meta]
        for name in page.smf_reread:
            page.meta.pop(name, None)
        self.pages.append(page)
        self._apply(page, state, files)
        self.store.keep(key)
        return True

    def _submit(self, config, files) -> None:
        chunk, self.pending = self.pending, []
        if not chunk:
            return
        self.chunks_handed_out += 1
        self.converted += len(chunk)
        _SHARED["run"], _SHARED["args"] = self, (config, files)
        if self.jobs == 1:
            self.results.append(_convert_chunk(chunk))
            return
        if self.pool is None:
            self.store.flush()
            self.pool = _fork_pool(self.jobs)
        self.results.append(self.pool.apply_async(_convert_chunk, (chunk,)))
        # A chunk waiting for a worker holds its pages' Markdown here: reading ahead of the workers
        # by more than a few chunks would hold the whole site's.
        self._take_in(files, QUEUED_CHUNKS * self.jobs)

    def _take_in(self, files, keep: int = 0) -> None:
        """Wait for the oldest chunks until at most `keep` are outstanding, and take in what their workers learnt."""
        while len(self.results) > keep:
            result = self.results.popleft()
            for index, state in result if isinstance(result, list) else result.get():
                page = self.pages[index]
                self._apply(page, state, files)
                self.store.put(page.smf_key, state)

    def convert_all(self, config, files) -> None:
        """After MkDocs has read every page: wait for the workers, and take in what they learnt."""
        _SHARED["run"], _SHARED["args"] = self, (config, files)
        self.reading = (config, files)  # for a page converted again while it is rendered (_converted)
        left, self.pending = self.pending, []
        for part in _chunks(left, self.jobs):
            self.pending = part
            self._submit(config, files)
        try:
            self._take_in(files)
        finally:
            if self.pool is not None:
                self.pool.close()
                self.pool.join()
                gc.unfreeze()
            self.pool, self.results, _SHARED["args"] = None, collections.deque(), ()
        for page in self.pages:
            self.used.add(page.smf_key)

    def _still_valid(self, state: dict, files) -> bool:
        """Whether every page or file the page looked up when it was converted is still there (or
        still missing): its links came out the same only then. Pages look up the same pages again
        and again, so each lookup is answered once a build."""
        lookups = state["lookups"]
        if not isinstance(lookups, str):
            return all(_lookup_holds(kind, target, found, files.src_uris, self.by_url) for kind, target, found in lookups)
        if not lookups:
            return True
        holds = self.lookups_hold
        for line in lookups.split(_LOOKUP_END):
            answer = holds.get(line)
            if answer is None:
                answer = holds[line] = _lookup_holds("path" if line[0] == "p" else "url", line[2:], line[1] == "1", files.src_uris, self.by_url)
            if not answer:
                return False
        return True

    def _apply(self, page, state: dict, files) -> None:
        page._title_from_render = state["title"]
        # Read from the store when the page is rendered, so that the main process does not hold every
        # page's table of contents (with this and _fork_pool's frozen collector, its peak at 10,000 case
        # studies fell from 509 to 433 MB).
        page.toc = []
        page.present_anchor_ids = state["anchors"]
        links = state["links"]
        if links is None:
            page.links_to_anchors = None
        else:
            uris = files.src_uris  # the links were kept by the files' own (normalised) names
            targets = ((uris.get(uri), anchors) for uri, anchors in links.items())
            page.links_to_anchors = {file: anchors for file, anchors in targets if file is not None}
        page.content = ""  # on disk until the page is rendered; a string, since None means "not converted"
        _replay(state["logs"])

    # -- the second pass: the theme around each page ------------------------------------------

    def build_all(self, config, doc_files, nav, env) -> None:
        """On MkDocs' first call for a page: render and write every page, then merge the search
        entries in page order. MkDocs' later calls find nothing left to do."""
        if self.built:
            return
        self.built = True
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None) if search is not None and search.config.enabled else None
        if index is not None and index.entries:
            raise PluginError("smf-build: the search index has entries from before the pages were built")
        pages = [file.page for file in doc_files]
        context = _digest(*_nav_signature(nav.items))
        todo: list[int] = []
        for number, page in enumerate(pages):
            content_key = page.smf_key if getattr(page, "smf_key", None) else _digest("html", page.content or "")
            page.smf_output_key = _digest(self.common, content_key, context, _page_signature(page))
            if page.smf_output_key not in self.store:
                todo.append(number)
        self.rendered = len(todo)
        _SHARED["run"] = self
        # The workers start on the pages to render at once, and the finished pages from the cache are
        # put in place meanwhile; one that cannot be is rendered here, in page order (_cached_output).
        arguments = (config, pages, doc_files, nav, env)
        self.store.flush()  # the workers read what the pages' conversion learnt from the store's file
        rendered = _map(self.jobs, _build_chunk, self._render_chunks(todo, pages), arguments)
        next(rendered)
        results: dict[int, tuple] = {}  # rendered, and not yet merged: they come back in the order they were handed out
        to_render = set(todo)
        for number, page in enumerate(pages):
            if number not in to_render:
                page.smf_placed = self._output_in_cache(page)
        # Merged in page order while the workers render: each page's search entries go to disk at once.
        self.search = SearchEntries(self.root) if index is not None else None
        todo_left = collections.deque(todo)
        for number, page in enumerate(pages):
            if todo_left and todo_left[0] == number:
                todo_left.popleft()
                while number not in results:
                    done, *rest = next(rendered)
                    results[done] = tuple(rest)
                result, kept = results.pop(number)
                if kept:
                    self.store.put(page.smf_output_key, result)
            else:
                result = self._cached_output(page, number, arguments)
            entries, logs = result
            _replay(logs)
            if self.search is not None:
                self.search.add(entries)
            self.used.add(page.smf_output_key)
            page.content = ""
        if results or next(rendered, None) is not None:  # and the workers are done
            raise PluginError("smf-build: more pages were rendered than asked for")

    def _render_chunks(self, todo: list[int], pages: list) -> list[list[int]]:
        """The pages to render, in tasks for the workers. A rebuild renders few, and one large page
        (a site-wide list) in a task with others would keep one worker busy after the other is done:
        there, each page is a task, the largest first. Many pages (a build from nothing) go in
        chunks, in page order, in which the main process merges what they give search as they come."""
        if self.jobs == 1 or len(todo) > RENDER_ONE_BY_ONE:
            return _chunks(todo, self.jobs)
        return [[number] for number in sorted(todo, key=lambda number: -self._size(pages[number]))]

    def _size(self, page) -> int:
        """About how long rendering the page takes: the size of its HTML."""
        if getattr(page, "smf_key", None):
            try:
                return os.stat(self.root / "html" / page.smf_key).st_size
            except OSError:
                return 0
        return len(page.content or "")

    def _output_in_cache(self, page) -> bool:
        """Whether the finished page is in the cache; if so it is put in place now, and what its
        rendering gave search is read later, in page order (_cached_output)."""
        if page.smf_output_key not in self.store:
            return False
        try:
            _place(self.root / "html" / page.smf_output_key, page.file.abs_dest_path)
        except FileNotFoundError:
            return False
        return True

    def _cached_output(self, page, number: int, arguments: tuple):
        kept = self.store.get(page.smf_output_key) if page.smf_placed else None
        if kept is None:  # not in place or unreadable after all: rendered again, here
            saved, _SHARED["args"] = _SHARED["args"], arguments
            try:
                [(_, kept, placed)] = _build_chunk([number])
            finally:
                _SHARED["args"] = saved
            if placed:
                self.store.put(page.smf_output_key, kept)
            return kept
        self.store.keep(page.smf_output_key)
        log.debug(f"Building page {page.file.src_uri} (unchanged: from the cache)")
        return kept

    def write_search_index(self, config) -> None:
        """Material's search wrote an index without entries (they went to disk as pages were built):
        the same file, with them, written without holding them all."""
        if self.search is not None:
            self.search.write_into(Path(config.site_dir) / "search" / "search_index.json")

    def finish(self, failed: bool = False) -> None:
        if self.search is not None:
            self.search.discard()
        if self.scratch is not None:
            self.store.abandon()
            shutil.rmtree(self.scratch, ignore_errors=True)
        elif failed:
            self.store.abandon()
        else:
            self.store.finish()
            if self.known is not None:
                self.known.save()
            for entry in os.scandir(self.root / "html"):  # what this build did not use is out of date
                if entry.name not in self.used:
                    os.unlink(entry.path)
            for entry in os.scandir(self.root):
                if entry.name.startswith("theme-files-") and entry.name != f"theme-files-{self.common[:16]}.json":
                    os.unlink(entry.path)
        log.info(f"smf-build: {self.converted} pages converted, {self.rendered} rendered (the rest from the cache), {self.jobs} job{'s' if self.jobs != 1 else ''}")
        log.info(f"smf-build: {self.read_whole} pages read (the rest as the last build read them)")
        log.info(f"smf-build: peak memory {_peak_mb(resource.RUSAGE_SELF):.0f} MB in the main process, {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB in the largest worker")


# -- in the workers ---------------------------------------------------------------------------


def _convert_chunk(chunk: list[tuple[int, str, str, tuple]]) -> list[tuple[int, dict]]:
    run, (config, files) = _SHARED["run"], _SHARED["args"]
    out = []
    for index, path, key, (source, meta, spliced) in chunk:
        file = files.get_file_from_path(path)
        made_here = file.page is None  # read by the main process after this worker started
        page: Any = Page(None, file, config) if made_here else file.page
        page.smf_key = key
        capture = _capture()
        lookups = smf_plugins.LOOKUPS = []
        original_lookup = files.get_file_from_path

        def get_file_from_path(path, _uris=files.src_uris, _lookups=lookups):
            uri = _as_uri(path)  # what Files.get_file_from_path looks up
            file = _uris.get(uri)
            _lookups.append(("path", uri, file is not None))
            return file

        files.get_file_from_path = get_file_from_path
        config._current_page = page
        try:
            # As the main process read it: on_pre_page, the source, on_page_markdown of every plugin.
            page.markdown, page.meta = source, meta
            if spliced is not None:
                page.smf_spliced = spliced
            render(page, config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        except Exception as error:
            raise PluginError(f"Error reading page '{page.file.src_uri}': {error}") from None
        finally:
            config._current_page = None
            files.get_file_from_path = original_lookup
            smf_plugins.LOOKUPS = None
            capture.close()
        links = page.links_to_anchors
        state = {
            "title": page._title_from_render,
            # Pickled apart: unpickled only when the page is rendered, not each time it is kept.
            "toc": pickle.dumps(page.toc, pickle.HIGHEST_PROTOCOL),
            "anchors": page.present_anchor_ids,
            "links": None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
            "lookups": _lookup_text(lookups),
            "logs": capture.records,
        }
        _write(run.root / "html" / page.smf_key, page.content.encode("utf-8"))
        page.markdown = page.content = ""
        if made_here:  # the main process has the page; this worker would hold every page it converted
            file.page = None
        out.append((index, state))
    return out


def _build_chunk(numbers: list[int]) -> list[tuple[int, tuple, bool]]:
    """Render and write each page; return its search entries and log lines, and whether its HTML went to the cache."""
    run, (config, pages, doc_files, nav, env) = _SHARED["run"], _SHARED["args"]
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None) if search is not None and search.config.enabled else None
    out = []
    for number in numbers:
        page = pages[number]
        if getattr(page, "smf_key", None):
            page.content = _converted(run, page)
        before = len(index.entries) if index is not None else 0
        capture = _capture()
        destination = page.file.abs_dest_path
        reread = getattr(page, "smf_reread", None) or ()
        try:
            if os.path.lexists(destination):
                os.unlink(destination)  # never write through a link into the cache
            if reread:
                full = front_matter.get_data(page.file.content_string)[1]
                page.meta.update((name, full[name]) for name in reread)
            if getattr(page, "smf_key", None):  # converted by smf-build: its table of contents is in the store
                page.toc = pickle.loads(run.store.read_fresh(page.smf_key)["toc"])
            ORIGINAL_BUILD(page, config, doc_files, nav, env, False, page.file.inclusion.is_excluded())
        except Exception as error:
            raise PluginError(f"Error building page '{page.file.src_uri}': {error}") from None
        finally:
            capture.close()
            for name in reread:  # let go of them again, here too
                page.meta.pop(name, None)
            if getattr(page, "smf_key", None):
                page.toc = []
        # As the index file will hold them (search_entries.py), encoded here, in the worker, and
        # kept so: a page from the cache is not encoded again.
        entries = encode_entries(index.entries[before:]) if index is not None else ""
        if index is not None:
            del index.entries[before:]
        result = (entries, capture.records)
        kept = run.keep_outputs and os.path.exists(destination)
        if kept:
            _place(destination, run.root / "html" / page.smf_output_key)
        page.content = ""
        out.append((number, result, kept))
    return out


def _converted(run, page) -> str:
    """The page's HTML as converted, from the cache; converted again (its state is in the store) if
    the file went, which a build never does but a hand clearing build/cache/html may."""
    path = run.root / "html" / page.smf_key
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        pass
    config, files = run.reading
    capture = _capture()  # what reading and converting the page says again is in its state, replayed already
    saved, _SHARED["args"] = _SHARED["args"], (config, files)
    try:
        read_source(page, config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        _convert_chunk([(-1, page.file.src_uri, page.smf_key, (page.markdown, page.meta, page.__dict__.pop("smf_spliced", None)))])
    finally:
        _SHARED["args"] = saved
        capture.close()
    return path.read_bytes().decode("utf-8")


def _map(jobs: int, function, chunks: list[list[int]], arguments: tuple):
    """function over each chunk, in `jobs` forked processes (or here, for one job); results in
    order, after a first None: the workers start on that first next()."""
    _SHARED["args"] = arguments
    try:
        if jobs == 1 or len(chunks) < 2:
            yield None
            for chunk in chunks:
                yield from function(chunk)
            return
        try:
            with _fork_pool(min(jobs, len(chunks))) as pool:
                pending = pool.imap(function, chunks)
                yield None
                for results in pending:
                    yield from results
        finally:
            gc.unfreeze()
    finally:
        _SHARED["args"] = ()


_LOOKUP_END = "\0"


def _lookup_text(lookups: list[tuple[str, str, bool]]) -> str | list[tuple[str, str, bool]]:
    """The page's lookups, each once, as one string (one line each: 'p' or 'u', '1' if found, the
    target): a quarter of the time to unpickle of a list of tuples. A target holding the separator
    (no page or file path can) stays a list."""
    if any(_LOOKUP_END in target for _, target, _ in lookups):
        return lookups
    return _LOOKUP_END.join(dict.fromkeys(f"{kind[0]}{int(found)}{target}" for kind, target, found in lookups))


def _lookup_holds(kind: str, target: str, found: bool, by_path, by_url) -> bool:
    return ((target in by_path) if kind == "path" else (target in by_url)) == found


@functools.lru_cache(maxsize=65536)
def _as_uri(path: str) -> str:
    """A path as MkDocs' Files.get_file_from_path normalises it. Pages look up the same targets
    again and again, and making a PurePath is most of what a lookup costs (with the second one this
    plugin made to note the lookup, 3 % of a one-process build of 1,000 case studies under cProfile)."""
    return PurePath(path).as_posix()


def _chunks(items: list, jobs: int) -> list[list]:
    """items in chunks of at most CHUNK, and small enough to give each of `jobs` workers a few."""
    size = max(1, min(CHUNK, -(-len(items) // (4 * jobs))))
    return [items[start : start + size] for start in range(0, len(items), size)]


def _fork_pool(jobs: int):
    """Forked workers, with what the main process holds so far frozen out of the garbage collector
    (gc.unfreeze() when they are done): a collection in a worker writes to every object it visits,
    which copies each memory page the worker shares with the main process."""
    _flush_logs()
    gc.freeze()
    return multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_started)


def _flush_logs() -> None:
    # What is buffered before a fork would be written twice.
    for handler in logging.getLogger("mkdocs").handlers:
        handler.flush()
    sys.stdout.flush()
    sys.stderr.flush()


def _worker_started() -> None:
    # A worker speaks only through its results: its log lines go back to the main process.
    logger = logging.getLogger("mkdocs")
    logger.handlers = []
    logger.propagate = False


class _capture(logging.Handler):
    """Keeps what MkDocs and its plugins log while one page is handled, to replay it in order."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []
        self.logger = logging.getLogger("mkdocs")
        self.saved = self.logger.handlers, self.logger.propagate
        self.logger.handlers, self.logger.propagate = [self], False

    def emit(self, record) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def close(self) -> None:
        self.logger.handlers, self.logger.propagate = self.saved
        super().close()


def _replay(records) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


# -- keys ---------------------------------------------------------------------------------------


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux counts kilobytes


def _digest(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _front_matter_digest(meta: dict) -> str:
    """The front matter, as a part of the page's key. Pickled, in a quarter of the time JSON takes over
    a case study's 5 KB of it (0.07 s a rebuild at 1,000 case studies): unpickling gives the values
    back, so different front matter never gives the same digest, and the same front matter read the
    same way gives the same bytes. What pickle cannot take goes as JSON."""
    try:
        data = pickle.dumps(meta, 5)
    except Exception:
        data = json.dumps(meta, sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _common_key(config) -> str:
    """What every page depends on: the configuration, the theme's files, the versions of the
    packages that build a page, and the code of the project's plugins."""
    parts = [FORMAT, sys.version]
    config_file = config.config_file_path
    parts.append(Path(config_file).read_text(encoding="utf-8") if config_file and os.path.exists(config_file) else "")
    parts += [str(config.site_url), json.dumps(config.extra, sort_keys=True, default=str), str(config.use_directory_urls)]
    for package in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(package)
    site_packages = {str(Path(p).resolve()) for p in sys.path if p.endswith("-packages")}
    for folder in config.theme.dirs:
        resolved = str(Path(folder).resolve())
        if any(resolved.startswith(prefix) for prefix in site_packages):
            continue  # a theme that comes with a package: its version counts
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix(), hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()]
    # The code that shapes a converted page: a change to any of it rebuilds every page.
    for source in (
        smf_plugins.__file__,
        __file__,
        smf_plugins.MARKUP_FILE,
        guard.__file__,
        mkdocs_page.__file__,
        front_matter.__file__,
        inline_patterns.__file__,
        search_parser.__file__,
        tags_scope.__file__,
        sitemap.__file__,
        events.__file__,
    ):
        parts.append(Path(source).read_text(encoding="utf-8"))
    return _digest(*parts)


def _nav_signature(items) -> list[str]:
    out = []
    for item in items:
        out += [type(item).__name__, str(item.title), str(getattr(item, "url", ""))]
        children = getattr(item, "children", None)
        if children:
            out += ["(", *_nav_signature(children), ")"]
    return out


def _page_signature(page) -> str:
    neighbours = [(other.title, other.url) if other is not None else None for other in (page.previous_page, page.next_page)]
    return json.dumps([page.url, page.title, page.meta, neighbours, page.file.inclusion.is_excluded()], sort_keys=True, default=str)


def _theme_from_cache(config, root: Path, common: str) -> None:
    """Two fixed costs of every build, kept with the pages: the theme's templates compiled to Python
    (Jinja's own bytecode cache, which checks each template's source), and the list of the theme's
    files, which MkDocs walks anew on each build (Material's icons alone are thousands of files)."""
    import jinja2

    theme, get_env = config.theme, config.theme.get_env
    listing = root / f"theme-files-{common[:16]}.json"
    (root / "jinja").mkdir(exist_ok=True)
    bytecode = jinja2.FileSystemBytecodeCache(str(root / "jinja"))

    def cached_env():
        env = get_env()
        env.bytecode_cache = bytecode
        list_templates = env.list_templates

        def cached_list(*args, **kwargs):
            if args or set(kwargs) - {"filter_func"}:
                return list_templates(*args, **kwargs)
            try:
                return json.loads(listing.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                names = list_templates(**kwargs)  # MkDocs' filter depends on the configuration only
                _write(listing, json.dumps(names).encode("utf-8"))
                return names

        env.list_templates = cached_list
        return env

    theme.get_env = cached_env


# -- files --------------------------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    """data at path, never half-written over what was there. A new file is written in place: a
    temporary file and a rename cost seven times as much here (0.6 s against 0.08 s for 2,600 pages'
    HTML), and a new file that a failed build left half-written is in no store that a later build
    reads (the store's index is replaced only when a build succeeds), and is replaced below if
    converted again."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        pass
    else:
        with open(descriptor, "wb") as stream:
            stream.write(data)
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with open(temporary, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def _place(source, target) -> None:
    """The same bytes at target, in place of what is there: a hard link where the file system allows
    it, else a copy. FileNotFoundError if there is no source. A page that is in place already (the
    build before last put the same file of the cache there: the site folder keeps its pages until
    then, site_folders.py) costs two stats, where removing it and linking it again took a tenth of
    a millisecond on these machines. Files of the cache are replaced, never rewritten in place
    (_write), so the same file has the same bytes."""
    one = os.stat(source)
    try:
        other = os.lstat(target)
    except FileNotFoundError:
        other = None
    if other is not None:
        if (one.st_ino, one.st_dev) == (other.st_ino, other.st_dev):
            return
        os.unlink(target)  # never written through: it may be a link into the cache
    try:
        os.link(source, target)
    except FileNotFoundError:  # the page's folder is new
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _link_or_copy(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _link_or_copy(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
