"""Questions a build does not ask again because their answers say what they are made from (trace.py,
page_memo.py): after each kind of edit, on a synthetic site with hubs, every question left unasked
would have had the answer noted, and the kept pages are those a fresh build renders."""

from __future__ import annotations

import marshal
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.synth import make_project as make_synthetic
from generator.page_memo import PageMemo
from generator.pipeline import Project, check, generate

from .conftest import ROOT
from .test_page_memo import _tree

pytestmark = pytest.mark.slow


def _case(sources: Path, number: int) -> Path:
    return sorted((sources / "case-studies").glob("*.yaml"))[number]


def _replace_line(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M), encoding="utf-8")


def _first_value(path: Path, field: str) -> str:
    found = re.search(rf"^{field}: (.*)$", path.read_text(encoding="utf-8"), flags=re.M)
    assert found, f"no {field} in {path}"
    return found.group(1)


def _new_case(sources: Path) -> None:
    model = _case(sources, 5)
    (sources / "case-studies" / "case-99999-added.yaml").write_text(model.read_text(encoding="utf-8").replace("title: ", "title: Added, ", 1), encoding="utf-8")


def _drop_a_source(sources: Path) -> None:
    """The case study's last shared source goes (its own page, its first source, stays)."""
    case = _case(sources, 7)
    lines = case.read_text(encoding="utf-8").split("\n")
    last = max(number for number, line in enumerate(lines) if line.startswith("- source-"))
    case.write_text("\n".join(lines[:last] + lines[last + 1 :]), encoding="utf-8")


# Each changes what other records' pages show: a drawn title, a link (so the neighbourhoods and
# counts around it), a name on a hub, a new record and a record gone.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a case study's title", lambda s: _replace_line(_case(s, 3), "title", "Retitled case study")),
    ("a case study's organization", lambda s: _replace_line(_case(s, 4), "organization", _first_value(_case(s, 11), "organization"))),
    ("a case study's sources", _drop_a_source),
    ("an organization's name", lambda s: _replace_line(sorted((s / "organizations").glob("*.yaml"))[2], "name", "Renamed Organization")),
    ("a new case study", _new_case),
    ("that case study removed", lambda s: (s / "case-studies" / "case-99999-added.yaml").unlink()),
]


def _unasked_questions_have_their_noted_answers(project: Project) -> int:
    """Against the last build's notes: each question whose answer's records are unchanged has the answer noted."""
    site = check(project)
    memo = PageMemo(project.page_notes, project.docs, site)
    unasked = 0
    for _, _, asked, _ in memo._last.values():
        for question, answer, reads in marshal.loads(asked):
            if reads is not None and memo.answers.made_from_the_same(reads):
                unasked += 1
                assert memo.answers.of(question) == answer, question
    return unasked


def test_after_each_edit_unasked_questions_have_the_answers_noted_and_kept_pages_are_fresh(tmp_path: Path):
    root = tmp_path / "project"
    make_synthetic(ROOT, root, cases=60, seed=11)
    project = Project(root)
    generate(project)
    unasked = []
    for name, edit in EDITS:
        edit(project.sources)
        unasked.append(_unasked_questions_have_their_noted_answers(project))
        generate(project)
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        make_synthetic(ROOT, fresh, cases=0)
        shutil.rmtree(fresh / "sources")
        shutil.copytree(project.sources, fresh / "sources")
        generate(Project(fresh))
        assert _tree(project.docs) == _tree(fresh / "build" / "docs"), f"after {name}"
    assert all(count > 100 for count in unasked), unasked  # most questions were left unasked
