"""How the graph drawings scale: /graph/ and every record neighbourhood, on synthetic record sets.

    .venv/bin/python bench/graph_scale.py --sizes 100,1000,10000 [--html]

For each size it writes the synthetic records of bench/synth.py, loads and checks them, and times
the drawing alone: /graph/ (columns, ordering, labels, SVG, text alternative) and the neighbourhood
of every record that has one. It prints what /graph/ draws (nodes, links, crossings, labels) and
its Markdown size; with --html it also has MkDocs turn /graph/ alone into HTML (a non-strict build
of that one page, with the real theme) to give its HTML size without a full build.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import make_project  # noqa: E402
from generator import urls  # noqa: E402
from generator.pipeline import Project, check  # noqa: E402
from generator.render.pages import graph_page, neighbourhood  # noqa: E402


def measure(cases: int, html: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"smf-graph-{cases}-") as folder:
        target = Path(folder)
        make_project(ROOT, target, cases)
        site = check(Project(target))
        start = time.perf_counter()
        page = graph_page.render_graph_page(site)
        whole = time.perf_counter() - start
        records = [*site.case_studies.values(), *site.organizations.values(), *site.references.values(), *site.recommendations.values()]
        start = time.perf_counter()
        local_bytes = 0
        for record in records:
            local_bytes += len(neighbourhood.local_graph_section(site, record, urls.page_of(record)))
        local = time.perf_counter() - start
        drawn = graph_page._Whole(site)
        _, _, measures = graph_page.whole_layout(drawn)
        result = {
            "cases": cases,
            "records": len(site.graph.nodes),
            "graph_ms": whole * 1000,
            "local_s": local,
            "local_pages": len(records),
            "local_us_per_page": local / len(records) * 1e6,
            "graph_md_bytes": len(page.encode()),
            "drawn_nodes": sum(1 for n in drawn.nodes.values() if not n.hidden),
            "drawn_folded": sum(1 for n in drawn.nodes.values() if n.hidden),
            "drawn_links": len(drawn.edges),
            "labels": page.count('class="smf-l"'),
            **measures,
        }
        if html:
            result["graph_html_bytes"] = _html_size(target, page)
        return result


def _html_size(project: Path, page: str) -> int:
    """MkDocs with the real theme and configuration, on a docs folder holding /graph/ alone (links to other pages then only warn)."""
    docs = project / "graph-only"
    docs.mkdir()
    (docs / "graph.md").write_text(page, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^docs_dir:.*$", "docs_dir: graph-only", config, flags=re.M)
    config = re.sub(r"^site_dir:.*$", "site_dir: graph-site", config, flags=re.M)
    config = re.sub(r"^strict:.*$", "strict: false", config, flags=re.M)
    config = re.sub(r"^nav:\n(?:[ -].*\n)*", "", config, flags=re.M)
    (project / "mkdocs-graph.yml").write_text(config, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs-graph.yml")], cwd=project, check=True, capture_output=True)
    size = (project / "graph-site" / "graph" / "index.html").stat().st_size
    shutil.rmtree(project / "graph-site")
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--html", action="store_true", help="also build /graph/ alone with MkDocs to measure its HTML")
    args = parser.parse_args()
    rows = [measure(int(size), args.html) for size in args.sizes.split(",")]
    for row in rows:
        print(" ".join(f"{key}={value:,.1f}" if isinstance(value, float) else f"{key}={value:,}" for key, value in row.items()), flush=True)


if __name__ == "__main__":
    main()
