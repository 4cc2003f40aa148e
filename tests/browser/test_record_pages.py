"""Record pages in a real browser: they fit the window, search tells results apart, and people can look at them.

- No record page is wider than the window, on a desktop (1280×800) or a phone (390×844).
- Searching "consent" or an organization's name gives results whose titles say what kind of record
  each is (no two alike) and whose snippets start with the record's summary, not with its status.
- An undocumented case study's page passes axe like the others.
- Screenshots of each kind of record page, light and dark, desktop and phone, for a person to look at.
"""

from __future__ import annotations

import pytest

from generator import urls
from generator.model import Site

from .conftest import SCREENSHOTS, Served, expect, open_context, wait_for_material
from .pages import sample_case_study

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def record_samples(site: Site) -> dict[str, str]:
    """{name: URL path} of one page of each record kind, including a case study not yet documented."""
    case = sample_case_study(site)
    undocumented = next(c for c in sorted(site.case_studies.values(), key=lambda c: c.id) if not c.documented)
    reference = max(site.references.values(), key=lambda r: (len(r.conflicts), len(r.missing), r.id))
    stakeholder = max(site.stakeholders.values(), key=lambda s: len(site.recommendations_for(s)))
    return {
        "case": urls.url_of(case),
        "case-undocumented": urls.url_of(undocumented),
        "organization": urls.url_of(case.organization),
        "reference": urls.url_of(reference),
        "framework": "framework/",
        "collection": urls.url_of(case.collection),
        "stakeholder": urls.url_of(stakeholder),
    }


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_record_pages_are_never_wider_than_the_window(viewport: str, chromium, real_server: Served, real_model: Site) -> None:
    phone = viewport == "phone"
    context = open_context(chromium, viewport=VIEWPORTS[viewport], is_mobile=phone, has_touch=phone)
    page = context.new_page()
    too_wide = []
    try:
        for name, path in record_samples(real_model).items():
            page.goto(real_server.url(path))
            wait_for_material(page)
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                too_wide.append(f"{name} ({path}): {width[0]} px wide in a {width[1]} px window")
    finally:
        context.close()
    assert too_wide == []


def search(page, server: Served, query: str) -> list[tuple[str, str]]:
    """(title, snippet) of the page-level results Material shows first for `query`."""
    page.goto(server.url())
    wait_for_material(page)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    results = page.locator(".md-search-result__list > li")
    expect(results.first).to_be_visible()
    page.wait_for_timeout(300)  # the list is replaced as the last keystrokes arrive
    found = []
    for item in results.all()[:8]:
        article = item.locator("article").first  # the page itself; its sections follow
        title = " ".join(article.locator("h1").inner_text().split())
        snippet = " ".join(article.evaluate("a => Array.from(a.children).filter(c => c.tagName !== 'H1' && !c.matches('.md-search-result__icon, nav')).map(c => c.innerText).join(' ')").split())
        found.append((title, snippet))
    return found


def check_results(found: list[tuple[str, str]]) -> None:
    titles = [title for title, _ in found]
    assert len(found) >= 3, found
    assert len(set(titles)) == len(titles), titles  # no two top results look alike
    for title, snippet in found:
        assert not snippet.startswith(("Status", "Confirmed", "Partly confirmed", "Unverified", "Record file")), (title, snippet[:80])
    kinds = ("Case study · ", "Source · ", "Organization · ", "Framework · ", "Recommendations · ", "Collection · ")
    # Hand-written and generated listing pages (about, open questions, coverage…) are not records and have no kind.
    assert sum(title.startswith(kinds) for title in titles) >= len(titles) // 2, titles


def test_search_for_consent_gives_distinct_titles_and_summary_snippets(page, real_server: Served, real_model: Site) -> None:
    found = search(page, real_server, "consent")
    check_results(found)
    # The case study about consent leads with its summary (its first words), not with boilerplate.
    consent_cases = [c for c in real_model.case_studies.values() if c.summary and "consent" in c.summary.lower()]
    assert consent_cases
    by_title = dict(found)
    shown = [c for c in consent_cases if f"Case study · {c.title}" in by_title]
    assert shown, list(by_title)
    for case in shown:
        assert by_title[f"Case study · {case.title}"].startswith(" ".join(case.summary.split()[:4])), by_title[f"Case study · {case.title}"][:100]


def test_search_for_an_organization_name_gives_distinct_titles(page, real_server: Served, real_model: Site) -> None:
    org = real_model.organizations["bbc"] if "bbc" in real_model.organizations else next(iter(real_model.organizations.values()))
    found = search(page, real_server, org.short_name)
    check_results(found)
    titles = [title for title, _ in found]
    assert f"Organization · {org.name}" in titles, titles
    if org.description:
        snippet = dict(found)[f"Organization · {org.name}"]
        assert snippet.startswith(" ".join(org.description.split()[:3])), snippet[:100]


def test_undocumented_case_study_page_has_no_serious_accessibility_problem(page, real_server: Served, real_model: Site) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(real_server.url(record_samples(real_model)["case-undocumented"]))
    wait_for_material(page)
    results = Axe().run(page)
    blocking = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert blocking == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_record_pages(scheme: str, viewport: str, chromium, real_server: Served, real_model: Site) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    phone = viewport == "phone"
    context = open_context(chromium, viewport=VIEWPORTS[viewport], color_scheme=scheme, is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1)
    page = context.new_page()
    try:
        for name, path in record_samples(real_model).items():
            if name in ("collection", "stakeholder"):
                continue
            page.goto(real_server.url(path))
            wait_for_material(page)
            page.wait_for_load_state("networkidle")
            target = SCREENSHOTS / f"record-{name}-{scheme}-{VIEWPORTS[viewport]['width']}.png"
            page.screenshot(path=str(target), full_page=not phone)
            assert target.stat().st_size > 10_000
    finally:
        context.close()
