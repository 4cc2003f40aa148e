"""The graphs as a reader meets them, on a desk (1280×800) and a phone (390×844): names that never collide, are
never cut off and are at least 11 px; Fit that shows the whole drawing; find-a-record; a focus kept in the address;
tap-then-open on touch; the second hop; every node reachable and openable from the keyboard; screenshots."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from generator.model import Site

from .conftest import SCREENSHOTS, Served, expect, open_context, wait_for_material, watch
from .pages import page_types

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
RECORD_PAGES = ["case study", "organization", "reference", "stakeholder"]  # the kinds of record page that draw a neighbourhood
MIN_PX = 11.0

# Every visible label of every graph figure, as the browser lays it out.
LABELS = """() => [...document.querySelectorAll('figure.smf-graph')].map(fig => {
  const svg = fig.querySelector('svg.smf-graph__svg');
  const s = svg.getBoundingClientRect();
  const scale = s.width / svg.viewBox.baseVal.width;
  const labels = [...svg.querySelectorAll('text.smf-l:not(.smf-graph__hover-label)')]
    .map(t => ({t, r: t.getBoundingClientRect()}))
    .filter(({r}) => r.width > 0 && r.height > 0)
    .map(({t, r}) => ({text: t.textContent, box: [r.left, r.top, r.right, r.bottom],
                       px: parseFloat(getComputedStyle(t).fontSize) * scale, height: r.height}));
  return {id: fig.id, svg: [s.left, s.top, s.right, s.bottom], labels};
})"""


@contextmanager
def _browsing(chromium, size: str, scheme: str = "light", **options):
    """A browser context at a desktop's or a phone's size (a phone has touch), closed afterwards."""
    phone = size == "phone"
    context = open_context(chromium, viewport=SIZES[size], color_scheme=scheme, is_mobile=phone, has_touch=phone, **options)
    try:
        yield context
    finally:
        context.close()


def _open(context, server: Served, path: str):
    page = context.new_page()
    page.traffic = watch(page)
    page.set_default_timeout(15_000)
    page.goto(server.url(path))
    wait_for_material(page)
    expect(page.locator("figure.smf-graph .smf-graph__controls").first).to_be_visible()  # graph.js has run
    return page


def _check_labels(page, where: str) -> int:
    """No two visible labels intersect; each lies inside its drawing and renders at MIN_PX or more. Returns how many were checked."""
    problems, checked = [], 0
    for figure in page.evaluate(LABELS):
        left, top, right, bottom = figure["svg"]
        labels = figure["labels"]
        checked += len(labels)
        for k, a in enumerate(labels):
            box = a["box"]
            if box[0] < left - 0.5 or box[1] < top - 0.5 or box[2] > right + 0.5 or box[3] > bottom + 0.5:
                problems.append(f"{figure['id']}: {a['text']!r} {box} outside the drawing {figure['svg']}")
            if a["px"] < MIN_PX or a["height"] < MIN_PX:
                problems.append(f"{figure['id']}: {a['text']!r} renders at {a['px']:.1f} px (box {a['height']:.1f} px high)")
            for b in labels[k + 1 :]:
                other = b["box"]
                if box[0] < other[2] - 0.5 and other[0] < box[2] - 0.5 and box[1] < other[3] - 0.5 and other[1] < box[3] - 0.5:
                    problems.append(f"{figure['id']}: {a['text']!r} overlaps {b['text']!r}")
    assert not problems, f"{where}:\n" + "\n".join(problems[:20])
    return checked


def _no_errors(page) -> None:
    traffic = page.traffic
    assert traffic.console_errors == [] and traffic.page_errors == [], traffic.console_errors + traffic.page_errors


@pytest.mark.parametrize("size", SIZES)
def test_labels_never_collide_stay_inside_and_are_readable_on_every_graph(size: str, chromium, real_server: Served, real_model: Site) -> None:
    types = page_types(real_model)
    with _browsing(chromium, size) as context:
        for page_type in ["graph", *RECORD_PAGES]:
            page = _open(context, real_server, types[page_type])
            assert _check_labels(page, f"{page_type} at {size}") >= 3
            # The folded kinds and the second hop, once shown, keep to the same rules.
            for box in page.locator("figure.smf-graph li[data-folded] input, figure.smf-graph .smf-graph__hops input").all():
                box.check()
            _check_labels(page, f"{page_type} at {size}, everything shown")
            _no_errors(page)
            page.close()


@pytest.mark.parametrize("size", SIZES)
def test_fit_shows_the_whole_drawing_in_view(size: str, chromium, real_server: Served, real_model: Site) -> None:
    with _browsing(chromium, size) as context:
        for path in ("graph/", page_types(real_model)["organization"]):
            page = _open(context, real_server, path)
            figure = page.locator("figure.smf-graph").first
            figure.get_by_role("button", name="Fit the whole drawing in view").click()
            inside = page.evaluate("""() => {
              const fig = document.querySelector('figure.smf-graph');
              const v = fig.querySelector('.smf-graph__viewport').getBoundingClientRect();
              const s = fig.querySelector('svg.smf-graph__svg').getBoundingClientRect();
              return {v: [v.left, v.top, v.right, v.bottom], s: [s.left, s.top, s.right, s.bottom], h: innerHeight, w: innerWidth};
            }""")
            v, s = inside["v"], inside["s"]
            assert s[0] >= v[0] - 1 and s[1] >= v[1] - 1 and s[2] <= v[2] + 1 and s[3] <= v[3] + 1, inside
            assert v[0] >= -1 and v[1] >= -1 and v[2] <= inside["w"] + 1 and v[3] <= inside["h"] + 1, inside  # the viewport itself in the window
            _no_errors(page)
            page.close()


@pytest.mark.parametrize("size", SIZES)
def test_find_a_record_focuses_it_and_the_focus_survives_a_reload(size: str, chromium, real_server: Served, real_model: Site) -> None:
    case = next(c for c in sorted(real_model.case_studies.values(), key=lambda c: c.id) if c.practices)
    with _browsing(chromium, size) as context:
        page = _open(context, real_server, "graph/")
        box = page.get_by_label("Find a record")
        box.fill(case.organization.name)
        box.press("Enter")
        key = f"organization/{case.organization.id}"
        expect(page).to_have_url(re.compile(rf"\?focus={re.escape(key)}$"))

        def focused() -> None:
            node = page.locator(f'figure.smf-graph a.smf-n[data-key="{key}"]')
            expect(node).to_have_class(re.compile(r"\bis-near\b"))
            expect(page.locator("figure.smf-graph svg.smf-graph__svg")).to_have_class(re.compile(r"\bis-highlighting\b"))
            expect(page.locator(".smf-graph__card")).to_contain_text(case.organization.name)
            centre = page.evaluate(
                """key => {
              const shape = document.querySelector(`a.smf-n[data-key="${key}"] > :is(circle, polygon)`).getBoundingClientRect();
              const v = document.querySelector('.smf-graph__viewport').getBoundingClientRect();
              return [shape.left + shape.width / 2 - v.left, shape.top + shape.height / 2 - v.top, v.width, v.height];
            }""",
                key,
            )
            assert 0 < centre[0] < centre[2] and 0 < centre[1] < centre[3], centre  # in view inside the scrolling box
            # Its neighbours stand out too.
            assert page.locator("figure.smf-graph a.smf-n.is-near").count() >= 2

        focused()
        page.reload()
        wait_for_material(page)
        focused()
        _no_errors(page)


def test_a_tap_shows_the_card_and_a_second_tap_opens_the_record(chromium, real_server: Served, real_model: Site) -> None:
    with _browsing(chromium, "phone") as context:
        page = _open(context, real_server, page_types(real_model)["case study"])
        node = page.locator("figure.smf-graph a.smf-n:not(.is-current):not(.is-far)").first
        before = page.url
        shape = node.locator("polygon, circle").first
        shape.tap()
        card = page.locator(".smf-graph__card")
        expect(card).to_be_visible()
        name = page.evaluate("a => a.querySelector('title').textContent", node.element_handle())
        assert name.split(" (")[0] in card.inner_text()
        assert page.url.split("?")[0] == before  # still this page; the address only notes the focused record
        assert "?focus=" in page.url
        shape.tap()
        expect(page).not_to_have_url(re.compile("^" + re.escape(before) + r"(\?.*)?$"))
        _no_errors(page)


def test_the_second_hop_is_hidden_until_asked_for(page, real_server: Served, real_model: Site) -> None:
    page.goto(real_server.url(page_types(real_model)["reference"]))
    wait_for_material(page)
    figure = page.locator("figure.smf-graph[data-far]").first
    if not figure.count():
        figure = None
        for reference in sorted(real_model.references.values(), key=lambda r: r.id):
            page.goto(real_server.url(f"references/{reference.id}/"))
            wait_for_material(page)
            if page.locator("figure.smf-graph[data-far]").count():
                figure = page.locator("figure.smf-graph[data-far]").first
                break
    assert figure is not None, "no reference page has a second hop to show"
    far = figure.locator("a.smf-n.is-far")
    assert far.count() > 0
    expect(far.first).to_be_hidden()
    width = page.evaluate("f => f.querySelector('svg').getBoundingClientRect().width", figure.element_handle())
    figure.get_by_label("Show records two links away").check()
    expect(far.first).to_be_visible()
    assert page.evaluate("f => f.querySelector('svg').getBoundingClientRect().width", figure.element_handle()) > width
    _check_labels(page, "second hop shown")
    figure.get_by_label("Show records two links away").uncheck()
    expect(far.first).to_be_hidden()


@pytest.mark.parametrize("path", ["graph", "case study"])
def test_every_drawn_node_is_reachable_with_tab_and_opens_with_enter(path: str, page, real_server: Served, real_model: Site) -> None:
    page.goto(real_server.url(page_types(real_model)[path]))
    wait_for_material(page)
    figure = page.locator("figure.smf-graph").first
    expect(figure.locator(".smf-graph__controls")).to_be_visible()
    visible = set(page.evaluate("f => [...f.querySelectorAll('a.smf-n')].filter(a => a.getClientRects().length && getComputedStyle(a).display !== 'none').map(a => a.dataset.n)", figure.element_handle()))
    figure.locator(".smf-graph__viewport").focus()
    reached: list[str] = []
    for _ in range(len(visible) + 5):
        page.keyboard.press("Tab")
        n = page.evaluate("f => { const a = document.activeElement; return a && a.matches('a.smf-n') && f.contains(a) ? a.dataset.n : null }", figure.element_handle())
        if n is None:
            break
        reached.append(n)
    assert set(reached) == visible and len(reached) == len(visible)
    # The card follows the keyboard too: name, kind and links of the focused record.
    page.keyboard.press("Shift+Tab")
    expect(page.locator(".smf-graph__card")).to_be_visible()
    href = page.evaluate("() => document.activeElement.getAttributeNS('http://www.w3.org/1999/xlink', 'href')")
    before = page.url
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(before)
    assert href


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_graphs(scheme: str, size: str, chromium, real_server: Served, real_model: Site) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    types = page_types(real_model)
    with _browsing(chromium, size, scheme, device_scale_factor=2 if size == "phone" else 1) as context:
        for name, path in (("graph", types["graph"]), ("case-study", types["case study"]), ("organization", types["organization"])):
            page = _open(context, real_server, path)
            page.wait_for_load_state("networkidle")
            figure = page.locator("figure.smf-graph").first
            figure.scroll_into_view_if_needed()
            target = SCREENSHOTS / f"graph-{name}-{scheme}-{size}.png"
            figure.screenshot(path=str(target))
            assert target.stat().st_size > 5_000
            extra = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert extra <= 1, f"{name}: the page scrolls sideways by {extra}px"
            _no_errors(page)
            page.close()


def test_printed_graph_has_no_controls_and_fits_the_page(page, real_server: Served) -> None:
    page.goto(real_server.url("graph/"))
    wait_for_material(page)
    expect(page.locator("figure.smf-graph .smf-graph__controls")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("figure.smf-graph .smf-graph__controls")).to_be_hidden()
    widths = page.evaluate("() => [document.querySelector('figure.smf-graph svg').getBoundingClientRect().width, document.querySelector('figure.smf-graph').getBoundingClientRect().width]")
    assert widths[0] <= widths[1] + 1
    expect(page.locator("figure.smf-graph .smf-graph__legend")).to_be_visible()


def test_focusing_a_folded_reference_from_the_address_unfolds_the_references(page, real_server: Served, real_model: Site) -> None:
    reference = sorted(real_model.references.values(), key=lambda r: r.id)[0]
    page.goto(real_server.url(f"graph/?focus=reference/{reference.id}"))
    wait_for_material(page)
    node = page.locator(f'figure.smf-graph a.smf-n[data-key="reference/{reference.id}"]')
    expect(node).to_be_visible()
    expect(page.locator('figure.smf-graph li[data-kind="reference"] input')).to_be_checked()
    expect(page.locator(".smf-graph__card")).to_contain_text(reference.title)
    _check_labels(page, "references unfolded by the address")
    _no_errors(page)
