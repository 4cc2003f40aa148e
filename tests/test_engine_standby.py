"""MkDocs started ahead of the docs tree (generator/engine/standby.py): it loads itself and mkdocs.yml
while the generator works, then builds what is on disk when told to, exactly as `mkdocs build` would."""

from __future__ import annotations

import sys
import time

import pytest

from generator import pipeline
from generator.cli import main
from generator.engine import MkDocsBuild
from generator.engine.fastbuild import CHUNK, _chunks

from .test_engine_build import mkdocs, same_tree, small_site


@pytest.mark.slow
def test_it_builds_the_pages_written_after_it_started_as_mkdocs_build_does(tmp_path):
    root = small_site(tmp_path / "project", {"index.md": "# Home\n\nAn early version.\n"})
    with MkDocsBuild(root / "mkdocs.yml", tmp_path / "site", jobs=2) as engine:
        engine.start()
        (root / "docs" / "index.md").write_text("# Home\n\nThe final version, see [later](later.md#part).\n", encoding="utf-8")
        (root / "docs" / "later.md").write_text("# Later\n\n## Part\n\nWritten after MkDocs started.\n", encoding="utf-8")
        result = engine.run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The final version" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    direct = mkdocs(root, tmp_path / "direct", jobs=2)
    assert direct.returncode == 0, direct.stderr
    assert same_tree(tmp_path / "site", tmp_path / "direct") == []


@pytest.mark.slow
def test_a_dead_link_written_after_it_started_fails_the_strict_build(tmp_path):
    root = small_site(tmp_path / "project", {"index.md": "# Home\n"})
    with MkDocsBuild(root / "mkdocs.yml", tmp_path / "site") as engine:
        engine.start()
        (root / "docs" / "index.md").write_text("# Home\n\n[Gone](gone.md)\n", encoding="utf-8")
        result = engine.run()
    assert result.returncode != 0 and "gone.md" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "problem",
    [
        "not_an_option: 1\n",  # a warning: strict mode aborts
        "theme:\n  name: no-such-theme\n",  # an error
        "nav: [\n",  # not YAML
    ],
)
@pytest.mark.slow
def test_a_problem_in_mkdocs_yml_is_reported_as_mkdocs_reports_it(tmp_path, problem):
    root = small_site(tmp_path / "project", {"index.md": "# Home\n"})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + problem, encoding="utf-8")
    with MkDocsBuild(config, tmp_path / "site") as engine:
        engine.start()
        ahead = engine.run()
    direct = mkdocs(root, tmp_path / "direct")
    assert direct.returncode != 0
    assert (ahead.returncode, ahead.stdout, ahead.stderr) == (direct.returncode, direct.stdout, direct.stderr)
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_leaving_it_without_run_builds_nothing(tmp_path):
    root = small_site(tmp_path / "project", {"index.md": "# Home\n"})
    with MkDocsBuild(root / "mkdocs.yml", tmp_path / "site") as engine:
        engine.start()
        process = engine._process
    assert process is not None and process.poll() is not None
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_smf_build_starts_mkdocs_before_the_generator_even_on_a_first_build(mini_project, monkeypatch):
    events = []
    start, generate = MkDocsBuild.start, pipeline.generate
    monkeypatch.setattr(MkDocsBuild, "start", lambda self: (events.append("MkDocs started"), start(self))[1])
    monkeypatch.setattr(pipeline, "generate", lambda *args, **options: (events.append("generator"), generate(*args, **options))[1])
    assert not (mini_project.root / "build").exists()
    assert main(["--root", str(mini_project.root), "build"]) == 0
    assert events[:2] == ["MkDocs started", "generator"]
    assert (mini_project.site / "index.html").is_file()


@pytest.mark.parametrize("count", [0, 1, 5, 20, 127, 2647])
@pytest.mark.parametrize("jobs", [1, 2, 8])
def test_chunks_keep_every_item_in_order_and_give_each_worker_a_share(count, jobs):
    items = list(range(count))
    chunks = _chunks(items, jobs)
    assert [item for chunk in chunks for item in chunk] == items
    assert all(1 <= len(chunk) <= CHUNK for chunk in chunks)
    assert len(chunks) >= min(count, 2 * jobs)  # a few pages changed: still shared out


@pytest.mark.slow
def test_what_runs_meanwhile_runs_after_mkdocs_is_told_to_build_and_before_it_ends(tmp_path):
    """The stand-in for MkDocs builds only once told to, and ends only when `meanwhile` has run: run()
    must call it in between (a run() that called it before telling, or after waiting, would fail)."""
    signal = tmp_path / "meanwhile-ran"
    script = (
        "import os, sys, time\n"
        "if sys.stdin.readline().strip() != 'go': sys.exit(3)\n"
        "deadline = time.monotonic() + 20\n"
        f"while not os.path.exists({str(signal)!r}):\n"
        "    if time.monotonic() > deadline: sys.exit(4)\n"
        "    time.sleep(0.01)\n"
        "print('built')\n"
    )
    told = tmp_path / "told"
    for on_page in (None, lambda phase, count: None):
        signal.unlink(missing_ok=True)
        with MkDocsBuild(tmp_path / "mkdocs.yml", tmp_path / "site") as engine:
            engine.command = [sys.executable, "-c", script.replace("print('built')", f"open({str(told)!r}, 'w').close(); print('built')")]
            engine.start()
            result = engine.run(on_page, meanwhile=lambda: (time.sleep(0.2), signal.touch()))
        assert result.returncode == 0 and "built" in result.stdout and told.exists()
        told.unlink()


@pytest.mark.slow
def test_mkdocs_is_stopped_when_what_runs_meanwhile_fails(tmp_path):
    def fails():
        raise OSError("disk full")

    with MkDocsBuild(tmp_path / "mkdocs.yml", tmp_path / "site") as engine:
        engine.command = [sys.executable, "-c", "import sys, time; sys.stdin.readline(); time.sleep(60)"]
        engine.start()
        process = engine._process
        with pytest.raises(OSError, match="disk full"):
            engine.run(meanwhile=fails)
    assert process is not None and process.poll() is not None
