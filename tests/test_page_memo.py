"""Record pages kept from the last build (page_memo.py) are the pages a fresh build renders, after any edit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import render
from generator.pipeline import Project, check, generate
from generator.fingerprint import fingerprint_of
from generator.trace import Answers, Notes, traced

from .conftest import edit_file, make_project


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the records whose pages are rendered from now on (the mini project renders in this process)."""
    seen: list[str] = []
    for kind, renderer in list(render.RECORD_RENDERERS.items()):

        def counting(site, record, renderer=renderer):
            seen.append(record.id)
            return renderer(site, record)

        monkeypatch.setitem(render.RECORD_RENDERERS, kind, counting)
    return seen


def _record_pages(project: Project) -> list[str]:
    site = check(project)
    return [record.id for record in site.all_records() if record.kind in render.RECORD_RENDERERS]


def _fresh_docs(project: Project, tmp_path: Path) -> dict[str, bytes]:
    """The docs tree that the same records give with no build folder at all."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh_project = make_project(fresh, project.sources)
    shutil.copy(project.config, fresh_project.config)
    generate(fresh_project)
    return _tree(fresh_project.docs)


def _add_case(sources: Path) -> None:
    text = (sources / "case-studies" / "platform-labels.yaml").read_text(encoding="utf-8")
    text = text.replace("title: How the platform changed its labels", "title: A second platform case").replace("organization: platform", "organization: studio")
    (sources / "case-studies" / "second-case.yaml").write_text(text, encoding="utf-8")


def _remove_case(sources: Path) -> None:
    (sources / "case-studies" / "second-case.yaml").unlink()


# Each edit changes what some other records' pages show (a name, a link, a list, the publication).
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("an organization's name", lambda s: edit_file(s / "organizations" / "studio.yaml", "name: Studio & Sons", "name: Studio & Daughters")),
    ("a case study's title", lambda s: edit_file(s / "case-studies" / "platform-labels.yaml", "title: ", "title: Renamed — ")),
    ("a case study's organization", lambda s: edit_file(s / "case-studies" / "platform-labels.yaml", "organization: platform", "organization: studio")),
    ("a case study's sources", lambda s: edit_file(s / "case-studies" / "platform-labels.yaml", "references: [ref-primary]", "references: [ref-primary, ref-secondary]")),
    ("a reference's citations", lambda s: edit_file(s / "references" / "ref-primary.yaml", "cites: [ref-secondary]", "cites: []")),
    ("a recommendation", lambda s: edit_file(s / "recommendations.yaml", "title: ", "title: Reworded, ")),
    ("a tag", lambda s: edit_file(s / "tags.yaml", "title: ", "title: Retitled ")),
    ("a new case study", _add_case),
    ("a case study removed", _remove_case),
]


def test_after_each_edit_the_kept_pages_are_those_a_fresh_build_renders(mini_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    rendered = _rendered(monkeypatch)
    generate(mini_project)
    everything = len(rendered)
    kept_some = False
    for name, edit in EDITS:
        edit(mini_project.sources)
        rendered.clear()
        generate(mini_project)
        assert rendered, f"after {name}, no page was rendered again"
        kept_some |= len(rendered) < everything
        assert _tree(mini_project.docs) == _fresh_docs(mini_project, tmp_path), f"after {name}"
    assert kept_some


def test_the_preview_keeps_pages_the_same_way(mini_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`smf serve` writes the edited record's page first and keeps its parsed files between saves."""
    cache: dict = {}
    generate(mini_project, cache=cache)
    edit_file(mini_project.sources / "organizations" / "studio.yaml", "name: Studio & Sons", "name: Studio & Daughters")
    rendered = _rendered(monkeypatch)
    generate(mini_project, cache=cache, edited={"sources/organizations/studio.yaml"})
    assert rendered[0] == "studio"  # first, on its own
    assert len(set(rendered)) < len(_record_pages(mini_project))  # the fixture is small and close-knit, but not every page names the studio
    assert _tree(mini_project.docs) == _fresh_docs(mini_project, tmp_path)


def test_a_change_of_publication_renders_every_page_that_shows_it(mini_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    generate(mini_project)
    edit_file(mini_project.config, "site_name: Synthetic Media Framework Research", "site_name: Another Name")
    generate(mini_project)
    assert _tree(mini_project.docs) == _fresh_docs(mini_project, tmp_path)


def test_a_new_version_of_the_records_renders_only_the_pages_that_show_it(mini_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A commit changes the version stamped on the downloads; record pages show the site's address, not the version."""
    monkeypatch.setenv("SMF_VERSION", "1111111")
    generate(mini_project)
    monkeypatch.setenv("SMF_VERSION", "2222222")
    rendered = _rendered(monkeypatch)
    generate(mini_project)
    assert rendered == []
    assert "2222222" in (mini_project.docs / "data" / "site.json").read_text(encoding="utf-8")
    assert _tree(mini_project.docs) == _fresh_docs(mini_project, tmp_path)


def test_nothing_changed_nothing_rendered(mini_project: Project, monkeypatch: pytest.MonkeyPatch):
    rendered = _rendered(monkeypatch)
    _, first = generate(mini_project)
    assert rendered and first.kept == 0
    pages = len(rendered)
    rendered.clear()
    _, second = generate(mini_project)
    assert rendered == []
    assert second.kept == pages and second.written == 0


def test_a_page_changed_in_the_docs_tree_is_rendered_again(mini_project: Project, monkeypatch: pytest.MonkeyPatch):
    generate(mini_project)
    page = mini_project.docs / "case-studies" / "platform-labels.md"
    written = page.read_bytes()
    page.write_bytes(b"# Not what the generator wrote\n")
    rendered = _rendered(monkeypatch)
    generate(mini_project)
    assert rendered == ["platform-labels"]
    assert page.read_bytes() == written


@pytest.mark.parametrize("damage", ["truncated", "other code", "missing"])
def test_notes_that_cannot_be_used_make_every_page_rendered(mini_project: Project, monkeypatch: pytest.MonkeyPatch, damage: str):
    generate(mini_project)
    notes = mini_project.page_notes
    if damage == "truncated":
        notes.write_bytes(notes.read_bytes()[:100])
    elif damage == "other code":
        monkeypatch.setattr("generator.page_memo.code_version", lambda: "another version")
    else:
        notes.unlink()
    rendered = _rendered(monkeypatch)
    generate(mini_project)
    assert sorted(rendered) == sorted(_record_pages(mini_project))


def test_a_question_about_a_record_that_is_gone_has_another_answer(mini_project: Project):
    site = check(mini_project)
    notes = Notes(Answers(site))
    case = site.case_studies["platform-labels"]
    render.RECORD_RENDERERS["organization"](traced(site, notes), case.organization)
    noted = [(question, answer, None) for question, answer in notes.asked.items()]
    assert Answers(site).same(noted)
    (mini_project.sources / "case-studies" / "platform-labels.yaml").unlink()
    later = check(mini_project)
    assert not Answers(later).same(noted)


def test_fingerprints_are_the_same_in_every_process(mini_project: Project):
    """Sets are fingerprinted in order (a set's own order follows string hashes, which differ per process)."""
    script = (
        "import sys; from pathlib import Path; from generator.pipeline import Project, check; from generator.fingerprint import fingerprint_of\n"
        "site = check(Project(Path(sys.argv[1])))\n"
        "print(fingerprint_of([set(site.case_studies), *site.all_records(), site.graph.edges], {}).hex())"
    )
    answers = {
        subprocess.run([sys.executable, "-c", script, str(mini_project.root)], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent).stdout for seed in ("1", "2", "3")
    }
    assert len(answers) == 1
    site = check(mini_project)
    assert fingerprint_of(site.case_studies["platform-labels"], {}) != fingerprint_of(site.case_studies["studio-face-swap"], {})
