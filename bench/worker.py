"""One measurement in a fresh process, printed as one line of JSON (run.py starts it).

    worker.py generate <project> [--warm]   the generator (check, render, write) as `smf build` runs it
    worker.py mkdocs <project> <site dir>   the strict MkDocs build on the generated docs tree

A fresh process per run makes the numbers those of a real `smf build`: imports, compiled schemas
and the garbage collector start cold, and the peak memory (ru_maxrss) is that of this run alone.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.engine import mkdocs_build  # noqa: E402
from generator.pipeline import Project, Timings, generate  # noqa: E402


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
    modules = [
        importlib.import_module(info.name) for info in pkgutil.walk_packages(generator.render.__path__, "generator.render.")
    ] + [generator.render]
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
    if not warm:
        shutil.rmtree(project.docs, ignore_errors=True)
    graph = time_graph_drawing()
    timings = Timings()
    started = time.perf_counter()
    site, stats = generate(project, timings)
    return {
        "stages": timings.stages,
        "graph_drawing": graph["seconds"] if graph["calls"] else None,
        "generator": timings.generator,
        "wall": time.perf_counter() - started,
        "written": stats.written,
        "unchanged": stats.unchanged,
        "deleted": stats.deleted,
        "records": len(site.all_records()),
        "peak_mb": peak_mb(resource.RUSAGE_SELF),
    }


def measure_mkdocs(root: Path, site_dir: Path) -> dict:
    shutil.rmtree(site_dir, ignore_errors=True)
    started = time.perf_counter()
    result = mkdocs_build(root / "mkdocs.yml", site_dir)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        return {"error": (result.stdout + result.stderr).strip()[-4000:]}
    return {"seconds": seconds, "peak_mb": peak_mb(resource.RUSAGE_CHILDREN)}


if __name__ == "__main__":
    mode, root = sys.argv[1], Path(sys.argv[2])
    if mode == "generate":
        print(json.dumps(measure_generator(root, "--warm" in sys.argv[3:])))
    elif mode == "mkdocs":
        print(json.dumps(measure_mkdocs(root, Path(sys.argv[3]))))
    else:
        sys.exit(f"unknown mode {mode!r}")
