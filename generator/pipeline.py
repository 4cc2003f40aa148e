"""The stages in order — load → validate → model → render → write → engine — with a timer around each."""

from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, RecordError
from .engine import mkdocs_build
from .load import load_sources
from .model import Site
from .publish import WriteStats, read_content, swap_in, write_tree
from .render import render_site
from .resolve import build_site
from .site_config import read_publication
from .validate import validate


@dataclass(frozen=True)
class Project:
    """Where things are, relative to the folder holding mkdocs.yml."""

    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start

    def table(self) -> str:
        total = sum(self.stages.values())
        rows = [f"{name:<10} {seconds * 1000:10.1f} ms" for name, seconds in self.stages.items()]
        return "\n".join(rows + [f"{'total':<10} {total * 1000:10.1f} ms"])


class BuildFailed(Exception):
    pass


def check(project: Project, timings: Timings | None = None) -> Site:
    """Load, validate and model the records; raise RecordError with every problem found."""
    timings = timings or Timings()
    with timings.stage("load"):
        loaded, problems = load_sources(project.sources)
    with timings.stage("validate"):
        problems += validate(loaded)
    if problems:
        raise RecordError(problems)
    with timings.stage("model"):
        return build_site(loaded)


def generate(project: Project, timings: Timings | None = None) -> tuple[Site, WriteStats]:
    """Check, render and write the docs tree. Nothing is written when the records have problems."""
    timings = timings or Timings()
    site = check(project, timings)
    # Citations, canonical links and JSON-LD need the public address, which mkdocs.yml holds.
    site.publication = read_publication(project.config)
    with timings.stage("render"):
        files: dict[str, str | bytes] = dict(render_site(site))
    with timings.stage("write"):
        content = read_content(project.content)
        clashes = sorted(set(content) & set(files))
        if clashes:
            raise RecordError([Diagnostic(f"content/{path}", 1, 1, "(file)", "expected a hand-written page, found a generated page at the same path; rename it") for path in clashes])
        files.update(content)
        stats = write_tree(files, project.docs)
    return site, stats


def build(project: Project, timings: Timings | None = None) -> WriteStats:
    """Generate, then build the site into a temporary folder and swap it in only if MkDocs succeeds."""
    timings = timings or Timings()
    _, stats = generate(project, timings)
    with timings.stage("mkdocs"):
        project.root.joinpath("build").mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="site-", dir=project.root / "build"))
        try:
            result = mkdocs_build(project.config, staging)
            if result.returncode != 0:
                raise BuildFailed((result.stdout + result.stderr).strip() or f"mkdocs exited with status {result.returncode}")
            swap_in(staging, project.site)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
    return stats
