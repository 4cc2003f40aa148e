"""Parsed record files kept from one `smf build` to the next, as `smf serve` keeps them in memory.

Parsing 2,600 YAML files is a tenth of a rebuild at 1,000 case studies, and an edit changes one.
The loader already reuses a parsed file whose stamp (modification and change times, size, inode)
is unchanged (a LoadCache); this keeps that cache on disk between builds. A cache that cannot be read is an empty
one, and one that cannot be written is simply not kept: the build is the same either way.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from .load import LoadCache
from .memo import code_version
from .publish import write_atomically

FILE = "sources.pickle"


def kept_sources(cache_dir: Path, project: Path) -> LoadCache:
    try:
        kept = pickle.loads((cache_dir / FILE).read_bytes())
        # Parsed by this code, for this project: a changed loader may read the same file differently.
        if kept["code"] == code_version() and kept["project"] == str(project):
            return kept["files"]
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
        pass
    return {}


def keep_sources(cache_dir: Path, project: Path, files: LoadCache, before: dict[str, tuple[tuple[int, ...], str | None]]) -> None:
    """Keep `files` (as the loader left it) for the next build, without the files that are gone;
    `before` is what it held when loaded (stamps()), so an unchanged cache is not rewritten."""
    for display in [display for display in files if not (project / display).is_file()]:
        del files[display]
    if stamps(files) == before:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(str(cache_dir / FILE), pickle.dumps({"code": code_version(), "project": str(project), "files": files}, pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def stamps(files: LoadCache) -> dict[str, tuple[tuple[int, ...], str | None]]:
    """Each file's stamp, and the key of what validation found in it: a file checked anew is kept anew."""
    return {display: (stamp, getattr(parsed.checked, "key", None)) for display, (stamp, parsed) in files.items()}
