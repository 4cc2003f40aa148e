"""Where a project's files are: the one thing every command needs first, so it imports nothing heavy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .engine import MkDocsBuild

STAGING_PREFIX = "site-"  # build/site-XXXX: MkDocs' output, before the swap


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
    def build(self) -> Path:
        """Everything smf makes before the site (docs tree, cache, staging folders, lock); safe to delete."""
        return self.root / "build"

    @property
    def docs(self) -> Path:
        return self.build / "docs"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def fragments(self) -> Path:
        """Drawings kept from the last build, each with a digest of what it was drawn from (memo.py); safe to delete."""
        return self.cache / "fragments"

    @property
    def lines(self) -> Path:
        """The lines of the downloads and the case-study table kept from the last build, by record (line_memo.py); safe to delete."""
        return self.cache / "lines"

    @property
    def page_notes(self) -> Path:
        """What each record page read of the records last time, so that unchanged pages are kept (page_memo.py); safe to delete."""
        return self.cache / "pages.memo"

    @property
    def cache(self) -> Path:
        """Pages MkDocs built last time, by content hash (engine/fastbuild.py), and the record files
        parsed last time (source_cache.py); safe to delete."""
        return self.build / "cache"

    @property
    def spare_site(self) -> Path:
        """The site before last, which the next build empties and builds into, keeping its folders
        (engine/site_folders.py); safe to delete."""
        return self.build / "spare-site"

    def new_staging(self) -> Path:
        """A name, not yet taken, for a folder under build/ that MkDocs builds into before the swap."""
        return self.build / f"{STAGING_PREFIX}{os.urandom(6).hex()}"  # as secrets.token_hex(6), without importing it


def engine_for(project: Project, *, verbose: bool = False, jobs: int | None = None) -> MkDocsBuild:
    """MkDocs for one `smf build` of the project, not started yet. Starting it early lets it load
    itself and mkdocs.yml while the generator works; it builds nothing until pipeline.build runs it."""
    return MkDocsBuild(project.config, project.new_staging(), verbose=verbose, jobs=jobs, cache=project.cache)
