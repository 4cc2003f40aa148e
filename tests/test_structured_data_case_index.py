"""The case-study index: a complete static table without JavaScript, and the data the filter script reads.

The script's behaviour in a browser (filters, sorting, URL query) belongs to the browser tests; these
pin the page it works on.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pipeline import Project, check
from generator.render.pages.case_index import FILTERS

SCRIPT = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "case-index.js"


class IndexPage(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.titles: list[str] = []
        self.controls: dict[str, list[str]] = {}
        self.form_attrs: dict[str, str | None] = {}
        self.sort_keys: list[str] = []
        self._cell = 0
        self._select: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "data-smf-case-filters" in a:
            self.form_attrs = a
            self._in_form = True
        elif tag in ("select", "input") and a.get("name") and self._in_form:
            self._select = a["name"]
            self.controls[a["name"]] = []
        elif tag == "option" and self._select:
            self.controls[self._select].append(a.get("value") or "")
        elif tag == "th" and "data-sort-key" in a:
            self.sort_keys.append(a["data-sort-key"])
        elif tag == "tr" and "data-org" in a:
            self.rows.append(a)
            self._cell = 0
        elif tag == "td" and self.rows:
            self._cell += 1
        elif tag == "a" and self.rows and self._cell == 3:
            self.titles.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


@pytest.fixture(params=["mini_site", "real_site"])
def index(request):
    site_dir: Path = request.getfixturevalue(request.param)
    page = IndexPage()
    page.feed((site_dir / "case-studies" / "index.html").read_text(encoding="utf-8"))
    return page, check(Project(site_dir.parent))


def test_static_table_lists_every_case_study_newest_first(index):
    page, site = index
    assert [href.strip("/").split("/")[-1] for href in page.titles] == [c.id for c in site.case_studies_sorted()]
    dates = [c.published.sort_key for c in site.case_studies_sorted() if c.published]
    assert dates == sorted(dates, reverse=True)


def test_each_row_carries_its_facets_as_ids(index):
    page, site = index
    for row, case in zip(page.rows, site.case_studies_sorted(), strict=True):
        assert row["data-org"] == case.organization.id
        assert row["data-collection"] == case.collection.id
        assert row["data-role"] == (case.role or "unknown")
        assert row["data-year"] == (str(case.published.year) if case.published else "unknown")
        assert row["data-practice"].split() == [p.id for p in case.practices]
        assert row["data-tag"].split() == [t.id for t in case.tags]
        assert case.title.lower().split()[0] in row["data-q"] or not case.title.isascii()


def test_filter_form_is_hidden_without_script_and_offers_only_values_in_use(index):
    page, site = index
    assert "hidden" in page.form_attrs
    assert set(page.controls) == {name for name, _ in FILTERS}
    assert set(page.controls["org"]) - {""} == {c.organization.id for c in site.case_studies.values()}
    assert set(page.controls["tag"]) - {""} == {t.id for c in site.case_studies.values() for t in c.tags}
    assert set(page.controls["practice"]) - {""} == {p.id for c in site.case_studies.values() for p in c.practices}


def test_script_reads_the_same_query_parameters_and_sort_keys_the_page_offers(index):
    page, _ = index
    script = SCRIPT.read_text(encoding="utf-8")
    facets = re.search(r"var FACETS = \[([^\]]*)\]", script).group(1)
    assert sorted(re.findall(r'"([a-z]+)"', facets)) == sorted(name for name, _ in FILTERS if name != "q")
    assert 'params.get("q")' in script
    assert page.sort_keys == ["date", "organization", "title", "collection", "role", "status"]
