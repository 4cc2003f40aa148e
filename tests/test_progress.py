"""Build progress: a status line on a terminal only, per-stage timings, and MkDocs' page count."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.engine import mkdocs_build
from generator.pipeline import Timings, generate
from generator.progress import Progress

from .conftest import MINI_SOURCES, make_project


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_writes_nothing_when_output_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    progress.show("smf: load…", force=True)
    progress.clear()
    assert stream.getvalue() == ""


def test_progress_on_a_terminal_redraws_one_line_and_erases_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = Terminal()
    progress = Progress(stream)
    progress.show("smf: load…", force=True)
    progress.show("smf: render… 10 files")  # within the redraw interval: skipped
    progress.clear()
    assert stream.getvalue() == "\r\x1b[Ksmf: load…\r\x1b[K"


def test_timings_table_shows_each_stage_and_the_generator_share() -> None:
    timings = Timings()
    for name, seconds in (("load", 1.0), ("validate", 1.0), ("model", 0.5), ("render", 1.0), ("write", 0.5), ("mkdocs", 16.0)):
        timings.add(name, seconds)
    lines = timings.table().splitlines()
    assert [line.split()[0] for line in lines] == ["load", "validate", "model", "render", "write", "generator", "mkdocs", "total"]
    assert lines[5].split()[1:] == ["4000.0", "ms", "20.0%"]
    assert lines[-1].split()[1] == "20000.0"


@pytest.mark.slow
def test_mkdocs_reports_every_page_it_reads_and_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path / "mini", MINI_SOURCES)
    generate(project)
    heard: dict[str, int] = {}
    result = mkdocs_build(project.config, tmp_path / "site", heard.__setitem__)
    pages = len(list(project.docs.rglob("*.md")))
    assert result.returncode == 0, result.stdout
    assert heard == {"reading": pages, "building": pages}
    assert "DEBUG" not in result.stdout and "Documentation built" in result.stdout
