"""The case-study index: filters narrow the table, the URL keeps the filter, and all of it works from the keyboard."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs, urlparse

import pytest

from generator.model import Site

from .conftest import Served, expect, is_same_document, mark_document, tab_to, wait_for_material

pytestmark = pytest.mark.browser

INDEX = ".smf-case-index"
ROWS = f"{INDEX} table tbody tr"


def _open_index(page, server: Served, query: str = "") -> None:
    page.goto(server.url("case-studies/" + query))
    wait_for_material(page)
    expect(page.locator(f"{INDEX} form[data-smf-case-filters]")).to_be_visible()  # case-index.js has run


def _visible_rows(page) -> list[str]:
    """The case-study links of the rows on show, in order."""
    return page.locator(f"{ROWS}:visible").evaluate_all("rows => rows.map(row => row.querySelector('a[href]:not([href*=\"organizations/\"]):not([href*=\"collections/\"])').getAttribute('href'))")


def _documented(site: Site) -> list:
    """The cases in the table: those known but not yet documented are listed apart, below it."""
    return [case for case in site.case_studies.values() if case.documented]


def _busiest_organization(site: Site) -> str:
    """An organization with at least one case study, but not all of them, so filtering visibly narrows the table."""
    counts = Counter(case.organization.id for case in _documented(site))
    return max(sorted(counts), key=lambda org: (counts[org] < len(_documented(site)), counts[org]))


def test_choosing_an_organization_shows_only_its_case_studies_and_names_it_in_the_url(page, real_server: Served, real_model: Site) -> None:
    org = _busiest_organization(real_model)
    expected = sum(1 for case in _documented(real_model) if case.organization.id == org)
    _open_index(page, real_server)
    assert len(_visible_rows(page)) == len(_documented(real_model))
    page.select_option(f"{INDEX} select[name=org]", org)
    expect(page.locator(f"{ROWS}:visible")).to_have_count(expected)
    for row in page.locator(f"{ROWS}:visible").all():
        assert org in row.get_attribute("data-org").split()
    assert parse_qs(urlparse(page.url).query).get("org") == [org]
    expect(page.locator(f"{INDEX} [data-smf-case-count]")).to_have_text(re.compile(rf"\b{expected}\b"))


def test_a_filtered_url_opened_fresh_shows_the_same_rows(page, context, real_server: Served, real_model: Site) -> None:
    org = _busiest_organization(real_model)
    _open_index(page, real_server)
    page.select_option(f"{INDEX} select[name=org]", org)
    page.locator(f"{INDEX} input[name=q]").fill("the")
    page.locator(f"{INDEX} th[data-sort-key=title] button").click()
    expect(page).to_have_url(re.compile(r"[?&]sort=title"))
    filtered_url, rows = page.url, _visible_rows(page)

    fresh = context.new_page()
    fresh.goto(filtered_url)
    wait_for_material(fresh)
    expect(fresh.locator(f"{INDEX} select[name=org]")).to_have_value(org)
    expect(fresh.locator(f"{INDEX} input[name=q]")).to_have_value("the")
    expect(fresh.locator(f"{INDEX} th[data-sort-key=title]")).to_have_attribute("aria-sort", "ascending")
    assert _visible_rows(fresh) == rows
    fresh.close()


def test_text_filter_matches_words_from_titles(page, real_server: Served, real_model: Site) -> None:
    case = sorted(_documented(real_model), key=lambda c: c.id)[0]
    word = max(re.findall(r"[A-Za-z]{4,}", case.title), key=len)
    _open_index(page, real_server)
    page.locator(f"{INDEX} input[name=q]").fill(word.upper())
    expect(page.locator(f"{ROWS}:visible")).not_to_have_count(0)
    for text in page.locator(f"{ROWS}:visible").evaluate_all("rows => rows.map(row => row.getAttribute('data-q'))"):
        assert word.lower() in text
    assert parse_qs(urlparse(page.url).query).get("q") == [word.upper()]


def test_index_filters_work_after_instant_navigation(page, real_server: Served) -> None:
    page.goto(real_server.url("coverage/"))
    wait_for_material(page)
    mark_document(page)
    page.locator('a:is(.md-nav__link, .md-tabs__link)[href$="case-studies/"]:visible').first.click()
    expect(page).to_have_url(re.compile(r"/case-studies/$"))
    assert is_same_document(page), "expected Material's instant navigation, not a full page load"
    expect(page.locator(f"{INDEX} form[data-smf-case-filters]")).to_be_visible()
    total = page.locator(f"{ROWS}:visible").count()
    page.select_option(f"{INDEX} select[name=role]", index=1)
    expect(page.locator(f"{ROWS}:visible")).not_to_have_count(total)


def test_index_filters_and_sorting_work_with_the_keyboard_alone(page, real_server: Served, real_model: Site) -> None:
    _open_index(page, real_server)
    total = len(_documented(real_model))
    tab_to(page, f"{INDEX} input[name=q]")
    page.keyboard.type("zzzz-no-such-case")
    expect(page.locator(f"{ROWS}:visible")).to_have_count(0)
    for _ in range(len("zzzz-no-such-case")):
        page.keyboard.press("Backspace")
    expect(page.locator(f"{ROWS}:visible")).to_have_count(total)

    tab_to(page, f"{INDEX} select[name=org]")
    page.keyboard.press("ArrowDown")  # the first organization
    expect(page.locator(f"{INDEX} select[name=org]")).not_to_have_value("")
    expect(page.locator(f"{ROWS}:visible")).not_to_have_count(total)

    tab_to(page, f"{INDEX} button[type=reset]")
    page.keyboard.press("Enter")
    expect(page.locator(f"{INDEX} select[name=org]")).to_have_value("")
    expect(page.locator(f"{ROWS}:visible")).to_have_count(total)
    assert "org=" not in page.url

    names = page.locator(f"{ROWS}:visible td:nth-child(2)")
    tab_to(page, f"{INDEX} th[data-sort-key=organization] button")
    page.keyboard.press("Enter")
    expect(page.locator(f"{INDEX} th[data-sort-key=organization]")).to_have_attribute("aria-sort", "ascending")
    ascending = names.all_inner_texts()
    page.keyboard.press("Space")
    expect(page.locator(f"{INDEX} th[data-sort-key=organization]")).to_have_attribute("aria-sort", "descending")
    assert names.all_inner_texts() == ascending[::-1]
    assert len(set(ascending)) > 1


def test_on_a_phone_each_case_is_a_card_that_fits_and_sorting_still_works(chromium, real_server: Served, real_model: Site) -> None:
    from .conftest import open_context

    context = open_context(chromium, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        _open_index(page, real_server)
        width = page.evaluate("() => window.innerWidth")
        rows = page.locator(f"{ROWS}:visible")
        assert rows.count() == len(_documented(real_model))
        for box in rows.evaluate_all("rows => rows.map(r => { const b = r.getBoundingClientRect(); return [b.left, b.right]; })"):
            assert box[0] >= 0 and box[1] <= width, f"a card runs off the screen: {box}"
        first = rows.first
        # The title (with its summary) comes first in the card, above the facts.
        title_top = first.locator("td.smf-case-title").bounding_box()["y"]
        for cell in first.locator("td[data-label]").all():
            assert cell.bounding_box()["y"] > title_top
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        page.locator(f"{INDEX} th[data-sort-key=title] button").click()
        expect(page.locator(f"{INDEX} th[data-sort-key=title]")).to_have_attribute("aria-sort", "ascending")
    finally:
        context.close()


def test_each_row_shows_a_one_line_summary_of_a_documented_case(page, real_server: Served, real_model: Site) -> None:
    _open_index(page, real_server)
    documented = [c for c in real_model.case_studies.values() if c.summary]
    expect(page.locator(f"{ROWS} .smf-case-summary")).to_have_count(len(documented))
    title_cell = page.locator(f"{ROWS} td.smf-case-title").first
    assert title_cell.bounding_box()["width"] > 250, "the title column is cramped"


def test_a_shared_text_filter_does_not_open_the_site_search(page, real_server: Served, real_model: Site) -> None:
    case = sorted(_documented(real_model), key=lambda c: c.id)[0]
    word = max(re.findall(r"[A-Za-z]{4,}", case.title), key=len).lower()
    _open_index(page, real_server, f"?q={word}&sort=title")
    expect(page.locator(f"{INDEX} input[name=q]")).to_have_value(word)
    assert not page.evaluate("() => document.getElementById('__search').checked"), "Material's search box opened over the index"
    expect(page.locator(f"{ROWS}:visible")).not_to_have_count(len(_documented(real_model)))
    # The address still holds the filter, so it can be shared again.
    page.wait_for_timeout(200)
    query = parse_qs(urlparse(page.url).query)
    assert query.get("q") == [word] and query.get("sort") == ["title"]
