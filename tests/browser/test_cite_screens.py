"""The "How to cite" section of a case page and the /data/ page, light and dark, at 1280 and 390 px:
screenshots for a person to look at (screenshots/), and no sideways scrolling of the page."""

from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS, Served, open_context, wait_for_material

pytestmark = pytest.mark.browser

WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 800}}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cite_section_and_data_page(scheme: str, width: str, chromium, real_server: Served) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    phone = width == "390"
    context = open_context(chromium, viewport=WIDTHS[width], color_scheme=scheme, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    try:
        page.goto(real_server.url("case-studies/bbc-face-swapping/#cite-this-page"))
        wait_for_material(page)
        cite = page.locator("#cite-this-page + .smf-cite")
        assert [t.rstrip("¶") for t in cite.locator("h3").all_inner_texts()][:2] == ["Cite the case study", "Cite this summary"]
        assert cite.locator("pre").first.inner_text().startswith("Partnership on AI. (2024, March).")
        cite.screenshot(path=str(SCREENSHOTS / f"cite-case-{scheme}-{width}.png"))
        assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
        page.goto(real_server.url("data/"))
        wait_for_material(page)
        page.screenshot(path=str(SCREENSHOTS / f"data-{scheme}-{width}.png"), full_page=True)
        # The long page in parts a person can read: the top, the licence and citation, the dictionary's start.
        page.screenshot(path=str(SCREENSHOTS / f"data-top-{scheme}-{width}.png"))
        for anchor in ("version", "data-dictionary"):
            page.locator(f"#{anchor}").scroll_into_view_if_needed()
            page.evaluate(f"() => document.getElementById('{anchor}').scrollIntoView()")
            page.screenshot(path=str(SCREENSHOTS / f"data-{anchor}-{scheme}-{width}.png"))
        footer = page.locator(".md-footer-meta")
        footer.screenshot(path=str(SCREENSHOTS / f"footer-{scheme}-{width}.png"))
        assert "CC BY 4.0" in footer.inner_text()
        assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    finally:
        context.close()
