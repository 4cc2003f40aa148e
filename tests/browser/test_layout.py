"""Pages fit the screen, every section is reachable from every page, and a record page prints well."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from generator import urls
from generator.model import Site

from .conftest import Served, expect, open_context, tab_to, wait_for_material
from .pages import page_types, sample_case_study

pytestmark = pytest.mark.browser

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# The section (a nav page) each kind of record page belongs to.
RECORD_SECTIONS = {"case study": "case-studies/", "organization": "organizations/", "reference": "references/", "collection": "case-studies/"}


def _screen(chromium, name: str, scheme: str = "light"):
    phone = name == "phone"
    return open_context(chromium, viewport=SCREENS[name], color_scheme=scheme, is_mobile=phone, has_touch=phone)


@contextmanager
def _opened(context, url: str):
    """A page of `context` showing `url` once Material has run; the context is closed afterwards."""
    page = context.new_page()
    try:
        page.goto(url)
        wait_for_material(page)
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_no_page_is_wider_than_the_window(screen: str, chromium, real_server: Served, real_model: Site) -> None:
    context = _screen(chromium, screen)
    page = context.new_page()
    too_wide = []
    try:
        for page_type, path in page_types(real_model).items():
            page.goto(real_server.url(path))
            wait_for_material(page)
            page.wait_for_load_state("networkidle")
            width, window = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if width > window:
                culprit = page.evaluate(
                    """() => { const w = window.innerWidth; const el = [...document.querySelectorAll('body *')].find(e => e.getBoundingClientRect().right > w + 1);
                    return el ? el.tagName + '.' + el.className : '?'; }"""
                )
                too_wide.append(f"{page_type} ({path}): {width}px in a {window}px window, e.g. {culprit}")
    finally:
        context.close()
    assert not too_wide, "\n".join(too_wide)


@pytest.mark.parametrize("page_type", sorted(RECORD_SECTIONS))
def test_record_page_shows_breadcrumbs_and_marks_its_section(page_type: str, chromium, real_server: Served, real_model: Site) -> None:
    section = RECORD_SECTIONS[page_type]
    path = page_types(real_model)[page_type]
    with _opened(_screen(chromium, "desktop"), real_server.url(path)) as page:
        crumbs = page.locator("nav.md-path a.md-path__link")
        expect(crumbs).to_have_count(2)  # Home › the section
        assert crumbs.nth(1).evaluate("a => new URL(a.href).pathname") == "/" + section
        # Every section is in view, and only this page's section is marked current.
        tabs = page.locator("nav.md-tabs a.md-tabs__link")
        expect(tabs.first).to_be_visible()
        assert tabs.count() >= 8
        current = page.locator("nav.md-tabs .md-tabs__item--active a")
        expect(current).to_have_count(1)
        assert current.evaluate("a => new URL(a.href).pathname") == "/" + section
        expect(current).to_have_attribute("aria-current", "true")
    # On a phone the tabs give way to the menu, which marks the same section; the breadcrumbs stay.
    with _opened(_screen(chromium, "phone"), real_server.url(path)) as page:
        expect(page.locator("nav.md-path a.md-path__link").nth(1)).to_be_visible()
        page.locator("label.md-header__button[for=__drawer]").first.click()
        marked = page.locator(".md-nav--primary a.md-nav__link--active")
        expect(marked).to_have_count(1)
        expect(marked).to_be_visible()
        assert marked.evaluate("a => new URL(a.href).pathname") == "/" + section
        expect(marked).to_have_attribute("aria-current", "true")


def test_pages_in_the_nav_keep_materials_own_current_section(page, real_server: Served) -> None:
    page.goto(real_server.url("recommendations/creators/"))
    wait_for_material(page)
    current = page.locator("nav.md-tabs .md-tabs__item--active a")
    expect(current).to_have_count(1)
    assert current.evaluate("a => new URL(a.href).pathname") == "/framework/"
    expect(page.locator("nav.md-path")).to_contain_text("Framework")


def test_stakeholder_groups_link_to_the_previous_and_next_group(page, real_server: Served, real_model: Site) -> None:
    groups = list(real_model.stakeholders.values())
    middle = groups[1]
    page.goto(real_server.url(urls.url_of(middle)))
    wait_for_material(page)
    previous = page.locator("a.md-footer__link--prev")
    following = page.locator("a.md-footer__link--next")
    expect(previous).to_contain_text(groups[0].title)
    expect(following).to_contain_text(groups[2].title)
    following.click()
    expect(page).to_have_url(re.compile(re.escape(urls.url_of(groups[2])) + "$"))


def test_every_section_is_reachable_from_a_record_page_by_keyboard(page, real_server: Served, real_model: Site) -> None:
    page.goto(real_server.url(urls.url_of(sample_case_study(real_model))))
    wait_for_material(page)
    tab_to(page, 'nav.md-tabs a.md-tabs__link[href$="coverage/"], nav.md-tabs a.md-tabs__link[href$="graph/"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/(graph|coverage)/$"))


def test_printing_a_record_page_opens_folded_sections_and_hides_the_drawing_controls(chromium, real_server: Served, real_model: Site) -> None:
    case = sample_case_study(real_model)
    a4 = open_context(chromium, viewport={"width": 720, "height": 1000})  # about an A4 page's width
    with _opened(a4, real_server.url(urls.url_of(case))) as page:
        controls = page.locator(".smf-graph__controls")
        expect(controls.first).to_be_visible()  # graph.js has run
        folded = page.locator("article details:not([open])")
        assert folded.count() > 0, "expected a folded section on a case-study page"
        hidden_text = folded.first.locator(":scope > :not(summary)").first
        expect(hidden_text).to_be_hidden()

        page.emulate_media(media="print")
        expect(controls.first).to_be_hidden()
        expect(hidden_text).to_be_visible()
        expect(page.locator("nav.md-tabs")).to_be_hidden()
        width, window = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= window
        wide = page.evaluate(
            """() => [...document.querySelectorAll('article table, article pre, article figure, article svg')]
                 .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                 .map(e => e.tagName + ' ' + (e.getAttribute('class') || ''))"""
        )
        assert not wide, f"printed past the page's edge: {wide}"


def test_printing_the_coverage_matrix_shows_it_whole(chromium, real_server: Served) -> None:
    with _opened(open_context(chromium, viewport={"width": 1000, "height": 700}), real_server.url("coverage/")) as page:
        box = page.locator(".smf-coverage")
        page.emulate_media(media="print")
        inner = box.evaluate("b => [b.scrollHeight, b.clientHeight, b.scrollWidth, b.clientWidth]")
        assert inner[0] <= inner[1] + 1 and inner[2] <= inner[3] + 1, f"the printed matrix is cut: {inner}"


def test_coverage_matrix_scrolls_inside_its_box_with_sticky_names(chromium, real_server: Served, real_model: Site) -> None:
    with _opened(_screen(chromium, "phone"), real_server.url("coverage/")) as page:
        box = page.locator(".smf-coverage")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "expected the matrix to be wider than a phone"
        first_name = box.locator("tbody th[scope=row]").first
        header = box.locator("thead th").nth(1)
        name_left, header_top = first_name.bounding_box()["x"], header.bounding_box()["y"]
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; b.scrollTop = b.scrollHeight; }")
        page.wait_for_timeout(100)
        assert abs(first_name.bounding_box()["x"] - name_left) < 2, "the recommendation column scrolled away"
        assert abs(header.bounding_box()["y"] - header_top) < 2, "the header row scrolled away"
        # Columns are named by case: the organization and the start of the title, the whole title on hover.
        cases = [c for c in real_model.case_studies_sorted() if c.practices]
        link = box.locator("thead th.smf-coverage__case a").first
        expect(link).to_contain_text(cases[0].organization.short_name)
        expect(link).to_have_attribute("title", re.compile(re.escape(cases[0].title[:20])))
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_open_questions_fold_into_an_overview(chromium, real_server: Served) -> None:
    with _opened(_screen(chromium, "desktop"), real_server.url("open-questions/")) as page:
        height = page.evaluate("() => document.documentElement.scrollHeight")
        assert height < 4000, f"/open-questions/ is {height}px tall with its sections folded"
        overview = page.locator("ul.smf-oq-overview")
        expect(overview).to_be_in_viewport()
        # A section opens from the keyboard.
        details = page.locator("article details").first
        tab_to(page, "article details > summary")
        page.keyboard.press("Enter")
        expect(details).to_have_attribute("open", "")


def test_404_page_offers_search_and_the_sections(page, real_server: Served) -> None:
    page.goto(real_server.url("404.html"))
    wait_for_material(page)
    linked = page.locator("article a[href]").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    for section in ("framework/", "case-studies/", "organizations/", "references/", "graph/", "coverage/", "open-questions/", "data/"):
        assert "/" + section in linked, f"the 404 page does not link /{section}"
    tab_to(page, "article input[type=search]")
    page.keyboard.type("consent")
    page.keyboard.press("Enter")
    # The home page opens with the site's search showing results for the words typed.
    expect(page.locator("input.md-search__input")).to_have_value("consent")
    expect(page.locator(".md-search-result__list li").first).to_be_visible()
