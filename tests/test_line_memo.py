"""The lines of the downloads and the case-study table kept from one build to the next (line_memo.py):
a rebuild makes again only the lines whose record, or what the line shows of other records, changed,
and writes the same files as a build that makes every line."""

from __future__ import annotations

import shutil

import pytest

from generator import line_memo
from generator.pipeline import Project, generate
from generator.render import render_site
from generator.pipeline import check

from .conftest import edit_file

CASE = "sources/case-studies/studio-face-swap.yaml"
KEPT = ("data/site.json", "data/graph.json", "data/graph.graphml", "data/case-studies.csv", "data/references.bib", "data/references.csl.json", "case-studies/index.md")


def _files(project: Project) -> dict[str, bytes]:
    return {name: (project.docs / name).read_bytes() for name in KEPT}


def _made(monkeypatch) -> list[str]:
    """The keys of the lines made (not taken from the last build), as they are made."""
    made: list[str] = []
    line = line_memo.Lines.line

    def spy(self, key, made_from, make):
        return line(self, key, made_from, lambda: (made.append(key), make())[1])

    monkeypatch.setattr(line_memo.Lines, "line", spy)
    return made


def _fresh(project: Project, tmp_path) -> dict[str, bytes]:
    """The same files from a copy of the project that has no build/ yet."""
    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("build", "site"))
    fresh = Project(copy)
    generate(fresh)
    return _files(fresh)


def test_an_edit_makes_again_only_the_lines_it_changes(mini_project, monkeypatch, tmp_path):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    made = _made(monkeypatch)
    generate(mini_project)
    assert "studio-face-swap" in made
    # The case study's own lines, and its edges' in the graph files (by the record's id, after a NUL).
    assert {key.split("\0")[-2] if key.endswith("\0edges") else key.split("\0")[-1] for key in made} <= {"studio-face-swap"} | _citing(mini_project)
    assert _files(mini_project) == _fresh(mini_project, tmp_path)


def _citing(project: Project) -> set[str]:
    """The records whose lines show the edited case study: the references about it (their fingerprints hold it whole)."""
    site = check(project)
    case = site.case_studies["studio-face-swap"]
    return {r.id for r in site.references.values() if case in getattr(r, "about", ()) or case in getattr(r, "cites", ())}


def _add_case(root) -> None:
    """A new case study, like the edited one (by the same organization, citing the same sources)."""
    text = (root / CASE).read_text(encoding="utf-8").replace("title: ", "title: Added ", 1).replace("aliases: [studio-old-name]\n", "")
    (root / "sources" / "case-studies" / "added.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "edit",
    [
        lambda root: edit_file(root / "sources" / "organizations" / "studio.yaml", "name: ", "name: Renamed "),  # shown in its case studies' rows
        lambda root: edit_file(root / CASE, "organization: studio", "organization: platform"),
        _add_case,
    ],
)
def test_after_an_edit_the_files_are_those_a_build_from_nothing_writes(mini_project, tmp_path, edit):
    generate(mini_project)
    edit(mini_project.root)
    generate(mini_project)
    assert _files(mini_project) == _fresh(mini_project, tmp_path)


def test_after_a_record_goes_the_files_are_those_a_build_from_nothing_writes(mini_project, tmp_path):
    generate(mini_project)
    _add_case(mini_project.root)
    generate(mini_project)
    (mini_project.root / "sources" / "case-studies" / "added.yaml").unlink()
    generate(mini_project)
    assert _files(mini_project) == _fresh(mini_project, tmp_path)


def test_another_publication_makes_every_line_again(mini_project, monkeypatch):
    generate(mini_project)
    monkeypatch.setenv("SMF_VERSION", "another-version")  # every line of the downloads names the release
    made = _made(monkeypatch)
    generate(mini_project)
    assert len(made) > 20
    assert b"another-version" in (mini_project.docs / "data" / "case-studies.csv").read_bytes()


def test_damaged_lines_are_made_again(mini_project, monkeypatch, tmp_path):
    generate(mini_project)
    for kept in mini_project.lines.iterdir():
        kept.write_bytes(b"not marshal")
    made = _made(monkeypatch)
    generate(mini_project)
    assert len(made) > 20
    assert _files(mini_project) == _fresh(mini_project, tmp_path)


def test_without_a_store_every_line_is_made_and_the_files_are_the_same(mini_project):
    generate(mini_project)
    generate(mini_project)  # every line taken from the last build
    pages = render_site(check(mini_project))
    assert {name: pages[name].encode("utf-8") for name in KEPT} == _files(mini_project)
