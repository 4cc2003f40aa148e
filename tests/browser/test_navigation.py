"""Finding and following: search, recommendation anchors, and redirects from former ids."""

from __future__ import annotations

import re

import pytest

from generator import urls
from generator.model import Site

from .conftest import Served, expect, settle_scroll, wait_for_material

pytestmark = pytest.mark.browser


def _searchable_case(site: Site):
    """A case study whose organization's name is a single word, so typing it is a realistic query."""
    cases = sorted(site.case_studies.values(), key=lambda c: c.id)
    return next((c for c in cases if re.fullmatch(r"[A-Za-z][A-Za-z-]+", c.organization.short_name)), cases[0])


def test_searching_an_organization_name_shows_its_case_study_and_opens_it(page, real_server: Served, real_model: Site) -> None:
    case = _searchable_case(real_model)
    page.goto(real_server.url())
    wait_for_material(page)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(case.organization.short_name, delay=20)
    results = page.locator(".md-search-result__list")
    expect(results.locator("li").first).to_be_visible()
    # The page itself, not one of its sections (Material adds ?h=<query> for highlighting).
    url = urls.url_of(case)
    link = results.locator(f'a.md-search-result__link:is([href$="/{url}"], [href*="/{url}?"]):not([href*="#"])').first
    for _ in range(10):  # Material shows results ten at a time and adds more as the list scrolls
        if link.count():
            break
        results.locator("li").last.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile("/" + re.escape(url) + r"(\?[^#]*)?$"))
    expect(page.locator(".md-content h1")).to_contain_text(case.title[:40])


def test_recommendation_anchor_scrolls_to_that_recommendation(page, real_server: Served, real_model: Site) -> None:
    # The last recommendation of the longest stakeholder page: far enough down that the browser must scroll.
    stakeholder = max(real_model.stakeholders.values(), key=lambda s: len(real_model.recommendations_for(s)))
    recommendation = real_model.recommendations_for(stakeholder)[-1]
    page.goto(real_server.url(urls.url_of(recommendation)))
    wait_for_material(page)
    heading = page.locator(f"#{recommendation.id}")
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text(recommendation.title[:30])
    offset = heading.evaluate("element => element.getBoundingClientRect().top + window.scrollY")
    assert offset < page.viewport_size["height"] or page.evaluate("() => window.scrollY") > 0


def test_case_study_link_to_a_recommendation_lands_on_its_anchor(page, real_server: Served, real_model: Site) -> None:
    case = next(c for c in sorted(real_model.case_studies.values(), key=lambda c: c.id) if c.practices)
    recommendation = case.practices[-1]
    page.goto(real_server.url(urls.url_of(case)))
    wait_for_material(page)
    link = page.locator(f'article a[href$="#{recommendation.id}"]').first
    link.scroll_into_view_if_needed()
    settle_scroll(page)
    link.click()
    target = re.compile(re.escape(urls.url_of(recommendation)) + "$")
    expect(page).to_have_url(target)
    heading = page.locator(f"#{recommendation.id}")
    expect(heading).to_be_in_viewport()
    # Not hidden under Material's sticky header.
    header_bottom = page.locator("header.md-header").bounding_box()["height"]
    assert heading.bounding_box()["y"] >= header_bottom - 1
    # Once Material's scroll handlers have run, the address still names the recommendation (it can be shared).
    settle_scroll(page)
    page.wait_for_timeout(500)
    expect(page).to_have_url(target)


def test_former_id_redirects_to_the_renamed_record_keeping_the_fragment(page, mini_server: Served) -> None:
    page.goto(mini_server.url("case-studies/studio-old-name/#lessons"))
    expect(page).to_have_url(mini_server.url("case-studies/studio-face-swap/#lessons"))
    expect(page.locator("#lessons")).to_be_in_viewport()


def test_former_id_redirect_keeps_a_query_string(page, mini_server: Served) -> None:
    page.goto(mini_server.url("case-studies/studio-old-name/?from=old#lessons"))
    expect(page).to_have_url(mini_server.url("case-studies/studio-face-swap/?from=old#lessons"))
