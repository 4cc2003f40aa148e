"""A synthetic record set of any size, for measuring the graph at scale: `python -m tests.graph_synthetic 1000`.

The records are YAML files that go through the real load → validate → model stages, so the
benchmark measures the graph the pipeline would really build. They start from the mini fixture
(which has the stable stakeholder ids) and add references, organizations and case studies that
cite one another at random, seeded, so every run builds the same graph.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator.pipeline import Project, check

MINI_SOURCES = Path(__file__).resolve().parent / "fixtures" / "mini" / "sources"
RECOMMENDATIONS = ["builders-be-transparent", "creators-disclose", "creators-get-consent", "distributors-label", "all-organizations-collaborate"]


def write_synthetic_sources(target: Path, nodes: int, seed: int = 7) -> Path:
    """Sources with about `nodes` records: 70% references, 15% case studies, 15% organizations."""
    rng = random.Random(seed)
    shutil.copytree(MINI_SOURCES, target, dirs_exist_ok=True)
    extra = max(0, nodes - 20)
    refs = [f"syn-ref-{i:04d}" for i in range(extra * 70 // 100)]
    orgs = [f"syn-org-{i:04d}" for i in range(extra * 15 // 100)]
    cases = [f"syn-case-{i:04d}" for i in range(extra - len(refs) - len(orgs))]
    for ref in refs:
        cites = rng.sample(refs, min(2, len(refs)))
        about = rng.sample(cases + orgs, min(1, len(cases + orgs)))
        _write(
            target / "references" / f"{ref}.yaml",
            [
                "status: confirmed",
                f'title: "Report {ref} on <script>synthetic</script> media & labels"',
                "type: report",
                "publisher: Synthetic Press",
                f"url: https://example.org/{ref}",
                "reliability: secondary",
                f'date: "20{rng.randint(10, 25)}-0{rng.randint(1, 9)}"',
                f"cites: [{', '.join(c for c in cites if c != ref)}]",
                f"about: [{', '.join(about)}]",
            ],
        )
    for org in orgs:
        _write(
            target / "organizations" / f"{org}.yaml",
            [
                "status: confirmed",
                f"name: Organization {org}",
                "kind: company",
                f"url: https://example.org/{org}",
                f"references: [{rng.choice(refs)}]",
            ],
        )
    for case in cases:
        _write(
            target / "case-studies" / f"{case}.yaml",
            [
                "status: partial",
                f"title: Case {case}",
                f"organization: {rng.choice(orgs)}",
                f"collection: {rng.choice(['batch-one', 'batch-two'])}",
                f"practices: [{rng.choice(RECOMMENDATIONS)}]",
                f"references: [{', '.join(rng.sample(refs, 2))}]",
                "missing: [All of it; the record is synthetic.]",
            ],
        )
    return target


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(nodes: int) -> None:
    from generator.render.downloads.graph_exports import graph_graphml, graph_json
    from generator.render.pages.graph_page import PAGE, _Whole, render_graph_page, whole_layout

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_synthetic_sources(root / "sources", nodes)
        site = check(Project(root))
    graph = site.graph
    start = time.perf_counter()
    _, _, measures = whole_layout(_Whole(site))
    layout = time.perf_counter() - start
    start = time.perf_counter()
    files = {PAGE: render_graph_page(site), "data/graph.json": graph_json(site), "data/graph.graphml": graph_graphml(site)}
    render = time.perf_counter() - start
    print(f"{len(graph.nodes)} nodes, {len(graph.edges)} edges: layout {layout:.2f} s ({measures}); /graph/ page with exports {render:.2f} s")
    for path, text in files.items():
        print(f"  {path}: {len(text.encode()) / 1024:.0f} KB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
