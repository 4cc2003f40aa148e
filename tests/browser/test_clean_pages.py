"""Every page type loads without a console error, asks nothing of other hosts, and shows hostile record text as text."""

from __future__ import annotations

import pytest

from generator.model import Site

from .conftest import Served, expect, open_context, wait_for_material, watch
from .pages import page_types

pytestmark = pytest.mark.browser


def _visit_all(page, server: Served, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(server.url(path))
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"
        wait_for_material(page)
    page.wait_for_load_state("networkidle")  # late requests of the last page (earlier pages' are recorded as they go)


def test_no_page_logs_a_console_error_or_asks_another_host(page, real_server: Served, real_model: Site) -> None:
    paths = list(page_types(real_model).values())
    _visit_all(page, real_server, paths)
    # Search too: it loads a worker and the index.
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("disclosure", delay=10)
    expect(page.locator(".md-search-result__list li").first).to_be_visible()
    traffic = page.traffic
    assert len(traffic.requests) > len(paths)
    assert not traffic.off_host(), "requests to other hosts:\n" + "\n".join(sorted(set(traffic.off_host())))
    assert not traffic.console_errors, "console errors:\n" + "\n".join(traffic.console_errors)
    assert not traffic.page_errors, "uncaught errors:\n" + "\n".join(traffic.page_errors)


def test_no_page_asks_another_host_at_phone_width_in_the_dark_palette(chromium, real_server: Served, real_model: Site) -> None:
    context = open_context(chromium, viewport={"width": 375, "height": 740}, color_scheme="dark", is_mobile=True, has_touch=True)
    page = context.new_page()
    traffic = watch(page)
    try:
        _visit_all(page, real_server, list(page_types(real_model).values()))
    finally:
        context.close()
    assert not traffic.off_host(), "requests to other hosts:\n" + "\n".join(sorted(set(traffic.off_host())))
    assert not traffic.console_errors + traffic.page_errors, "\n".join(traffic.console_errors + traffic.page_errors)


HOSTILE_PAGES = [
    "",
    "framework/",
    "recommendations/",
    "recommendations/creators/",
    "case-studies/",
    "case-studies/studio-face-swap/",
    "organizations/studio/",
    "organizations/",
    "references/",
    "references/ref-secondary/",
    "collections/batch-one/",
    "graph/",
    "coverage/",
    "open-questions/",
    "tags/",
    "data/",
]


def test_html_in_record_text_never_runs_or_becomes_an_element(page, hostile_server: Served) -> None:
    for path in HOSTILE_PAGES:
        page.goto(hostile_server.url(path))
        wait_for_material(page)
        assert page.locator("[onerror]").count() == 0, f"{path}: a record's <img> became an element"
        assert page.get_by_text('<script>alert("smf")</script>', exact=False).count() > 0 or path in ("data/",), f"{path}: the record text is not shown"
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("studio", delay=10)  # results show titles and text that carry the payload
    expect(page.locator(".md-search-result__list li").first).to_be_visible()
    assert page.locator("[onerror]").count() == 0, "a search result turned record text into an <img>"
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert not page.traffic.dialogs, "record text ran as script:\n" + "\n".join(page.traffic.dialogs)
    assert not page.traffic.page_errors, "\n".join(page.traffic.page_errors)


def test_every_download_on_the_data_page_is_served_and_not_empty(page, real_server: Served) -> None:
    page.goto(real_server.url("data/"))
    wait_for_material(page)
    hrefs = page.locator("article a[href]").evaluate_all("links => links.map(a => a.href).filter(h => /\\/data\\/[^/#?]+\\.[a-z.]+$/.test(h))")
    assert len(hrefs) >= 3, f"expected several downloads on /data/, found {hrefs}"
    for href in sorted(set(hrefs)):
        response = page.request.get(href)
        assert response.ok, f"{href}: HTTP {response.status}"
        assert len(response.body()) > 100, f"{href} is (nearly) empty"
