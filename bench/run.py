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

from control import make_control, words_per_page  # noqa: E402
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
    parser.add_argument("--profile-mkdocs", type=int, default=0, metavar="SIZE", help="also save a cProfile of MkDocs (one process) at this size, top entries as text")
    parser.add_argument("--builds", type=int, default=3, help="warm rebuilds timed after editing one case study, per size (default: 3)")
    parser.add_argument("--baseline-up-to", type=int, default=1000, metavar="SIZE", help="also build once without the engine plugins, up to this size (default: 1000)")
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
            report["sizes"][str(size)] = measure_size(work, size, runs, mkdocs_runs, args.profile == size, out, args.profile_mkdocs == size, args.builds, size <= args.baseline_up_to)
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


def measure_size(work: Path, size: int, runs: int, mkdocs_runs: int, profile: bool, out: Path, profile_mkdocs: bool = False, builds: int = 3, baseline: bool = False) -> dict:
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
    if profile_mkdocs:
        _profile_mkdocs(root, out.with_name(out.stem + f"-mkdocs-profile-{size}.txt"))
    # The control: plain Material with as many pages of about as many words, built on one core.
    control = work / f"control-{size}"
    md_pages, words = words_per_page(root / "build" / "docs")
    make_control(REPO, control, md_pages, words)
    variants = {"mkdocs": (root, ""), "mkdocs, 1 job": (root, "1"), "control": (control, "1")}
    if baseline:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs-baseline.yml").write_text("\n".join(line for line in text.splitlines() if not line.strip().startswith(("- smf-build", "- smf-splice"))) + "\n", encoding="utf-8")
    runs_by_variant: dict[str, list[dict]] = {name: [] for name in variants}
    for number in range(mkdocs_runs):  # round-robin, so that the machine's load falls on all alike
        for name, (project, jobs) in variants.items():
            _say(f"{size:,}: {name}, run {number + 1} of {mkdocs_runs}")
            result = _worker("mkdocs", project, str(project / "site"), jobs)
            if "error" in result:
                raise SystemExit(f"{name} failed at {size:,} case studies:\n{result['error']}")
            runs_by_variant[name].append(result)
    if baseline:
        _say(f"{size:,}: the same tree without the engine plugins (as before), once")
        result = _worker("mkdocs", root, str(root / "site-baseline"), "1", "", "mkdocs-baseline.yml")
        runs_by_variant["without engine plugins"] = [result] if "error" not in result else []
        shutil.rmtree(root / "site-baseline", ignore_errors=True)
    edits: list[dict] = []
    unchanged: list[dict] = []  # rebuilds with nothing edited: the floor of a warm rebuild
    if builds:
        _say(f"{size:,}: a build that fills the page cache, then {builds} edits of one case study, each followed by `smf build`")
        _worker("mkdocs", root, str(root / "site"), "", str(root / "build" / "cache"))
        for number in range(builds):
            result = _worker("edit", root, str(number))
            if "error" in result:
                raise SystemExit(f"warm rebuild failed at {size:,} case studies:\n{result['error']}")
            edits.append(result)
        _say(f"{size:,}: {builds} more builds with nothing edited")
        for _ in range(builds):
            result = _worker("rebuild", root)
            if "error" in result:
                raise SystemExit(f"rebuild failed at {size:,} case studies:\n{result['error']}")
            unchanged.append(result)
    mkdocs_runs_data = runs_by_variant["mkdocs"]
    stages = {stage: statistics.median(run["stages"].get(stage, 0.0) for run in generator_runs) for stage in STAGES}
    drawing = [run["graph_drawing"] for run in generator_runs if run.get("graph_drawing") is not None]
    generator = statistics.median(run["generator"] for run in generator_runs)
    mkdocs = statistics.median(run["seconds"] for run in mkdocs_runs_data)
    site = site_metrics(root / "site", generator_runs[0]["records"])
    control_pages = len(list((control / "site").rglob("index.html")))
    whole = generator + mkdocs
    medians = {name: statistics.median(run["seconds"] for run in data) for name, data in runs_by_variant.items() if data}
    per_page = {name: seconds / (control_pages if name == "control" else site["pages"]) * 1000 for name, seconds in medians.items()}
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
        "engine": {
            "medians": medians,
            "per_page_ms": per_page,
            "control_pages": control_pages,
            "control_words_per_page": words,
            "ratio_to_control": per_page["mkdocs"] / per_page["control"],
            "ratio_to_control_1_job": per_page["mkdocs, 1 job"] / per_page["control"],
        },
        "warm_rebuild": {
            "median_seconds": statistics.median(e["seconds"] for e in edits) if edits else None,
            "median_mkdocs": statistics.median(e["mkdocs"] for e in edits) if edits else None,
            "median_generator": statistics.median(e["generator"] for e in edits) if edits else None,
            "edits": edits,
        },
        "unchanged_rebuild": {
            "median_seconds": statistics.median(e["seconds"] for e in unchanged) if unchanged else None,
            "median_mkdocs": statistics.median(e["mkdocs"] for e in unchanged) if unchanged else None,
            "median_generator": statistics.median(e["generator"] for e in unchanged) if unchanged else None,
            "builds": unchanged,
        },
        "peak_mb": {
            "generator": max(run["peak_mb"] for run in generator_runs),
            "mkdocs": max(run["peak_mb"] for run in mkdocs_runs_data),
            "mkdocs_main": max(run.get("peak_mb_main", 0) for run in mkdocs_runs_data),
            "mkdocs_worker": max(run.get("peak_mb_worker", 0) for run in mkdocs_runs_data),
            "control": max(run["peak_mb"] for run in runs_by_variant["control"]),
        },
        "site": site,
        "runs": {"generator": generator_runs, **runs_by_variant},
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
            "mkdocs_per_page": b["mkdocs_per_page_ms"] / a["mkdocs_per_page_ms"],
            "search_index_per_record": b["site"]["search_index_bytes_per_record"] / a["site"]["search_index_bytes_per_record"] if a["site"]["search_index_bytes_per_record"] else None,
        }
    return out


def table(report: dict) -> str:
    rows = [
        ("case studies", "records", "files", *(STAGE_LABELS.get(s, s) for s in STAGES), "(graph drawing)", "generator", "per record", "mkdocs", "whole", "gen share", "per page", "case HTML max", "search/record", "peak gen", "peak mkdocs")
    ]
    for size, m in sorted(report["sizes"].items(), key=lambda item: int(item[0])):
        rows.append(
            (
                f"{int(size):,}",
                f"{m['records']['all']:,}",
                f"{m['files_written']:,}",
                *(_s(m["stages"][s]) for s in STAGES),
                _s(m["graph_drawing"]) if m["graph_drawing"] is not None else "n/a",
                _s(m["generator"]),
                f"{m['generator_per_record_ms']:.3f} ms",
                _s(m["mkdocs"]),
                _s(m["whole"]),
                f"{m['generator_share']:.1%}",
                f"{m['whole_per_page_ms']:.1f} ms",
                f"{m['site']['case_study_html_max_kb']:.1f} KB",
                f"{m['site']['search_index_bytes_per_record']:,.0f} B",
                f"{m['peak_mb']['generator']:.0f} MB",
                f"{m['peak_mb']['mkdocs']:.0f} MB",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    for pair, r in report.get("ratios", {}).items():
        big, small = pair.split("/")
        lines.append(
            f"{int(big):,} vs {int(small):,}: generator per record ×{r['generator_per_record']:.2f}, whole build per page ×{r['whole_per_page']:.2f}, MkDocs per page ×{r.get('mkdocs_per_page', 0):.2f}"
            + (f", search index per record ×{r['search_index_per_record']:.2f}" if r["search_index_per_record"] else "")
        )
    for size, m in sorted(report["sizes"].items(), key=lambda item: int(item[0])):
        e = m.get("engine")
        if not e:
            continue
        lines.append(
            f"{int(size):,}: MkDocs per page {e['per_page_ms']['mkdocs']:.2f} ms ({_s(e['medians']['mkdocs'])}), 1 job {e['per_page_ms']['mkdocs, 1 job']:.2f} ms, "
            f"control (plain Material, {e['control_pages']:,} pages, 1 core) {e['per_page_ms']['control']:.2f} ms: ×{e['ratio_to_control']:.2f} (1 job ×{e['ratio_to_control_1_job']:.2f})"
            + (f"; without the engine plugins {e['per_page_ms']['without engine plugins']:.2f} ms" if "without engine plugins" in e["per_page_ms"] else "")
        )
        w = m.get("warm_rebuild") or {}
        if w.get("median_seconds") is not None:
            lines.append(
                f"{int(size):,}: edit one case study, smf build again: {_s(w['median_seconds'])} (generator {_s(w['median_generator'])}, MkDocs {_s(w['median_mkdocs'])}), "
                f"pages kept by the generator {statistics.median(x.get('kept', 0) for x in w['edits']):.0f}, "
                f"by MkDocs converted {statistics.median(x.get('converted', 0) for x in w['edits']):.0f}, rendered {statistics.median(x.get('rendered', 0) for x in w['edits']):.0f}"
            )
        u = m.get("unchanged_rebuild") or {}
        if u.get("median_seconds") is not None:
            lines.append(f"{int(size):,}: nothing edited, smf build again: {_s(u['median_seconds'])} (generator {_s(u['median_generator'])}, MkDocs {_s(u['median_mkdocs'])})")
        lines.append(f"{int(size):,}: peak memory, MkDocs main process {m['peak_mb']['mkdocs_main']:.0f} MB, largest worker {m['peak_mb']['mkdocs_worker']:.0f} MB; control {m['peak_mb']['control']:.0f} MB")
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


def _profile_mkdocs(root: Path, target: Path) -> None:
    """cProfile of one strict MkDocs build in one process (jobs 1, no cache): the top entries by own
    time and by cumulative time."""
    _say(f"profiling MkDocs in {root.name} → {target.name}")
    raw = target.with_suffix(".prof")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SMF_JOBS": "1"}
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(raw), "-m", "mkdocs", "build", "--strict", "-d", str(root / "site-profile")], check=True, capture_output=True, cwd=root, env=environment)
    shutil.rmtree(root / "site-profile", ignore_errors=True)
    import io
    import pstats

    text = io.StringIO()
    stats = pstats.Stats(str(raw), stream=text)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(60)
    target.write_text(text.getvalue(), encoding="utf-8")


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
