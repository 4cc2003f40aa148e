"""The `smf` command as editors use it: check, new, and the exit codes."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest
import yaml

from generator.cli import main
from generator.placeholders import PLACEHOLDERS

from .conftest import ROOT, edit_file


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
    assert "sources/case-studies/new-case.yaml:13:1: error: organization: expected the id of an organization" in errors
    assert "sources/case-studies/new-case.yaml:11:1: error: title: expected the record's own text in place of the template's placeholder, found 'Title as published'" in errors
    assert "Traceback" not in errors


@pytest.mark.parametrize("kind, folder", [("case-study", "case-studies"), ("organization", "organizations"), ("reference", "references")])
def test_new_record_is_dated_today_and_fails_check_on_each_placeholder_left_in(mini_project, capsys, kind: str, folder: str):
    assert main(["--root", str(mini_project.root), "new", kind, "new-record"]) == 0
    written = mini_project.sources / folder / "new-record.yaml"
    text = written.read_text(encoding="utf-8")
    assert f'updated: "{datetime.date.today().isoformat()}"' in text
    assert "{" + "today}" not in text
    # Every line of the template that is not a comment and holds a listed placeholder is reported, by line.
    placeholder_lines = [number for number, line in enumerate(text.splitlines(), 1) if not line.lstrip().startswith("#") and any(p in line for p in PLACEHOLDERS)]
    assert len(placeholder_lines) >= 2
    capsys.readouterr()
    assert main(["--root", str(mini_project.root), "check"]) == 1
    errors = capsys.readouterr().err
    for number in placeholder_lines:
        assert re.search(rf"^sources/{folder}/new-record\.yaml:{number}:\d+: error: [\w.\[\]]+: expected the record's own text in place of the template's placeholder", errors, re.M), (number, errors)


def test_every_placeholder_value_of_the_templates_is_listed(mini_project):
    """A string value the templates write (not a comment, not an id left for the check to reject) must be a listed placeholder or a real default."""
    defaults = {"partial", "other", "webpage", "secondary"}
    for template in (ROOT / "generator" / "templates").glob("*.yaml"):
        data = yaml.safe_load(template.read_text(encoding="utf-8").replace("{", "").replace("}", ""))
        for key, value in data.items():
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, str) and key not in ("organization", "collection", "references", "updated") and item not in defaults:
                    assert any(p in item for p in PLACEHOLDERS), (template.name, key, item)


def test_a_placeholder_left_in_a_real_record_fails_check_with_its_line(mini_project, capsys):
    record = mini_project.sources / "case-studies" / "studio-face-swap.yaml"
    lines = record.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("title:"))
    lines[number - 1] = 'title: "Title as published"'
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--root", str(mini_project.root), "check"]) == 1
    assert f"sources/case-studies/studio-face-swap.yaml:{number}:1: error: title: expected the record's own text in place of the template's placeholder, found 'Title as published'" in capsys.readouterr().err


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


def test_the_smf_command_ends_with_main_s_status_and_all_of_its_output(mini_project):
    # run() ends the process without Python's teardown: what main() printed must still arrive, through a pipe.
    command = [sys.executable, "-c", "import sys; from generator.cli import run; sys.argv[0] = 'smf'; run()", "--root", str(mini_project.root)]
    valid = subprocess.run([*command, "check"], capture_output=True, text=True)
    assert (valid.returncode, valid.stdout.startswith("ok: "), valid.stderr) == (0, True, "")
    edit_file(mini_project.sources / "tags.yaml", "id: ", "id: Not An Id ")
    broken = subprocess.run([*command, "check"], capture_output=True, text=True)
    assert broken.returncode == 1 and "problem" in broken.stderr and broken.stdout == ""
