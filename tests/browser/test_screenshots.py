"""Screenshots for a person to look at (screenshots/, git-ignored): the main pages, light and dark, desktop and phone width."""

from __future__ import annotations

import pytest

from generator.model import Site

from .conftest import SCREENSHOTS, Served, open_context, wait_for_material
from .pages import page_types

pytestmark = pytest.mark.browser

PAGES = {"home": "home", "case-study": "case study", "graph": "graph", "index": "case-study index", "coverage": "coverage", "open-questions": "open questions", "404": "404"}
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_main_pages(scheme: str, width: str, chromium, real_server: Served, real_model: Site) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    phone = width == "phone"
    context = open_context(chromium, viewport=WIDTHS[width], color_scheme=scheme, is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1)
    page = context.new_page()
    overflowing = []
    try:
        for name, page_type in PAGES.items():
            page.goto(real_server.url(page_types(real_model)[page_type]))
            wait_for_material(page)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
            target = SCREENSHOTS / f"{name}-{scheme}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
            # The page itself never scrolls sideways (wide tables and the graph scroll inside their own boxes).
            extra = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if extra > 1:
                overflowing.append(f"{name}: {extra}px wider than the {WIDTHS[width]['width']}px screen")
    finally:
        context.close()
    assert not overflowing, "\n".join(overflowing)
