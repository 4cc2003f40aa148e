"""Data rules beyond the schemas (generator/rules.py): `smf check` reports each at the field that breaks it."""

from __future__ import annotations

from generator.cli import main

from .conftest import edit_file


def check_errors(project, capsys) -> list[str]:
    assert main(["--root", str(project.root), "check"]) == 1
    return [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]


def line_of(path, start: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def test_a_confirmed_record_resting_only_on_weak_sources_is_reported_at_its_references(mini_project, capsys):
    org = mini_project.sources / "organizations" / "platform.yaml"
    edit_file(org, "status: partial", "status: confirmed")
    edit_file(org, "references: [ref-secondary]", "references: [ref-weak]")
    errors = check_errors(mini_project, capsys)
    assert errors == [
        f"sources/organizations/platform.yaml:{line_of(org, 'references:')}:1: error: references: expected a confirmed record to rest on at least one "
        "primary or secondary source, found only weak sources ('ref-weak'); add a stronger source or set status: partial"
    ]


def test_a_weak_source_beside_a_stronger_one_is_fine(mini_project, capsys):
    org = mini_project.sources / "organizations" / "platform.yaml"
    edit_file(org, "status: partial", "status: confirmed")
    edit_file(org, "references: [ref-secondary]", "references: [ref-weak, {ref: ref-secondary, note: Joined.}]")
    assert main(["--root", str(mini_project.root), "check"]) == 0


def test_a_record_that_is_not_confirmed_must_say_what_is_missing(mini_project, capsys):
    stakeholders = mini_project.sources / "stakeholders.yaml"
    edit_file(stakeholders, "{id: creators, status: confirmed,", "{id: creators, status: partial,")
    errors = check_errors(mini_project, capsys)
    assert len(errors) == 1
    assert errors[0].startswith(f"sources/stakeholders.yaml:{line_of(stakeholders, '  - {id: creators')}:")
    assert "error: stakeholders[1].status: expected `missing:` to list what is not known when the status is 'partial'" in errors[0]


def test_a_case_study_without_missing_is_reported_once_by_its_schema(mini_project, capsys):
    case = mini_project.sources / "case-studies" / "unknown-case.yaml"
    text = case.read_text(encoding="utf-8")
    assert "missing:" in text and "status: confirmed" not in text
    case.write_text("\n".join(line for line in text.splitlines() if not line.startswith(("missing:", "  - "))) + "\n", encoding="utf-8")
    errors = [e for e in check_errors(mini_project, capsys) if "missing" in e]
    assert len(errors) == 1, errors


def test_a_conflict_citing_one_source_twice_is_reported_at_its_references(mini_project, capsys):
    framework = mini_project.sources / "framework.yaml"
    edit_file(framework, "references: [ref-primary, ref-weak]", "references: [ref-weak, {ref: ref-weak, note: Again.}]")
    errors = check_errors(mini_project, capsys)
    assert errors == [f"sources/framework.yaml:{line_of(framework, '    references: [ref-weak')}:5: error: conflicts[0].references: expected a conflict to cite at least two different sources (one for each side), found 'ref-weak' 2 times"]
