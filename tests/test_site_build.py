"""End to end: the real records build strictly, every internal link and anchor resolves, nothing loads from elsewhere."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import build

from .conftest import MINI_SOURCES, edit_file, make_project
from .site_links import check_site

pytestmark = pytest.mark.slow


def test_real_site_has_a_home_page_and_every_page_type(real_site: Path):
    for page in ("index.html", "framework/index.html", "recommendations/index.html", "recommendations/builders/index.html", "case-studies/index.html", "organizations/index.html", "references/index.html"):
        assert (real_site / page).is_file(), page
    assert len(list((real_site / "case-studies").glob("*/index.html"))) >= 5


def test_every_internal_link_and_anchor_resolves(real_site: Path):
    report = check_site(real_site)
    assert report.pages > 20 and report.links_checked > 200
    assert report.broken == []


def test_nothing_is_loaded_from_another_host(real_site: Path):
    report = check_site(real_site)
    assert report.third_party_loads == []
    for page in real_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "unpkg.com" not in text, page


def test_the_footer_names_no_tool(real_site: Path):
    for page in ("index.html", "case-studies/index.html", "case-studies/bbc-face-swapping/index.html"):
        text = (real_site / page).read_text(encoding="utf-8")
        assert "CC BY 4.0" in text
        assert "Made with" not in text.split('class="md-footer-meta', 1)[1] and "squidfunk" not in text


def test_mini_site_links_resolve_including_the_alias_redirect(mini_site: Path):
    report = check_site(mini_site)
    assert report.broken == []
    redirect = (mini_site / "case-studies" / "studio-old-name" / "index.html").read_text(encoding="utf-8")
    assert 'location.replace("../studio-face-swap/" + location.search + location.hash)' in redirect


def test_search_index_finds_case_studies_by_organization_name(mini_site: Path):
    index = json.loads((mini_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    case_docs = [d for d in index["docs"] if d["location"].startswith("case-studies/studio-face-swap/")]
    assert any("Studio &amp; Sons" in d["text"] or "Studio & Sons" in d["text"] for d in case_docs)


def test_html_in_record_text_is_shown_as_text(mini_site: Path):
    page = (mini_site / "case-studies" / "studio-face-swap" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_failing_build_leaves_the_previous_site_untouched(tmp_path: Path, mini_site: Path):
    project = make_project(tmp_path / "p", mini_site.parent / "sources")
    build(project)
    before = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    broken = project.sources / "case-studies" / "platform-labels.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("organization: platform", "organization: nobody"), encoding="utf-8")
    assert main(["--root", str(project.root), "build"]) == 1
    after = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before


def test_a_dead_link_from_mkdocs_fails_the_build_and_keeps_the_site(tmp_path: Path, mini_site: Path):
    project = make_project(tmp_path / "p", mini_site.parent / "sources")
    build(project)
    before = sorted(p.relative_to(project.site) for p in project.site.rglob("*"))
    (project.content / "about.md").write_text("# About\n\n[dead](nowhere.md)\n", encoding="utf-8")
    assert main(["--root", str(project.root), "build"]) == 1
    assert sorted(p.relative_to(project.site) for p in project.site.rglob("*")) == before


def test_rebuilding_unchanged_records_rewrites_no_file(tmp_path: Path):
    project = make_project(tmp_path / "p", Path(__file__).parent / "fixtures" / "mini" / "sources")
    from generator.pipeline import generate

    _, first = generate(project)
    _, second = generate(project)
    assert first.written > 0 and second.written == 0 and second.deleted == 0


def test_a_build_into_the_site_before_last_gives_the_site_a_build_from_nothing_gives(tmp_path: Path):
    """smf build keeps the site before last and builds into it, keeping its folders (publish.take_spare,
    engine/site_folders.py): nothing of what was there stays, and no folder is left empty."""
    from .test_engine_build import same_tree

    project = make_project(tmp_path / "p", MINI_SOURCES)
    build(project)
    build(project)
    spare = project.spare_site
    assert (spare / "index.html").is_file()  # the first site, now the spare
    (spare / "case-studies" / "gone").mkdir()
    (spare / "case-studies" / "gone" / "index.html").write_text("a page of a record since removed")
    (spare / "404.html").unlink()
    (spare / "404.html").mkdir()  # where the build writes a file
    (spare / ".git").mkdir()
    folder = (spare / "case-studies" / "platform-labels").stat().st_ino
    about = (spare / "about" / "index.html").stat()  # a page no edit below touches
    in_place = (about.st_ino, about.st_ctime_ns)  # linking the file again would change its change time
    replaced = spare / "methodology" / "index.html"  # another, replaced by hand since
    replaced.with_name("new").write_text("not what the build makes", encoding="utf-8")
    os.replace(replaced.with_name("new"), replaced)
    edit_file(project.sources / "case-studies" / "platform-labels.yaml", "How the platform changed its labels", "How the platform relabelled")
    build(project)
    fresh = make_project(tmp_path / "fresh", project.sources)
    build(fresh)
    assert same_tree(fresh.site, project.site) == []
    assert not [p for p in project.site.rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert "How the platform relabelled" in (project.site / "case-studies" / "platform-labels" / "index.html").read_text(encoding="utf-8")
    assert (project.site / "case-studies" / "platform-labels").stat().st_ino == folder  # the same folder, not a new one
    about = (project.site / "about" / "index.html").stat()
    assert (about.st_ino, about.st_ctime_ns) == in_place  # the same file, left in place, not removed and linked again
