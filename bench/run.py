"""`make bench`: how the build scales, from 100 to 10,000 case studies, on this machine.

For each size it writes a synthetic record set (bench/synth.py) beside a copy of mkdocs.yml,
content/ and overrides/ in a temporary folder, then measures, each in a fresh process:

- the generator, stage by stage (load, validate, model and graph, render, write), from an empty
  docs tree, as the median of several runs; then one rerun on the unchanged tree;
- `mkdocs build --strict` on the generated tree, separately;
- the built site: pages, a case study's HTML size, the search index per record;
- peak memory of the generator and of MkDocs;
- the editing loop under `smf serve` (real records and 1,000 case studies): time from saving one
  edited case-study YAML to the rebuilt page being served, and how many files the generator rewrote.

It prints one table and writes everything as JSON to bench/results/ (git-ignored), with the
machine it ran on, so that runs on different machines can be compared.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from serve import measure_editing  # noqa: E402
from synth import make_project  # noqa: E402

STAGES = ("load", "validate", "model", "render", "write")
STAGE_LABELS = {"model": "model+graph"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="case-study counts, comma-separated (default: 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="generator runs per size; the median is reported (default: 3)")
    parser.add_argument("--mkdocs-runs", type=int, default=3, help="mkdocs builds per size (default: 3)")
    parser.add_argument("--large", type=int, default=5000, help="from this size on, use --large-runs for both (default: 5000)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs of each kind for large sizes: a whole build takes minutes there (default: 1)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed under smf serve, per record set; 0 skips the editing loop (default: 3)")
    parser.add_argument("--profile", type=int, default=0, metavar="SIZE", help="also save a pyinstrument profile of the generator at this size")
    parser.add_argument("--work", type=Path, help="folder for the generated projects (default: a temporary folder, removed afterwards)")
    parser.add_argument("--out", type=Path, help="JSON file to write (default: bench/results/<date>.json)")
    args = parser.parse_args()

    sizes = [int(size) for size in args.sizes.split(",") if size]
    work = args.work or Path(tempfile.mkdtemp(prefix="smf-bench-"))
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = args.out or HERE / "results" / f"{stamp}.json"
    report = {"machine": _machine(), "started": stamp, "arguments": {k: str(v) for k, v in vars(args).items()}, "sizes": {}, "editing": {}}
    try:
        for size in sizes:
            large = size >= args.large
            runs = args.large_runs if large else args.runs
            mkdocs_runs = args.large_runs if large else args.mkdocs_runs
            report["sizes"][str(size)] = measure_size(work, size, runs, mkdocs_runs, args.profile == size, out)
            _save(report, out)
        if args.edits:
            report["editing"]["real records"] = _editing(work / "real", REPO / "sources", args.edits)
            _save(report, out)
            report["editing"]["real records, --full"] = _editing(work / "real", None, args.edits, full=True)
            _save(report, out)
            report["editing"]["1,000 case studies"] = _editing(work / "1000", None, args.edits)
            _save(report, out)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report["ratios"] = ratios(report["sizes"])
    _save(report, out)
    print(table(report))
    print(f"\nresults: {out}")
    return 0


def measure_size(work: Path, size: int, runs: int, mkdocs_runs: int, profile: bool, out: Path) -> dict:
    root = work / str(size)
    _say(f"{size:,} case studies: writing the records")
    counts = make_project(REPO, root, size)
    generator_runs = []
    for number in range(runs):
        _say(f"{size:,}: generator, run {number + 1} of {runs}")
        generator_runs.append(_worker("generate", root))
    _say(f"{size:,}: generator on the unchanged tree")
    warm = _worker("generate", root, "--warm")
    if profile:
        _profile(root, out.with_name(out.stem + f"-profile-{size}.txt"))
    mkdocs_runs_data = []
    for number in range(mkdocs_runs):
        _say(f"{size:,}: mkdocs build, run {number + 1} of {mkdocs_runs}")
        result = _worker("mkdocs", root, str(root / "site"))
        if "error" in result:
            raise SystemExit(f"mkdocs failed at {size:,} case studies:\n{result['error']}")
        mkdocs_runs_data.append(result)
    stages = {stage: statistics.median(run["stages"].get(stage, 0.0) for run in generator_runs) for stage in STAGES}
    drawing = [run["graph_drawing"] for run in generator_runs if run.get("graph_drawing") is not None]
    generator = statistics.median(run["generator"] for run in generator_runs)
    mkdocs = statistics.median(run["seconds"] for run in mkdocs_runs_data)
    site = site_metrics(root / "site", generator_runs[0]["records"])
    whole = generator + mkdocs
    return {
        "records": counts | {"all": generator_runs[0]["records"]},
        "files_written": generator_runs[0]["written"],
        "stages": stages,
        "graph_drawing": statistics.median(drawing) if drawing else None,
        "generator": generator,
        "generator_per_record_ms": generator / generator_runs[0]["records"] * 1000,
        "generator_unchanged_tree": warm["generator"],
        "rewritten_when_unchanged": warm["written"],
        "mkdocs": mkdocs,
        "whole": whole,
        "generator_share": generator / whole,
        "whole_per_page_ms": whole / site["pages"] * 1000,
        "mkdocs_per_page_ms": mkdocs / site["pages"] * 1000,
        "peak_mb": {"generator": max(run["peak_mb"] for run in generator_runs), "mkdocs": max(run["peak_mb"] for run in mkdocs_runs_data)},
        "site": site,
        "runs": {"generator": generator_runs, "mkdocs": mkdocs_runs_data},
    }


def site_metrics(site: Path, records: int) -> dict:
    pages = list(site.rglob("index.html"))
    cases = sorted(p.stat().st_size for p in (site / "case-studies").glob("*/index.html"))
    index = site / "search" / "search_index.json"
    size = index.stat().st_size if index.exists() else 0
    return {
        "pages": len(pages),
        "bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "case_study_html_median_kb": statistics.median(cases) / 1024 if cases else 0,
        "case_study_html_max_kb": cases[-1] / 1024 if cases else 0,
        "search_index_kb": size / 1024,
        "search_index_bytes_per_record": size / records,
    }


def ratios(sizes: dict) -> dict:
    """The scaling targets: per-record generator time and per-page build time, 10,000 against 1,000."""
    out = {}
    keys = sorted(sizes, key=int)
    for small, big in itertools.pairwise(keys):
        a, b = sizes[small], sizes[big]
        out[f"{big}/{small}"] = {
            "generator_per_record": b["generator_per_record_ms"] / a["generator_per_record_ms"],
            "whole_per_page": b["whole_per_page_ms"] / a["whole_per_page_ms"],
            "search_index_per_record": b["site"]["search_index_bytes_per_record"] / a["site"]["search_index_bytes_per_record"] if a["site"]["search_index_bytes_per_record"] else None,
        }
    return out


def table(report: dict) -> str:
    rows = [("case studies", "records", "files", *(STAGE_LABELS.get(s, s) for s in STAGES), "(graph drawing)", "generator", "per record", "mkdocs", "whole", "gen share", "per page",
             "case HTML max", "search/record", "peak gen", "peak mkdocs")]
    for size, m in sorted(report["sizes"].items(), key=lambda item: int(item[0])):
        rows.append((
            f"{int(size):,}", f"{m['records']['all']:,}", f"{m['files_written']:,}",
            *(_s(m["stages"][s]) for s in STAGES), _s(m["graph_drawing"]) if m["graph_drawing"] is not None else "n/a",
            _s(m["generator"]), f"{m['generator_per_record_ms']:.3f} ms", _s(m["mkdocs"]), _s(m["whole"]),
            f"{m['generator_share']:.1%}", f"{m['whole_per_page_ms']:.1f} ms",
            f"{m['site']['case_study_html_max_kb']:.1f} KB", f"{m['site']['search_index_bytes_per_record']:,.0f} B",
            f"{m['peak_mb']['generator']:.0f} MB", f"{m['peak_mb']['mkdocs']:.0f} MB",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    for pair, r in report.get("ratios", {}).items():
        big, small = pair.split("/")
        lines.append(f"{int(big):,} vs {int(small):,}: generator per record ×{r['generator_per_record']:.2f}, whole build per page ×{r['whole_per_page']:.2f}"
                     + (f", search index per record ×{r['search_index_per_record']:.2f}" if r["search_index_per_record"] else ""))
    for name, loop in report.get("editing", {}).items():
        edits = loop["edits"]
        lines.append(
            f"editing ({name}): saved → page served {_s(statistics.median(e['seconds'] for e in edits))}, "
            f"→ every affected page rebuilt {_s(statistics.median(e.get('complete_seconds', e['seconds']) for e in edits))}, median of {len(edits)}; "
            f"generator {statistics.median(e['generator_ms'] or 0 for e in edits):.0f} ms, rewrote {statistics.median(e['files_rewritten'] or 0 for e in edits):.0f} files"
        )
    return "\n".join(lines)


def _editing(root: Path, sources: Path | None, edits: int, full: bool = False) -> dict:
    if sources is not None:
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("content", "overrides"):
            shutil.rmtree(root / folder, ignore_errors=True)
            shutil.copytree(REPO / folder, root / folder)
        shutil.rmtree(root / "sources", ignore_errors=True)
        shutil.copytree(sources, root / "sources")
    elif not (root / "sources").exists():
        make_project(REPO, root, 1000)
    case = sorted(p.stem for p in (root / "sources" / "case-studies").glob("*.yaml"))[0]
    _say(f"editing loop in {root.name}: smf serve{' --full' if full else ''}, {edits} edits of {case}")
    return measure_editing(root, case, edits, _free_port(), full=full)


def _worker(*args: str) -> dict:
    result = subprocess.run([sys.executable, str(HERE / "worker.py"), *args], capture_output=True, text=True, cwd=REPO)
    if result.returncode != 0:
        raise SystemExit(f"bench worker {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _profile(root: Path, target: Path) -> None:
    _say(f"profiling the generator in {root.name} → {target.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "text", "-o", str(target), str(HERE / "worker.py"), "generate", str(root)], check=True, capture_output=True, cwd=REPO)


def _machine() -> dict:
    try:
        import mkdocs
        import material
        versions = {"mkdocs": mkdocs.__version__, "material": getattr(material, "__version__", "?")}
    except ImportError:
        versions = {}
    return {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(), **versions}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _save(report: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")


def _s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
