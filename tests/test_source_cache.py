"""`smf build` keeps the record files it parsed in build/cache: the next build parses only the files
that changed, and gets the same site as one that parses everything."""

from __future__ import annotations

import os

import pytest

from generator import load, markup_check, source_cache, validate
from generator.diagnostics import RecordError
from generator.pipeline import ForNextBuild, generate
from generator.source_cache import forget_sources, kept_sources, shard_file

from .conftest import edit_file

CASE = "sources/case-studies/studio-face-swap.yaml"


def _calls(monkeypatch, module, name: str, which) -> list[str]:
    """Replace module.name with a spy; the list fills with which(*arguments) of each call."""
    calls = []
    original = getattr(module, name)

    def counting(*arguments):
        calls.append(which(*arguments))
        return original(*arguments)

    monkeypatch.setattr(module, name, counting)
    return calls


def _parsed(monkeypatch) -> list[str]:
    return _calls(monkeypatch, load, "load_file", lambda path, display, project: display)


def _checked(monkeypatch) -> list[str]:
    """The files validation checked on their own (their schema first), not taken from what it kept."""
    return _calls(monkeypatch, validate, "schema_diagnostics", lambda kind, source: source.path)


def _pages(project) -> dict[str, str]:
    return {path.relative_to(project.docs).as_posix(): path.read_text(encoding="utf-8") for path in sorted(project.docs.rglob("*")) if path.is_file()}


def test_only_an_edited_file_is_parsed_and_checked_again(mini_project, monkeypatch):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    parsed, checked = _parsed(monkeypatch), _checked(monkeypatch)
    generate(mini_project)
    assert parsed == [CASE]
    assert checked == [CASE]
    assert "Edited" in (mini_project.docs / "case-studies" / "studio-face-swap.md").read_text(encoding="utf-8")


def test_the_site_is_the_same_as_from_a_full_parse(mini_project):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    generate(mini_project)
    kept = _pages(mini_project)
    forget_sources(mini_project.cache)
    generate(mini_project)
    assert _pages(mini_project) == kept


def test_a_damaged_part_of_the_cache_means_parsing_the_files_it_held(mini_project, monkeypatch):
    generate(mini_project)
    damaged = shard_file(mini_project.cache, CASE)
    damaged.write_bytes(b"\x80\x05 not a whole pickle")
    parsed = _parsed(monkeypatch)
    generate(mini_project)
    assert set(parsed) == {display for display in kept_sources(mini_project.cache, mini_project.root) if shard_file(mini_project.cache, display) == damaged}
    assert CASE in parsed


def test_an_edit_writes_only_the_part_of_the_cache_that_holds_the_file(mini_project):
    generate(mini_project)
    parts = sorted(mini_project.cache.glob("sources-*.pickle"))
    assert len(parts) > 3
    before = {part: part.stat().st_ino for part in parts}
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    generate(mini_project)
    assert [part for part in parts if part.stat().st_ino != before[part]] == [shard_file(mini_project.cache, CASE)]
    assert kept_sources(mini_project.cache, mini_project.root)[CASE][1].data["title"].startswith("Edited ")


def test_the_old_single_file_cache_is_removed_once_the_parts_are_written(mini_project):
    """A build/cache from before the parts holds every parsed file in one (80 MB at 10,000 case studies)."""
    mini_project.cache.mkdir(parents=True, exist_ok=True)
    legacy = mini_project.cache / source_cache.LEGACY_FILE
    legacy.write_bytes(b"old")
    generate(mini_project)
    assert not legacy.exists() and kept_sources(mini_project.cache, mini_project.root)


def test_a_deleted_file_leaves_the_cache(mini_project):
    """Even when the build then fails (other records still name the deleted one)."""
    generate(mini_project)
    assert CASE in kept_sources(mini_project.cache, mini_project.root)
    (mini_project.root / CASE).unlink()
    with pytest.raises(RecordError, match="studio-face-swap"):
        generate(mini_project)
    assert CASE not in kept_sources(mini_project.cache, mini_project.root)


def test_an_edit_of_the_same_size_with_its_time_set_back_is_parsed_again(mini_project, monkeypatch):
    """As a copying tool that keeps times would leave it: same size, same modification time."""
    generate(mini_project)
    path = mini_project.root / CASE
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: How the", "title: Why the", 1), encoding="utf-8")
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    parsed = _parsed(monkeypatch)
    generate(mini_project)
    assert parsed == [CASE]
    assert "Why the studio" in (mini_project.docs / "case-studies" / "studio-face-swap.md").read_text(encoding="utf-8")


# What validation found in each file is kept with it: a rebuild checks again only the files that
# changed, and finds what a full check finds.

OTHER = "sources/case-studies/platform-labels.yaml"


def _problems(project) -> list[str]:
    with pytest.raises(RecordError) as failure:
        generate(project)
    return [str(d) for d in failure.value.diagnostics]


def test_a_problem_in_an_unchanged_file_is_reported_on_every_build(mini_project):
    """Placeholder, Markdown and date problems, found once, are reported while the file stays as it is."""
    edit_file(mini_project.root / CASE, "title: How the studio", "title: Title as published by the studio")
    edit_file(mini_project.root / CASE, "lessons:\n", "lessons:\n  - '[x](javascript:alert(1))'\n")
    edit_file(mini_project.root / CASE, 'published: "2024-03"', 'published: "2024-02-30"')
    first = _problems(mini_project)
    assert {d.split(": ")[0].rsplit(":", 2)[0] for d in first} == {CASE} and len(first) == 3
    edit_file(mini_project.root / OTHER, "title: ", "title: Edited ")
    assert _problems(mini_project) == first
    forget_sources(mini_project.cache)
    assert _problems(mini_project) == first


def test_a_check_across_records_sees_an_unchanged_file(mini_project, monkeypatch):
    """A relative link in a record that did not change is checked against the pages there are now."""
    edit_file(mini_project.root / CASE, "lessons:\n", "lessons:\n  - See [how sources are graded](../methodology.md).\n")
    generate(mini_project)
    (mini_project.root / "content" / "methodology.md").rename(mini_project.root / "content" / "method.md")
    checked = _checked(monkeypatch)
    problems = _problems(mini_project)
    assert checked == []
    assert any(CASE in p and "lessons[0]" in p and "'methodology.md', a page that does not exist" in p for p in problems), problems


def test_other_markdown_settings_check_every_file_again(mini_project, monkeypatch):
    generate(mini_project)
    config = mini_project.root / "mkdocs.yml"
    edit_file(config, "  - admonition\n", "")
    checked = _checked(monkeypatch)
    generate(mini_project)
    assert CASE in checked and len(checked) > 5
    checked.clear()
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    generate(mini_project)
    assert checked == [CASE]


# What checking each hand-written page found is kept too: an unchanged page is not converted again.


def _content_checked(monkeypatch) -> list[str]:
    return _calls(monkeypatch, markup_check, "_content_findings", lambda path, data, markup: path)


def test_a_hand_written_page_is_checked_again_only_when_it_changes(mini_project, monkeypatch):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    checked = _content_checked(monkeypatch)
    generate(mini_project)
    assert checked == []
    edit_file(mini_project.root / "content" / "about.md", "Page addresses are stable", "Page addresses stay stable")
    generate(mini_project)
    assert checked == ["about.md"]


def test_a_problem_in_an_unchanged_hand_written_page_is_reported_on_every_build(mini_project):
    page = mini_project.root / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    first = _problems(mini_project)
    assert any("content/about.md" in p and "<script> element" in p for p in first), first
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    assert _problems(mini_project) == first


def test_a_link_in_an_unchanged_hand_written_page_is_checked_against_the_pages_there_are(mini_project):
    page = mini_project.root / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [a case](case-studies/platform-labels.md).\n", encoding="utf-8")
    generate(mini_project)
    (mini_project.root / "sources" / "case-studies" / "platform-labels.yaml").unlink()
    problems = _problems(mini_project)
    assert any("content/about.md" in p and "'case-studies/platform-labels.md', a page that does not exist" in p for p in problems), problems


def test_the_preview_keeps_what_checking_the_hand_written_pages_found_in_memory(mini_project, monkeypatch):
    """`smf serve` passes its own cache and checks: each save converts only a changed page."""
    cache, content_checks = {}, {}
    generate(mini_project, cache=cache, content_checks=content_checks)
    assert any(key.startswith("about.md\0") for key in content_checks)
    checked = _content_checked(monkeypatch)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    generate(mini_project, cache=cache, content_checks=content_checks)
    assert checked == []
    page = mini_project.root / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RecordError, match="<script> element"):
            generate(mini_project, cache=cache, content_checks=content_checks)
    assert checked == ["about.md"]


# `smf build` saves what it keeps for the next build while MkDocs builds (pipeline.ForNextBuild).


def test_what_is_kept_for_the_next_build_is_saved_when_asked_and_then_used(mini_project, monkeypatch):
    generate(mini_project)
    edit_file(mini_project.root / CASE, "title: ", "title: Edited ")
    before = {path.name: path.stat().st_mtime_ns for path in mini_project.cache.iterdir() if path.is_file()}
    later = ForNextBuild()
    generate(mini_project, for_next_build=later)
    assert {path.name: path.stat().st_mtime_ns for path in mini_project.cache.iterdir() if path.is_file()} == before
    later.save()
    assert shard_file(mini_project.cache, CASE).stat().st_mtime_ns != before[shard_file(mini_project.cache, CASE).name]
    parsed = _parsed(monkeypatch)
    generate(mini_project)
    assert parsed == []


def test_a_build_stopped_by_a_problem_keeps_what_it_parsed(mini_project, monkeypatch):
    forget_sources(mini_project.cache)
    edit_file(mini_project.root / CASE, 'published: "2024-03"', 'published: "2024-02-30"')
    with pytest.raises(RecordError):
        generate(mini_project, for_next_build=ForNextBuild())
    edit_file(mini_project.root / CASE, 'published: "2024-02-30"', 'published: "2024-03"')
    parsed = _parsed(monkeypatch)
    generate(mini_project)
    assert parsed == [CASE]
