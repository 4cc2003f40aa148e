"""Stage 6, engine: the thin MkDocs part. It only runs `mkdocs build`/`serve` on the docs tree we wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def engine_environment() -> dict[str, str]:
    # Material prints an end-of-life banner on every run; it is not a warning, just noise in logs.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """A strict build into site_dir; any warning (dead link, missing anchor) fails it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        env=engine_environment(),
        capture_output=True,
        text=True,
    )


def mkdocs_serve(config_file: Path, address: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", address, "--livereload"],
        cwd=config_file.parent,
        env=engine_environment(),
    )
