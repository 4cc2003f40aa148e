"""One measurement in a fresh process, printed as one line of JSON (run.py starts it).

    worker.py generate <project> [--warm]   the generator (check, render, write) as `smf build` runs it
    worker.py mkdocs <project> <site dir> [jobs] [cache dir] [config]
                                            the strict MkDocs build on the generated docs tree
    worker.py edit <project> <number>       edit one case study and run `smf build` again (warm cache)
    worker.py rebuild <project>             run `smf build` again with nothing edited (warm cache)

A fresh process per run makes the numbers those of a real `smf build`: imports, compiled schemas
and the garbage collector start cold, and the peak memory (ru_maxrss) is that of this run alone.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import source_cache  # noqa: E402
from generator.engine import mkdocs_build  # noqa: E402
from generator.parallel import default_jobs  # noqa: E402
from generator.diagnostics import BuildFailed  # noqa: E402
from generator.pipeline import Project, Timings, build, generate  # noqa: E402
from generator.project import engine_for  # noqa: E402


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports kilobytes


# The citation-graph drawings (issue 4) are timed on their own inside the render stage, because
# they are by far its largest part. The wrapper replaces the functions where the renderers import
# them; if they are renamed, "graph_drawing" is simply missing from the results.
GRAPH_FUNCTIONS = ("local_graph_section", "render_graph_page")


def time_graph_drawing() -> dict[str, float]:
    import importlib
    import pkgutil

    import generator.render

    spent = {"seconds": 0.0, "calls": 0}
    originals = {}
    modules = [importlib.import_module(info.name) for info in pkgutil.walk_packages(generator.render.__path__, "generator.render.")] + [generator.render]
    for module in modules:
        for name in GRAPH_FUNCTIONS:
            function = getattr(module, name, None)
            if function is None or not callable(function):
                continue
            original = originals.setdefault(name, function)
            if function is not original:
                continue

            def timed(*args, _function=original, **kwargs):
                started = time.perf_counter()
                try:
                    return _function(*args, **kwargs)
                finally:
                    spent["seconds"] += time.perf_counter() - started
                    spent["calls"] += 1

            setattr(module, name, timed)
    return spent


def measure_generator(root: Path, warm: bool) -> dict:
    project = Project(root)
    if not warm:  # from nothing: no docs tree, no drawings (memo.py), page notes (page_memo.py) or parsed files (source_cache.py) kept
        shutil.rmtree(project.docs, ignore_errors=True)
        shutil.rmtree(project.fragments, ignore_errors=True)
        project.page_notes.unlink(missing_ok=True)
        source_cache.forget_sources(project.cache)
    graph = time_graph_drawing()
    timings = Timings()
    started = time.perf_counter()
    jobs = default_jobs()
    site, stats = generate(project, timings, jobs=jobs)  # on every core, as `smf build` renders
    return {
        "stages": timings.stages,
        # Timed in this process only: with workers, the record pages' drawings are theirs.
        "graph_drawing": graph["seconds"] if graph["calls"] and jobs == 1 else None,
        "jobs": jobs,
        "generator": timings.generator,
        "wall": time.perf_counter() - started,
        "written": stats.written,
        "unchanged": stats.unchanged,
        "deleted": stats.deleted,
        "records": len(site.all_records()),
        "peak_mb": peak_mb(resource.RUSAGE_SELF),
    }


ENGINE_LINE = re.compile(r"smf-build: (\d+) pages converted, (\d+) rendered")
MEMORY_LINE = re.compile(r"smf-build: peak memory (\d+) MB in the main process, (\d+) MB in the largest worker")


def measure_mkdocs(root: Path, site_dir: Path, jobs: int | None = None, cache: Path | None = None, config: str = "mkdocs.yml") -> dict:
    shutil.rmtree(site_dir, ignore_errors=True)
    started = time.perf_counter()
    result = mkdocs_build(root / config, site_dir, jobs=jobs, cache=cache)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        return {"error": (result.stdout + result.stderr).strip()[-4000:]}
    return {"seconds": seconds, "peak_mb": peak_mb(resource.RUSAGE_CHILDREN), **_engine_report(result.stdout + result.stderr)}


def _engine_report(output: str) -> dict:
    out = {}
    if found := ENGINE_LINE.search(output):
        out["converted"], out["rendered"] = int(found.group(1)), int(found.group(2))
    if found := MEMORY_LINE.search(output):
        out["peak_mb_main"], out["peak_mb_worker"] = int(found.group(1)), int(found.group(2))
    return out


def measure_edit(root: Path, number: int) -> dict:
    """What `make site` costs after one edit: a case study's title changes, then `smf build` with
    its page cache (build/cache) from the previous build, as the command runs it: MkDocs starts
    loading before the generator, builds into the site before last and is swapped in."""
    case = sorted((root / "sources" / "case-studies").glob("*.yaml"))[number % 7]
    text = case.read_text(encoding="utf-8")
    case.write_text(re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)} (edit {number})", text, count=1, flags=re.M), encoding="utf-8")
    return timed_build(root)


def timed_build(root: Path) -> dict:
    """`smf build` as the command runs it, timed whole and by stage; with nothing edited since the
    last build, the floor of a rebuild: every kept page is still read, checked and placed."""
    project = Project(root)
    timings = Timings()
    started = time.perf_counter()
    engine = engine_for(project)
    engine.start()  # as cli._build does, before anything else
    results = []
    run = engine.run

    def run_and_keep(*args, **kwargs):  # what MkDocs printed: how many pages it converted and rendered
        results.append(run(*args, **kwargs))
        return results[-1]

    engine.run = run_and_keep  # type: ignore[method-assign]
    try:
        stats = build(project, timings, jobs=default_jobs(), engine=engine)
    except BuildFailed as error:
        return {"error": str(error)[-4000:]}
    finished = time.perf_counter()
    output = results[-1].stdout + results[-1].stderr if results else ""
    return {"seconds": finished - started, "generator": timings.generator, "mkdocs": timings.stages.get("mkdocs", 0.0), "written": stats.written, "kept": stats.kept, **_engine_report(output)}


if __name__ == "__main__":
    mode, root = sys.argv[1], Path(sys.argv[2])
    if mode == "generate":
        print(json.dumps(measure_generator(root, "--warm" in sys.argv[3:])))
    elif mode == "mkdocs":
        extra = sys.argv[4:] + ["", "", ""]
        print(json.dumps(measure_mkdocs(root, Path(sys.argv[3]), int(extra[0]) if extra[0] else None, Path(extra[1]) if extra[1] else None, extra[2] or "mkdocs.yml")))
    elif mode == "edit":
        print(json.dumps(measure_edit(root, int(sys.argv[3]))))
    elif mode == "rebuild":
        print(json.dumps(timed_build(root)))
    else:
        sys.exit(f"unknown mode {mode!r}")
