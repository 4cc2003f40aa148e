"""Where one MkDocs build spends its time, per page: `python bench/phases.py PROJECT [--jobs N]`.

Runs `mkdocs build --strict` on PROJECT (a folder with mkdocs.yml and a generated docs tree, such as
the ones `bench/run.py --work DIR` leaves, or its control site) in this process, with a timer
around each step that costs something per page: Markdown conversion (and creating a converter),
the theme's templates, Material's search reading the page, reading front matter, and the project's
own plugins where they are in use. With one job (the default) every step runs here, so the
shares add up; the rest is MkDocs' and smf-build's own bookkeeping. Times are wall seconds of one
process, so run it on a quiet machine and compare ratios within one run.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

TOTALS: collections.Counter[str] = collections.Counter()


def _timed(owner, name: str, label: str) -> None:
    original = getattr(owner, name)

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            TOTALS[label] += time.perf_counter() - start

    setattr(owner, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--jobs", default="1", help="smf-build's processes (default: 1, so that every step is timed here)")
    args = parser.parse_args()
    os.environ["SMF_JOBS"] = args.jobs
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import jinja2
    import markdown
    import material.plugins.search.plugin as search
    import mkdocs.utils.meta as meta

    _timed(markdown.Markdown, "convert", "Markdown to HTML")
    _timed(markdown.Markdown, "__init__", "a Markdown converter per page")
    _timed(jinja2.Template, "render", "theme templates")
    _timed(search.SearchPlugin, "on_page_context", "search reading the page")
    try:
        from generator.engine import front_matter, guard, plugins

        _timed(front_matter, "get_data", "front matter")

        _timed(plugins.SpliceHtml, "on_page_content", "smf-splice")
        _timed(guard.LinkGuard, "on_page_content", "smf-link-guard")
    except ImportError:  # the control site, built with MkDocs alone
        _timed(meta, "get_data", "front matter")
    from mkdocs.__main__ import cli

    site = Path(tempfile.mkdtemp(prefix="smf-phases-"))
    os.chdir(args.project)
    start = time.perf_counter()
    try:
        cli(["build", "--strict", "--quiet", "-d", str(site)], standalone_mode=False)
    finally:
        total = time.perf_counter() - start
    pages = sum(1 for _ in site.rglob("index.html"))
    shutil.rmtree(site, ignore_errors=True)
    print(f"{'whole build':30} {total:7.2f} s {total / pages * 1000:7.2f} ms a page ({pages:,} pages)")
    for label, seconds in TOTALS.most_common():
        print(f"{label:30} {seconds:7.2f} s {seconds / pages * 1000:7.2f} ms a page {seconds / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
