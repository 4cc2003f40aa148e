"""The graph page: it renders, its nodes are links, and its controls work by mouse, keyboard and after instant navigation."""

from __future__ import annotations

import re

import pytest

from .conftest import Served, expect, is_same_document, mark_document, tab_to, wait_for_material

pytestmark = pytest.mark.browser

FIGURE = "figure.smf-graph"


def _open_graph(page, server: Served) -> None:
    page.goto(server.url("graph/"))
    wait_for_material(page)
    expect(page.locator(f"{FIGURE} .smf-graph__controls")).to_be_visible()  # graph.js has run


def test_graph_page_renders_nodes_edges_and_a_text_alternative(page, real_server: Served) -> None:
    _open_graph(page, real_server)
    svg = page.locator(f"{FIGURE} svg.smf-graph__svg").first
    expect(svg).to_be_visible()
    assert svg.locator("a.smf-n").count() > 10
    assert svg.locator("path.smf-e").count() > 10
    expect(svg.locator("title").first).not_to_be_empty()
    expect(svg.locator("desc").first).not_to_be_empty()


def test_clicking_a_graph_node_opens_its_page(page, real_server: Served) -> None:
    _open_graph(page, real_server)
    node = page.locator(f"{FIGURE} a.smf-n--framework").first
    node.locator("polygon, circle").first.click()
    expect(page).to_have_url(re.compile(r"/framework/$"))
    expect(page.locator(".md-content h1")).to_be_visible()


def test_graph_filters_work_after_instant_navigation(page, real_server: Served) -> None:
    _open_graph(page, real_server)
    mark_document(page)
    page.locator('nav.md-nav a.md-nav__link[href$="coverage/"]').first.click()
    expect(page).to_have_url(re.compile(r"/coverage/$"))
    page.locator('nav.md-nav a.md-nav__link[href$="graph/"]').first.click()
    expect(page).to_have_url(re.compile(r"/graph/$"))
    assert is_same_document(page), "expected Material's instant navigation, not a full page load"
    expect(page.locator(f"{FIGURE} .smf-graph__controls")).to_have_count(1)

    cases = page.locator(f"{FIGURE} a.smf-n--case-study")
    assert cases.count() > 0
    expect(cases.first).to_be_visible()
    page.locator(f'{FIGURE} li[data-kind="case-study"] input[type="checkbox"]').uncheck()
    expect(cases.first).to_be_hidden()
    expect(cases.first).to_have_class(re.compile(r"\bis-hidden\b"))
    page.locator(f'{FIGURE} li[data-kind="case-study"] input[type="checkbox"]').check()
    expect(cases.first).to_be_visible()

    cites = page.locator(f'{FIGURE} path.smf-e[data-type="cites"]')
    assert cites.count() > 0
    page.locator(f'{FIGURE} li[data-type="cites"] input[type="checkbox"]').uncheck()
    expect(cites.first).to_have_class(re.compile(r"\bis-hidden\b"))
    expect(page.locator(f'{FIGURE} path.smf-e[data-type="cites"]:not(.is-hidden)')).to_have_count(0)


def test_graph_controls_work_with_the_keyboard_alone(page, real_server: Served) -> None:
    _open_graph(page, real_server)
    readout = page.locator(f"{FIGURE} .smf-graph__zoom-level")
    tab_to(page, f'{FIGURE} .smf-graph__controls button[aria-label="Actual size"]')
    page.keyboard.press("Enter")
    expect(readout).to_have_text("100%")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back to "Zoom in"
    page.keyboard.press("Enter")
    expect(readout).to_have_text("125%")

    tab_to(page, f"{FIGURE} .smf-graph__viewport")
    page.keyboard.press("-")
    expect(readout).to_have_text("100%")

    # References start folded: Space on their legend entry draws them, and again folds them away.
    tab_to(page, f'{FIGURE} li[data-kind="reference"] input[type="checkbox"]')
    expect(page.locator(f"{FIGURE} a.smf-n--reference").first).to_be_hidden()
    page.keyboard.press("Space")
    expect(page.locator(f"{FIGURE} a.smf-n--reference").first).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator(f"{FIGURE} a.smf-n--reference").first).to_be_hidden()
    tab_to(page, f'{FIGURE} li[data-kind="organization"] input[type="checkbox"]')
    page.keyboard.press("Space")
    expect(page.locator(f"{FIGURE} a.smf-n--organization").first).to_be_hidden()
    page.keyboard.press("Space")
    expect(page.locator(f"{FIGURE} a.smf-n--organization").first).to_be_visible()


def test_a_graph_node_opens_with_the_keyboard(page, real_server: Served) -> None:
    _open_graph(page, real_server)
    tab_to(page, f"{FIGURE} a.smf-n--framework")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/framework/$"))
