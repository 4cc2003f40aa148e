"""Parsed record files kept from one `smf build` to the next, as `smf serve` keeps them in memory.

Parsing 2,600 YAML files is a tenth of a rebuild at 1,000 case studies, and an edit changes one.
The loader already reuses a parsed file whose stamp (modification and change times, size, inode)
is unchanged (a LoadCache); this keeps that cache on disk between builds. A cache that cannot be read is an empty
one, and one that cannot be written is simply not kept: the build is the same either way.

The files are kept in SHARDS parts, by a hash of their path, and a build writes again only the parts
that hold a changed file: after an edit, one part of 16 (writing all of them took 0.13 s of a rebuild
at 1,000 case studies, before any page was rendered). What validation found in each file is kept with
it (SourceFile.checked), and what checking the hand-written pages found in a file of its own
(CONTENT_FILE).
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

from .load import LoadCache
from .markup_check import ContentFindings
from .memo import code_version
from .publish import write_atomically

SHARDS = 16
LEGACY_FILE = "sources.pickle"  # all parsed files in one, before they were kept in parts: removed when parts are written

Stamps = dict[str, tuple[tuple[int, ...], str | None]]


def shard_file(cache_dir: Path, display: str) -> Path:
    """The part of the cache that keeps the file at `display` ('sources/…')."""
    return cache_dir / _shard_name(zlib.crc32(display.encode("utf-8", "surrogatepass")) % SHARDS)


def _shard_name(number: int) -> str:
    return f"sources-{number:02d}.pickle"


def kept_sources(cache_dir: Path, project: Path) -> LoadCache:
    files: LoadCache = {}
    version = code_version()
    for number in range(SHARDS):
        try:
            kept = pickle.loads((cache_dir / _shard_name(number)).read_bytes())
            # Parsed by this code, for this project: a changed loader may read the same file differently.
            if kept["code"] == version and kept["project"] == str(project):
                files.update(kept["files"])
        except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
            pass
    return files


def keep_sources(cache_dir: Path, project: Path, files: LoadCache, before: Stamps) -> None:
    """Keep `files` (as the loader left it) for the next build, without the files that are gone;
    `before` is what it held when loaded (stamps()): only the parts holding a file that changed,
    appeared or went are written."""
    for display in [display for display in files if not os.path.isfile(f"{project}/{display}")]:
        del files[display]
    now = stamps(files)
    changed = {shard_file(cache_dir, display) for display in now.keys() | before.keys() if now.get(display) != before.get(display)}
    if not changed:
        return
    parts: dict[Path, LoadCache] = {path: {} for path in changed}
    for display, kept in files.items():
        part = parts.get(shard_file(cache_dir, display))
        if part is not None:
            part[display] = kept
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        version = code_version()
        for path, part in parts.items():
            write_atomically(str(path), pickle.dumps({"code": version, "project": str(project), "files": part}, pickle.HIGHEST_PROTOCOL))
        (cache_dir / LEGACY_FILE).unlink(missing_ok=True)
    except OSError:
        pass


def forget_sources(cache_dir: Path) -> None:
    """Remove every kept file and check: the next build parses and checks them all."""
    for number in range(SHARDS):
        (cache_dir / _shard_name(number)).unlink(missing_ok=True)
    (cache_dir / CONTENT_FILE).unlink(missing_ok=True)


def stamps(files: LoadCache) -> Stamps:
    """Each file's stamp, and the key of what validation found in it: a file checked anew is kept anew."""
    return {display: (stamp, getattr(parsed.checked, "key", None)) for display, (stamp, parsed) in files.items()}


CONTENT_FILE = "content-checks.pickle"


def kept_content_checks(cache_dir: Path) -> ContentFindings:
    """What the last build found checking the hand-written pages (markup_check.check_content_pages)."""
    try:
        kept = pickle.loads((cache_dir / CONTENT_FILE).read_bytes())
        if kept["code"] == code_version():
            return kept["pages"]
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
        pass
    return {}


def keep_content_checks(cache_dir: Path, found: ContentFindings, before: ContentFindings) -> None:
    """Keep what this build found for the next, unless it is what the last build kept (`before`)."""
    if found.keys() == before.keys():
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(str(cache_dir / CONTENT_FILE), pickle.dumps({"code": code_version(), "pages": found}, pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
