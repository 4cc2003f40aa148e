"""The `smf` command as editors use it: check, new, and the exit codes."""

from __future__ import annotations

from generator.cli import main


def test_check_of_valid_records_exits_zero_and_counts_them(mini_project, capsys):
    assert main(["--root", str(mini_project.root), "check"]) == 0
    assert "3 case studies" in capsys.readouterr().out


def test_new_case_study_writes_a_template_that_check_explains(mini_project, capsys):
    assert main(["--root", str(mini_project.root), "new", "case-study", "new-case"]) == 0
    written = mini_project.sources / "case-studies" / "new-case.yaml"
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    capsys.readouterr()
    assert main(["--root", str(mini_project.root), "check"]) == 1
    errors = capsys.readouterr().err
    assert "sources/case-studies/new-case.yaml:11:1: error: organization: expected the id of an organization" in errors
    assert "Traceback" not in errors


def test_new_case_study_never_overwrites_and_checks_the_id(mini_project, capsys):
    existing = mini_project.sources / "case-studies" / "studio-face-swap.yaml"
    before = existing.read_bytes()
    assert main(["--root", str(mini_project.root), "new", "case-study", "studio-face-swap"]) == 1
    assert existing.read_bytes() == before
    assert main(["--root", str(mini_project.root), "new", "case-study", "Bad_Id"]) == 1
    assert "expected an id" in capsys.readouterr().err
