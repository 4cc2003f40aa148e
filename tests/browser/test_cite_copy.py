"""The cite-this-page blocks in a browser: each has Material's copy button, and it copies the citation."""

from __future__ import annotations

import pytest

from generator import urls
from generator.model import Site

from .conftest import Served, expect, wait_for_material

pytestmark = pytest.mark.browser


def test_each_citation_block_has_a_copy_button_that_copies_it(page, real_server: Served, real_model: Site) -> None:
    case = sorted(real_model.case_studies.values(), key=lambda c: c.id)[0]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=real_server.url().rstrip("/"))
    page.goto(real_server.url(urls.url_of(case)))
    wait_for_material(page)
    blocks = page.locator(".smf-cite pre > code")
    expect(blocks).to_have_count(2)  # the suggested citation and the BibTeX entry
    for number in range(2):
        block = blocks.nth(number)
        block.scroll_into_view_if_needed()
        block.hover()
        button = page.locator(".smf-cite pre").nth(number).locator("button.md-code__button, button.md-clipboard")
        expect(button.first).to_be_visible()
        button.first.click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.strip() == block.inner_text().strip()
    assert "smf:" + urls.url_of(case).rstrip("/") in copied
