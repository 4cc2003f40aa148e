"""Every relative link, checked against posixpath.relpath over every page/target pair of the fixture site."""

from __future__ import annotations

import posixpath

import pytest

from generator import urls
from generator.load import load_sources
from generator.render import render_site
from generator.resolve import build_site

from .conftest import MINI_SOURCES


@pytest.fixture(scope="module")
def mini():
    loaded, problems = load_sources(MINI_SOURCES)
    assert problems == []
    site = build_site(loaded)
    return site, sorted(render_site(site))


def test_relative_agrees_with_relpath_for_every_pair_of_files(mini) -> None:
    _, paths = mini
    assert len(paths) > 20 and any("/" in p for p in paths)
    for here in paths:
        for there in paths:
            expected = "" if here == there else posixpath.relpath(there, posixpath.dirname(here) or ".")
            assert urls.relative(here, there) == expected, (here, there)


def test_relative_url_agrees_with_relpath_for_every_page_and_record(mini) -> None:
    site, paths = mini
    pages = [p for p in paths if p.endswith(".md")] + ["index.md", "a/b/index.md"]
    for page in pages:
        here = page[: -len("index.md")] if page.endswith("index.md") else page[: -len(".md")] + "/"
        assert urls.site_path(page) == here
        for record in site.all_records():
            path, _, fragment = urls.url_of(record).partition("#")
            if path == here:
                expected = "" if fragment else "./"
            else:
                expected = posixpath.relpath(path or ".", here or ".") + "/"
            assert urls.relative_url(page, record) == expected + (f"#{fragment}" if fragment else ""), (page, record.id)


def test_url_between_folders_agrees_with_relpath() -> None:
    folders = ["", "graph/", "case-studies/", "case-studies/a/", "case-studies/b/", "references/a/", "x/y/z/"]
    for here in folders:
        for there in folders:
            expected = "./" if here == there else posixpath.relpath(there or ".", here or ".") + "/"
            assert urls.url_between(urls.SitePath(here), urls.SitePath(there)) == expected, (here, there)


def test_each_kind_of_record_has_its_address(mini) -> None:
    site, _ = mini
    case = site.case_studies["studio-face-swap"]
    recommendation = next(iter(site.recommendations.values()))
    assert urls.page_of(case) == "case-studies/studio-face-swap.md"
    assert urls.url_of(case) == "case-studies/studio-face-swap/"
    assert urls.page_of(site.framework) == "framework.md"
    assert urls.url_of(recommendation) == f"recommendations/{recommendation.stakeholder.id}/#{recommendation.id}"
    assert urls.link("case-studies/studio-face-swap.md", recommendation) == f"../recommendations/{recommendation.stakeholder.id}.md#{recommendation.id}"
