"""What `smf serve` does on each save: the edited record's page goes out first, and unchanged files are not parsed again."""

from __future__ import annotations

import os

from generator.load import load_sources
from generator.pipeline import generate
from generator.publish import DocsTree

from .conftest import edit_file

CASE = "sources/case-studies/studio-face-swap.yaml"


def _record_flushes(monkeypatch) -> list[list[str]]:
    """The docs paths written by each flush of the docs tree, in order."""
    flushes = []
    original = DocsTree.flush

    def recording_flush(tree):
        flushes.append(sorted(os.path.relpath(target, tree.root) for target, *_ in tree._pending))
        original(tree)

    monkeypatch.setattr(DocsTree, "flush", recording_flush)
    return flushes


def test_the_edited_records_page_is_written_before_anything_else(mini_project, monkeypatch):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    flushes = _record_flushes(monkeypatch)
    _, stats = generate(mini_project, edited={CASE})
    assert flushes[0] == ["case-studies/studio-face-swap.md"]
    later = [path for batch in flushes[1:] for path in batch]
    assert "case-studies/index.md" in later and "case-studies/studio-face-swap.md" not in later
    assert stats.written == len(later) + 1
    assert "Edited" in (mini_project.docs / "case-studies" / "studio-face-swap.md").read_text(encoding="utf-8")


def test_an_edited_recommendation_puts_its_stakeholder_groups_page_first(mini_project, monkeypatch):
    generate(mini_project)
    edit_file(mini_project.sources / "recommendations.yaml", "title: Get consent", "title: Get informed consent")
    flushes = _record_flushes(monkeypatch)
    generate(mini_project, edited={"sources/recommendations.yaml"})
    # Every recommendation of the file is re-rendered first; only the page that changed is written.
    assert flushes[0] == ["recommendations/creators.md"]


def test_a_save_without_a_change_writes_nothing(mini_project, monkeypatch):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: ")
    flushes = _record_flushes(monkeypatch)
    _, stats = generate(mini_project, edited={CASE})
    assert stats.written == 0 and all(batch == [] for batch in flushes)


def test_the_load_cache_reparses_only_files_that_changed(mini_project):
    cache = {}
    _, problems = load_sources(mini_project.sources, cache=cache)
    assert not problems and CASE in cache
    again, _ = load_sources(mini_project.sources, cache=cache)
    unchanged = {s.path: s for sources in again.files.values() for s in sources}
    assert unchanged[CASE] is cache[CASE][1]

    edit_file(mini_project.root / CASE, "title: ", "title: Changed ")
    changed, _ = load_sources(mini_project.sources, cache=cache)
    reloaded = {s.path: s for sources in changed.files.values() for s in sources}
    assert reloaded[CASE] is not unchanged[CASE] and reloaded[CASE].data["title"].startswith("Changed ")
    other = next(path for path in reloaded if path != CASE and path.startswith("sources/case-studies/"))
    assert reloaded[other] is unchanged[other]
