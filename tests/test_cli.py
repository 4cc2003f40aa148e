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


def test_check_format_github_puts_each_problem_on_its_line(mini_project, capsys):
    case = mini_project.sources / "case-studies" / "studio-face-swap.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("organization: studio", "organization: nobody").replace("role: creator", "role: 'a, b: 100%'"), encoding="utf-8")
    assert main(["--root", str(mini_project.root), "check", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    line_of = {line.partition(":")[0]: number for number, line in enumerate(text.splitlines(), 1)}
    assert lines[0].startswith(f"::error file=sources/case-studies/studio-face-swap.yaml,line={line_of['organization']},col=1,title=organization::expected the id of an organization")
    role = lines[1]
    assert role.startswith(f"::error file=sources/case-studies/studio-face-swap.yaml,line={line_of['role']},col=1,title=role::expected one of")
    assert "100%25" in role and "100%'" not in role  # '%' escaped as GitHub's toolkit does
    assert all(line.startswith("::error file=") for line in lines) and len(lines) == 2
    assert "2 problems found" in err


def test_check_format_github_escapes_properties():
    from generator.cli import _data, _property

    assert _property("a,b:c%\nd") == "a%2Cb%3Ac%25%0Ad"
    assert _data("a,b:c%\r\n") == "a,b:c%25%0D%0A"


def test_a_fast_test_cannot_run_mkdocs_unnoticed(mini_project):
    """The guard in conftest.py: `make test-fast` must not build sites behind its back."""
    import pytest

    from generator.pipeline import build

    with pytest.raises(RuntimeError, match=r"mark it @pytest\.mark\.slow"):
        build(mini_project)
