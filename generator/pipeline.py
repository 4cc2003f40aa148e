"""The stages in order — load → validate → model → render → write → engine — with a timer around each."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import time
from collections.abc import Callable, Collection
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostic, PublishError, RecordError
from .engine import MkDocsBuild
from .load import LoadCache, load_sources
from .source_cache import keep_content_checks, keep_sources, kept_content_checks, kept_sources, stamps
from .memo import fragment_store
from .line_memo import line_store
from .page_memo import PageMemo
from .model import Publication, Site
from .progress import Progress, Timings
from .project import Project, engine_for
from .engine.messages import engine_failure
from .publish import DocsTree, WriteStats, build_lock, clean_debris, read_content, swap_in, take_spare
from .markup_check import ContentFindings, MarkupChecker, check_content_pages
from .render import iter_pages, record_page
from .parallel import default_jobs
from .resolve import build_site
from .site_config import read_config, read_publication
from .validate import site_pages, validate


@contextmanager
def collector_paused():
    """Run without Python's cyclic garbage collector.

    A run builds a large heap of small objects that live until its end and hold no reference cycles
    (records, values, pages). The collector would scan that heap again and again as it grows, for
    nothing to free: at 10,000 case studies that was a third of the load and model stages.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check(project: Project, timings: Timings | None = None) -> Site:
    """Load, validate and model the records; raise RecordError with every problem found."""
    with collector_paused():
        return _check(project, timings or Timings()).site


@dataclass(frozen=True)
class Checked:
    """What the check stage hands on: the site (with its public address) and the hand-written pages."""

    site: Site
    content: dict[str, bytes]


def _check(project: Project, timings: Timings, cache: LoadCache | None = None, content_checks: ContentFindings | None = None) -> Checked:
    with timings.stage("load"):
        loaded, problems = load_sources(project.sources, cache=cache)
        content = _collect(problems, read_content, project.content, project.root) or {}
        config = _collect(problems, read_config, project.config)
        publication = _collect(problems, read_publication, project.config, config or {}) or Publication()
    with timings.stage("validate"):
        markup = MarkupChecker.for_config(config) if config else MarkupChecker.default()
        problems += validate(loaded, markup, content_pages=content.keys())
        problems += check_content_pages(content, markup, site_pages(loaded, content.keys()), content_checks)
    if problems:
        raise RecordError(problems)
    with timings.stage("model"):
        return Checked(build_site(loaded, publication), content)


def _collect(problems: list[Diagnostic], step, *arguments):
    """step(*arguments), or None with its problems added to `problems`: one run reports them all."""
    try:
        return step(*arguments)
    except RecordError as error:
        problems += error.diagnostics
        return None


class ForNextBuild:
    """What a build keeps only for the next one to reuse: the parsed files, what each page read, ….

    `smf build` saves it once MkDocs has been told to build, on the core MkDocs leaves idle while
    it builds, rather than before: none of it is needed to finish this build. A build killed before
    saving it costs the next one time, not correctness: what an earlier build kept no longer
    matches the files, and that work is done again.
    """

    def __init__(self) -> None:
        self._steps: list[Callable[[], object]] = []

    def add(self, step: Callable[[], object]) -> None:
        self._steps.append(step)

    def save(self) -> None:
        steps, self._steps = self._steps, []
        for step in steps:
            step()


def generate(
    project: Project,
    timings: Timings | None = None,
    *,
    edited: Collection[str] = (),
    cache: LoadCache | None = None,
    content_checks: ContentFindings | None = None,
    jobs: int = 1,
    when_valid: Callable[[], object] | None = None,
    for_next_build: ForNextBuild | None = None,
    hold_back: bool = True,
) -> tuple[Site, WriteStats]:
    """Check, render and write the docs tree. Nothing is written when the records have problems.

    For `smf serve`: the pages of the records in `edited` (source files, as 'sources/…' paths) are
    written first, on their own, so that the preview shows the edit before the rest of the site is
    rendered; `cache` keeps parsed files from one run to the next, and `content_checks` what
    checking the hand-written pages found. Without a cache, both are kept in build/cache
    (source_cache.py). `when_valid` is called once the records have no problems, before their pages
    are rendered. What is kept for the next build is saved before this returns, unless
    `for_next_build` is given: its steps are then added there, for the caller to save. With
    `hold_back`, changed files are written in batches, for a MkDocs that watches the tree
    (publish.DocsTree).
    """
    timings = timings or Timings()
    with collector_paused():
        from_disk = cache is None  # `smf build`: the files parsed by the last build
        if cache is None:
            cache = kept_sources(project.cache, project.root)
            content_checks = kept_content_checks(project.cache)
        before, content_before = stamps(cache), dict(content_checks or {})
        later = for_next_build or ForNextBuild()
        if from_disk:
            later.add(lambda: keep_sources(project.cache, project.root, cache, before))
            later.add(lambda: keep_content_checks(project.cache, content_checks or {}, content_before))
        try:
            checked = _check(project, timings, cache, content_checks)
            if when_valid is not None:
                when_valid()
            with fragment_store(project.fragments) as store:
                stats = _render_and_write(checked.site, checked.content, project, timings, edited, jobs, later, hold_back)
                later.add(lambda: store.prune(checked.site.all_records()))
        except BaseException:
            later.save()  # what was found up to here (parsed files, …) is kept even when some records have problems
            raise
        if for_next_build is None:
            later.save()
        return checked.site, stats


def generate_locked(project: Project, timings: Timings | None = None, **options) -> tuple[Site, WriteStats]:
    """generate() holding the build lock, for `smf build --no-engine` and each save under `smf serve`;
    a disk fault becomes PublishError."""
    try:
        with _one_build_at_a_time(project):
            return generate(project, timings, **options)
    except OSError as error:
        raise PublishError(describe_os_error(error, project.root)) from None


def _render_and_write(site: Site, content: dict[str, bytes], project: Project, timings: Timings, edited: Collection[str], jobs: int, later: ForNextBuild, hold_back: bool) -> WriteStats:
    # Each page is written as soon as it is rendered and then let go: the whole site at once would
    # not fit the memory budget at 10,000 case studies. The two stages are timed page by page.
    start = time.perf_counter()
    tree = DocsTree(project.docs, hold_back)
    if edited:
        first = {shown for record in site.all_records() if record.source_path in edited and (shown := record_page(site, record))}
        for path, markdown in sorted(first):
            if path not in content:
                tree.write(path, markdown)
        tree.flush()
    memo = PageMemo(project.page_notes, project.docs, site)
    if jobs > 1:
        # Before the render workers fork: each of them needs most records' fingerprints, to tell a
        # kept page or a kept line from one to make again, and would otherwise work them out itself.
        memo.fingerprint_every_record()
    pages, clashes, count = iter_pages(site, jobs, memo), [], 0
    render, write = 0.0, time.perf_counter() - start
    with line_store(project.lines, site.publication, memo.answers.records):
        while True:
            start = time.perf_counter()
            page = next(pages, None)
            rendered = time.perf_counter()
            render += rendered - start
            if page is None:
                break
            path, text = page
            if path in content:
                clashes.append(path)  # nothing more is written; every clash is reported below
            elif not clashes:
                if text is None:
                    tree.keep(path)  # the last build's page is what rendering it would give (page_memo.py)
                else:
                    tree.write(path, text)
            write += time.perf_counter() - rendered
            count += 1
            timings.progress.show(f"smf: render and write… {count:,} files")
    timings.add("render", render)
    timings.add("write", write)
    if clashes:
        raise RecordError([Diagnostic(f"content/{path}", 1, 1, "(file)", "expected a hand-written page, found a generated page at the same path; rename it") for path in sorted(clashes)])
    with timings.stage("write"):
        for path, data in content.items():
            tree.write(path, data)
        stats = tree.finish()
        later.add(memo.save)
        return stats


def build(project: Project, timings: Timings | None = None, *, jobs: int | None = None, engine: MkDocsBuild | None = None) -> WriteStats:
    """Generate, then build the site into a temporary folder and swap it in only if MkDocs succeeds.

    One build of a project runs at a time (a lock in build/); a second one waits for the first. What
    a killed build left behind is cleaned up first. A fault of the disk (full, read-only, …) raises
    PublishError with a one-line message; the last good site/ stays as it was in every case. MkDocs
    uses `jobs` processes (default: one per core) and reuses the unchanged pages of the last build
    (build/cache). `engine` is MkDocs for this build (project.engine_for), possibly started already:
    its output folder is created here, with the lock held.
    """
    timings = timings or Timings()
    engine = engine or engine_for(project, verbose=timings.progress.enabled, jobs=jobs)
    try:
        with engine, _one_build_at_a_time(project):
            clean_debris(project.build, project.site)
            staging = engine.site_dir
            take_spare(project.spare_site, staging)
            try:
                # If MkDocs is not loading yet, it starts once the records are found valid, while the
                # generator renders. It needs the docs folder to exist (empty on a first build).
                project.docs.mkdir(parents=True, exist_ok=True)
                later = ForNextBuild()
                _, stats = generate(project, timings, jobs=jobs or default_jobs(), when_valid=engine.start, for_next_build=later, hold_back=False)
                with timings.stage("mkdocs"):
                    result = engine.run(_page_counter(project, timings.progress), meanwhile=later.save)
                    if result.returncode != 0:
                        raise BuildFailed(engine_failure(result.stdout + result.stderr, project) or f"mkdocs exited with status {result.returncode}")
                    swap_in(staging, project.site, project.spare_site)
            finally:
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        raise PublishError(describe_os_error(error, project.root)) from None
    return stats


def _one_build_at_a_time(project: Project):
    """The project's build lock (publish.build_lock), saying on stderr when it has to wait."""
    return build_lock(project.build, lambda: print("smf: waiting for another build of this project to finish…", file=sys.stderr))


def describe_os_error(error: OSError, root: Path) -> str:
    """'build/docs/x.md: No space left on device', paths relative to the project."""
    where = error.filename
    if where:
        try:
            where = Path(os.fsdecode(where)).resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            where = os.fsdecode(where)
    return f"{where}: {error.strerror or error}" if where else str(error.strerror or error)


def _page_counter(project: Project, progress: Progress):
    """On a terminal, MkDocs reports each page it reads and builds, out of how many there are."""
    if not progress.enabled:
        return None
    total = sum(name.endswith(".md") for _, _, names in os.walk(project.docs) for name in names)
    return lambda phase, count: progress.show(f"mkdocs: {phase} pages… {count:,} of {total:,}")
