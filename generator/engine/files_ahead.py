"""MkDocs' list of the docs tree's files, made while MkDocs waits for the generator (standby.py).

Listing the files (a File for each, with its address and whether it is excluded) takes MkDocs'
main process about 45 ms of every build at 1,000 case studies, after it is told to build. An edit
rarely adds or removes a page, so the waiting process lists them ahead, with MkDocs' own get_files.
The build takes that list only if, when it asks for the files, the docs tree holds exactly the same
paths and the settings the list depends on are the same; otherwise MkDocs lists them itself, as it
would have. A File depends on nothing but its path and those settings.
"""

from __future__ import annotations

import logging
import os
from typing import Any


def list_ahead(config: Any) -> FilesAhead | None:
    """The files listed now, or None if listing them failed: MkDocs then lists them and says why."""
    try:
        return FilesAhead(config)
    except Exception:
        return None


class FilesAhead:
    def __init__(self, config: Any):
        from mkdocs.structure.files import get_files

        self._settings = _settings(config)
        docs = config["docs_dir"]
        before = _paths(docs)
        logger = logging.getLogger("mkdocs")
        heard, propagate = _Heard(), logger.propagate
        logger.addHandler(heard)
        logger.propagate = False  # said nowhere: MkDocs says it again when it lists the files itself
        try:
            files = get_files(config)
        finally:
            logger.removeHandler(heard)
            logger.propagate = propagate
        self._paths = _paths(docs)
        # Anything it said (a README beside an index, say) is left for MkDocs to say when it lists them.
        self._files = files if self._paths is not None and before == self._paths and not heard.anything else None

    def take(self, config: Any):
        """The Files made ahead, if they are what get_files(config) gives now; else None. Once."""
        files, self._files = self._files, None
        if files is None or _settings(config) != self._settings or _paths(config["docs_dir"]) != self._paths:
            return None
        return files


def install(ahead: FilesAhead) -> None:
    """Have MkDocs' build take the files listed ahead, when they still hold."""
    from mkdocs.commands import build

    original = build.get_files

    def get_files(config):
        files = ahead.take(config)
        return files if files is not None else original(config)

    build.get_files = get_files


def _settings(config: Any) -> tuple:
    return tuple(config.get(name) for name in ("docs_dir", "site_dir", "use_directory_urls", "exclude_docs", "draft_docs", "not_in_nav"))


def _paths(docs: str) -> list[str] | None:
    """Every file under docs, as get_files walks it (following links to folders); None if it cannot be walked."""
    found: list[str] = []
    failed: list[OSError] = []
    for folder, _, names in os.walk(docs, followlinks=True, onerror=failed.append):
        found += (os.path.join(folder, name) for name in names)
    return None if failed else sorted(found)


class _Heard(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.anything = False

    def emit(self, record: logging.LogRecord) -> None:
        self.anything = True
