"""axe-core on every page type: no serious or critical violation; moderate ones are listed (and kept in screenshots/axe.txt)."""

from __future__ import annotations

import pytest

from generator.model import Site

from .conftest import SCREENSHOTS, Served, wait_for_material
from .pages import page_types

pytestmark = pytest.mark.browser

# The list of page types, plus the other pages a reader reaches from the navigation.
PAGE_TYPES = [
    "home",
    "framework",
    "stakeholder",
    "case-study index",
    "case study",
    "organization",
    "reference",
    "graph",
    "coverage",
    "open questions",
    "data",
    "recommendations",
    "reference index",
    "collection",
    "tags",
    "organization index",
    "about",
    "404",
]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def axe_log():
    """Moderate and minor findings, collected for a person to read."""
    lines: list[str] = []
    yield lines
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _describe(violation: dict) -> str:
    targets = ", ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"]) for node in violation["nodes"][:4])
    more = f" (+{len(violation['nodes']) - 4} more)" if len(violation["nodes"]) > 4 else ""
    return f"{violation['impact']}: {violation['id']}: {violation['help']} [{targets}{more}]"


# The dark palette changes colours only, so there axe checks only the rules about colour.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}, "resultTypes": ["violations"]}


def _violations(chromium, axe, url: str, scheme: str, options: dict | None) -> list[dict]:
    from .conftest import open_context

    context = open_context(chromium, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(url)
        wait_for_material(page)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected
        return axe.run(page, options=options).response["violations"] if options else axe.run(page).response["violations"]
    finally:
        context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_serious_or_critical_accessibility_violation(page_type: str, chromium, axe, axe_log, real_server: Served, real_model: Site) -> None:
    url = real_server.url(page_types(real_model)[page_type])
    found = [("light", v) for v in _violations(chromium, axe, url, "light", None)]
    found += [("dark", v) for v in _violations(chromium, axe, url, "dark", COLOUR_RULES)]
    for scheme, violation in found:
        if violation["impact"] not in BLOCKING:
            line = f"{page_type} ({scheme}): {_describe(violation)}"
            axe_log.append(line)
            print(line)
    blocking = [f"{scheme}: {_describe(v)}" for scheme, v in found if v["impact"] in BLOCKING]
    assert not blocking, f"{page_type}:\n" + "\n".join(blocking)
