"""Which build this is: the git commit the records were built from, and the build's date.

Read once per build (by site_config.read_publication) and carried on the Publication, so the
renderers, which do no I/O, can stamp every download with them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def git_version(root: Path) -> str:
    """`git rev-parse --short HEAD` in `root`, with '-dirty' when tracked files differ; '' outside a repository.

    SMF_VERSION, when set, wins: a build from an exported tree (no .git) can still name its version.
    """
    if os.environ.get("SMF_VERSION"):
        return os.environ["SMF_VERSION"].strip()
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
        if commit.returncode != 0:
            return ""
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "sources"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return commit.stdout.strip() + ("-dirty" if dirty.returncode == 0 and dirty.stdout.strip() else "")


def build_date() -> str:
    """Today in UTC as YYYY-MM-DD, or the day of SOURCE_DATE_EPOCH (reproducible builds) when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()
