"""Hostile values that are valid records or settings: downloads, the public address, MkDocs' own
complaints and the preview must all stay safe and located."""

from __future__ import annotations

import csv
import io
import threading
import time

import pytest

from generator import cli, pipeline
from generator.cli import main
from generator.engine.messages import engine_failure
from generator.pipeline import Project, check
from generator.render.downloads.case_csv import case_studies_csv

from .conftest import edit_file

CASE = "case-studies/platform-labels.yaml"
FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tfoo", "\rbar"]


def test_csv_cells_never_start_a_formula(mini_project: Project) -> None:
    path = mini_project.sources / CASE
    edit_file(path, "title: How the platform changed its labels", 'title: \'=HYPERLINK("https://evil.example","x")\'')
    edit_file(path, "summary: The platform moved from a broad label to a more specific one.", 'summary: "+1+1"')
    edit_file(path, "lessons: [A broad label confused users.]", 'lessons: ["-2+3", "@SUM(A1:A9)"]')
    site = check(mini_project)
    rows = list(csv.DictReader(io.StringIO(case_studies_csv(site))))
    row = next(r for r in rows if r["id"] == "platform-labels")
    assert row["title"] == '\'=HYPERLINK("https://evil.example","x")' and row["summary"] == "'+1+1"
    assert row["lessons"].startswith("'-2+3")
    for cells in rows:
        for column, value in cells.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), f"{column}: {value!r}"


@pytest.mark.parametrize(
    "address",
    [
        'https://fork.example/" onload="alert(1)',
        "javascript:alert(1)//",
        "https://fork example/",
        "https://fork.example/<script>",
        "ftp://fork.example/",
        "https://fork.example/{onclick=alert(1)}",
    ],
)
def test_a_hostile_site_address_is_refused_before_use(address: str, mini_project: Project, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SMF_SITE_URL", address)
    assert main(["--root", str(mini_project.root), "build", "--no-engine"]) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml:5:1: error: site_url: expected an http:// or https:// address" in err and "Traceback" not in err
    assert not (mini_project.root / "build" / "docs").exists()


def test_a_fork_address_is_accepted(mini_project: Project, monkeypatch) -> None:
    monkeypatch.setenv("SMF_SITE_URL", "https://fork.example:8443/smf/")
    assert main(["--root", str(mini_project.root), "build", "--no-engine"]) == 0


def test_an_engine_warning_is_mapped_to_the_record_field_that_holds_the_link(mini_project: Project) -> None:
    edit_file(mini_project.sources / CASE, "summary: The platform moved", "summary: See [below](#nowhere). The platform moved")
    output = (
        "INFO    -  Building documentation to directory: /tmp/x\n"
        "WARNING -  Doc file 'case-studies/platform-labels.md' contains a link '#nowhere', but there is no such anchor on this page.\n"
        'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\nRecursionError: maximum recursion depth exceeded\n'
        "\nAborted with 1 warnings in strict mode!\n"
    )
    lines = engine_failure(output, mini_project).splitlines()
    assert lines[0].startswith("sources/case-studies/platform-labels.yaml:7:1: error: summary: the site builder reported that the page contains a link '#nowhere'")
    assert lines[1] == "the site builder stopped: RecursionError: maximum recursion depth exceeded"
    assert len(lines) == 2


def test_an_engine_warning_about_a_content_page_points_at_its_line(mini_project: Project) -> None:
    page = mini_project.content / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the top](#no-such-heading).\n", encoding="utf-8")
    output = "WARNING -  Doc file 'about.md' contains a link '#no-such-heading', but there is no such anchor on this page.\n"
    line = engine_failure(output, mini_project)
    assert line.startswith("content/about.md:25:") and ": error: (link): " in line


def test_the_preview_reports_a_generator_fault_and_keeps_watching(mini_project: Project, monkeypatch, capsys) -> None:
    """A save that makes the generator raise (not a record problem: a fault) is reported in one line,
    and the next save is regenerated as usual."""
    calls: list[str] = []
    serving, saves_done = threading.Event(), threading.Event()
    give_up = time.monotonic() + 60

    class Server:
        def poll(self):
            return 0 if (saves_done.is_set() and len(calls) >= 3) or time.monotonic() > give_up else None

        def terminate(self):
            pass

        def wait(self):
            return 0

    def fake_generate(project, timings=None, **options):
        calls.append("generate")
        if len(calls) == 2:
            raise KeyError("a renderer's bug")
        return None, type("Stats", (), {"written": 1})()

    monkeypatch.setattr(pipeline, "generate_locked", fake_generate)  # what `smf serve` regenerates with
    monkeypatch.setattr(cli, "mkdocs_serve", lambda *a, **k: serving.set() or Server())  # called once the watcher runs

    def editor() -> None:
        serving.wait(30)
        path = mini_project.sources / CASE
        for title in ("First save", "Second save"):
            deadline = time.monotonic() + 20
            wanted = len(calls) + 1
            edit_file(path, "title: ", f"title: {title} ")
            while len(calls) < wanted and time.monotonic() < deadline:
                time.sleep(0.05)
        saves_done.set()

    thread = threading.Thread(target=editor)
    thread.start()
    status = cli._serve(mini_project, "127.0.0.1:0", False)
    thread.join()
    err = capsys.readouterr().err
    assert status == 0 and len(calls) >= 3
    assert "smf: the pages could not be regenerated: KeyError" in err and "still serving the last good pages" in err
    assert "Traceback" not in err


def test_the_page_guard_finds_and_removes_what_no_field_check_saw() -> None:
    from generator.engine.guard import neutralise, unsafe_attributes

    page = '<p><a href="java&#x09;script:alert(1)">x</a> <img alt="p" src="https://tracker.example/p.png" /> <span onclick="x">y</span> he said onclick="hi" <a href="../framework/">ok</a> <a href="mailto:a@b.example">m</a></p>'
    assert unsafe_attributes(page) == ["a link to 'java\\tscript:alert(1)'", "a resource loaded from 'https://tracker.example/p.png'", "an event-handler attribute 'onclick' on <span>"]
    cleaned = neutralise(page)
    assert unsafe_attributes(cleaned) == []
    assert 'he said onclick="hi"' in cleaned and 'href="../framework/"' in cleaned and 'href="mailto:a@b.example"' in cleaned


def test_the_page_guard_warning_is_mapped_to_the_record_field(mini_project: Project) -> None:
    edit_file(mini_project.sources / CASE, "summary: The platform moved", "summary: See [x](javascript:alert(1)). The platform moved")
    output = "WARNING -  Doc file 'case-studies/platform-labels.md' renders a link to 'javascript:alert(1)', which was removed\n"
    assert engine_failure(output, mini_project).startswith("sources/case-studies/platform-labels.yaml:7:1: error: summary: the site builder reported that the page renders a link to 'javascript:alert(1)'")
