"""Where a MkDocs build's time goes, from a cProfile file: the shares the README quotes.

    python bench/profile_summary.py build.prof

Each line is the cumulative time of one function (it includes what it calls), as a share of the
whole build, so the lines overlap: Markdown conversion includes the HTML parsing it does, for one.
"""

from __future__ import annotations

import pstats
import sys

PARTS = (
    ("whole build", "mkdocs/commands/build.py", "build"),
    ("Markdown to HTML (Markdown.convert)", "markdown/core.py", "convert"),
    ("  raw HTML blocks (md_in_html)", "markdown/extensions/md_in_html.py", "run"),
    ("  MkDocs' passes over the tree and raw HTML", "mkdocs/structure/pages.py", "run"),
    ("  tree passes (inline patterns and others)", "markdown/treeprocessors.py", "run"),
    ("search: parsing each page", "material/plugins/search/plugin.py", "add_entry_from_context"),
    ("theme templates (Jinja)", "jinja2/environment.py", "render"),
    ("reading sources and front matter", "generator/engine/mkdocs_page.py", "read_source"),
    ("navigation", "mkdocs/structure/nav.py", "get_navigation"),
    ("writing files", "mkdocs/utils/__init__.py", "write_file"),
    ("Python's HTML parser (all callers)", "html/parser.py", "goahead"),
    ("our plugins: smf-splice", "generator/engine/plugins.py", None),
    ("our plugins: smf-build bookkeeping", "generator/engine/fastbuild.py", None),
    ("our inline pass (own time)", "generator/engine/inline_patterns.py", None),
    ("our search tokenizer and handlers (own time)", "generator/engine/search_parser.py", None),
)


def summary(path: str) -> list[tuple[str, float, float]]:
    stats = pstats.Stats(path).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    found = {}
    for label, file_part, name in PARTS:
        total = 0.0
        for (file, _, function), (_, _, own, cumulative, callers) in stats.items():
            if file_part in file and (name is None or function == name):
                if name is None:
                    total += own  # a module's own time
                elif not any(file_part in caller[0] and caller[2] == name for caller in callers):
                    total += cumulative  # not counting recursive calls twice
        found[label] = total
    whole = found["whole build"] or 1.0
    return [(label, seconds, seconds / whole) for label, seconds in found.items()]


if __name__ == "__main__":
    for label, seconds, share in summary(sys.argv[1]):
        print(f"{label:<46} {seconds:8.2f} s {share:7.1%}")
