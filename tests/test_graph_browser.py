"""graph.js in a real browser: zoom, filters, highlighting, and links, across Material's instant navigation."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from generator.pipeline import build

from .conftest import MINI_SOURCES, make_project

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The mini site, built for the address it is served from: Material's instant navigation only
    follows links that its sitemap (written from site_url) lists."""
    project = make_project(tmp_path_factory.mktemp("browser"), MINI_SOURCES)
    project.site.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(project.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    address = f"http://127.0.0.1:{server.server_address[1]}"
    previous = os.environ.get("SMF_SITE_URL")
    os.environ["SMF_SITE_URL"] = address + "/"
    try:
        build(project)
    finally:
        if previous is None:
            del os.environ["SMF_SITE_URL"]
        else:
            os.environ["SMF_SITE_URL"] = previous
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield address
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("SMF_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (SMF_REQUIRE_BROWSER is set) but was not found")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM)
        yield instance
        instance.close()


def test_graph_controls_work_after_instant_navigation_and_node_links_stay_instant(served: str, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + "/")
    page.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is in
    page.evaluate("window.smfSamePage = true")

    # The home page may hide the sidebar; a click on the navigation's link is what a reader's click does.
    page.locator("a.md-nav__link[href$='graph/']").first.dispatch_event("click")
    page.wait_for_url("**/graph/")
    figure = page.locator("#smf-graph-all")
    figure.locator(".smf-graph__controls").wait_for()
    assert page.evaluate("window.smfSamePage") is True  # instant navigation, not a reload

    svg = figure.locator("svg.smf-graph__svg")
    width = lambda: page.evaluate("document.querySelector('#smf-graph-all svg').getBoundingClientRect().width")  # noqa: E731
    before = width()
    figure.get_by_role("button", name="Zoom in").click()
    assert width() > before * 1.2
    figure.locator(".smf-graph__viewport").focus()
    page.keyboard.press("-")
    assert abs(width() - before) < 1

    figure.locator("li[data-kind=organization] input[type=checkbox]").uncheck()
    hidden = page.evaluate("[...document.querySelectorAll('#smf-graph-all a.smf-n--organization')].every(a => a.classList.contains('is-hidden'))")
    assert hidden
    assert page.evaluate("document.querySelectorAll('#smf-graph-all path.smf-e.is-hidden').length") > 0
    figure.locator("li[data-kind=organization] input[type=checkbox]").check()

    # References start folded (unticked, not drawn); ticking the legend draws them and widens the drawing.
    references = figure.locator("li[data-kind=reference] input[type=checkbox]")
    assert not references.is_checked()
    shown = "[...document.querySelectorAll('#smf-graph-all a.smf-n--reference')].map(a => getComputedStyle(a).display !== 'none')"
    assert not any(page.evaluate(shown))
    wide = width()
    references.check()
    assert all(page.evaluate(shown)) and width() > wide
    references.uncheck()
    assert not any(page.evaluate(shown))

    svg.locator("a.smf-n--case-study > polygon").first.hover()
    assert "is-highlighting" in svg.get_attribute("class")
    assert page.evaluate("document.querySelectorAll('#smf-graph-all path.smf-e.is-near').length") > 0

    # Click the shape itself: the middle of the link's box may fall between the shape and its label.
    svg.locator("a.smf-n--organization > polygon").first.click()
    page.wait_for_url("**/organizations/**")
    # The organization's own graph, set up after the swap (the old page's figure had controls too).
    page.locator("figure[id^='smf-graph-organization-'] .smf-graph__controls").wait_for()
    assert page.evaluate("window.smfSamePage") is True
    assert page.locator("figure.smf-graph a.is-current").count() == 1
    assert errors == []
    page.close()


def test_without_javascript_the_graph_is_a_plain_scrollable_drawing_with_links(served: str, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "/graph/")
    assert page.locator(".smf-graph__controls").count() == 0
    page.locator("#smf-graph-all svg a.smf-n--framework > polygon").click()
    page.wait_for_url("**/framework/")
    context.close()
