"""Real-browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Without Chromium or Playwright the browser tests are skipped with a one-line reason, except when
SMF_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails them instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator

import pytest

from generator.pipeline import Project, build, check
from generator.model import Site

from ..conftest import MINI_SOURCES, ROOT, make_project
from ..hostile_text import add_payload_to_every_text_field

try:
    from playwright.sync_api import expect
except ImportError:  # the tests are then skipped (or failed under SMF_REQUIRE_BROWSER=1) before they run
    expect = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "screenshots"
OFF_HOST = re.compile(r"^(?!https?://127\.0\.0\.1[:/])(?!data:)(?!blob:)(?!about:)")


def _missing_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(config, items) -> None:
    reason = _missing_browser()
    if not reason:
        return
    if os.environ.get("SMF_REQUIRE_BROWSER") == "1":
        return  # the chromium fixture fails each test with the reason
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


# --- serving built sites ------------------------------------------------------------------------------


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly; sitemap.xml is rewritten to this server's address.

    Material's instant navigation only intercepts links listed in sitemap.xml, and it matches them
    after copying the protocol and host name (not the port) of the current page into each listed
    URL. Served on a random port, no link would match and every click would be a full page load;
    with the sitemap naming this server, the site behaves as it does at its public address.
    """

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            return super().do_GET()
        text = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
        locations = re.findall(r"<loc>([^<]+)</loc>", text)
        site_url = min(locations, key=len) if locations else ""
        host, port = self.server.server_address[:2]
        body = text.replace(site_url, f"http://{host}:{port}/").encode("utf-8") if site_url else text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


@dataclass
class Served:
    """A folder served over HTTP on 127.0.0.1 until the session ends."""

    root: Path
    base: str

    def url(self, path: str = "") -> str:
        return self.base + "/" + path.lstrip("/")


def _serve(folder: Path) -> Iterator[Served]:
    handler = functools.partial(_SiteHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder.name}", daemon=True)
    thread.start()
    try:
        yield Served(folder, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def real_server(real_site: Path) -> Iterator[Served]:
    yield from _serve(real_site)


@pytest.fixture(scope="session")
def mini_server(mini_site: Path) -> Iterator[Served]:
    yield from _serve(mini_site)


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The mini records with HTML and a script in every free-text field."""
    project = make_project(tmp_path_factory.mktemp("hostile-browser"), MINI_SOURCES)
    add_payload_to_every_text_field(project.sources)
    build(project)
    yield from _serve(project.site)


@pytest.fixture(scope="session")
def real_model(real_site: Path) -> Site:
    """The records the real site was built from (the session's copy of sources/), as the generator's model."""
    return check(Project(real_site.parent))


# --- the browser ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module: Playwright's sync API allows one running instance per thread, and
    other test files start their own."""
    reason = _missing_browser()
    if reason:
        pytest.fail(f"SMF_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Traffic:
    """Everything a page asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def off_host(self) -> list[str]:
        return [url for url in self.requests if OFF_HOST.match(url)]


def open_context(chromium, **options):
    """A fresh browser context; requests to any other host are recorded and refused (the tests have no network)."""
    context = chromium.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    context.route(OFF_HOST, lambda route: route.abort())
    return context


def watch(page) -> Traffic:
    traffic = Traffic()
    page.on("request", lambda request: traffic.requests.append(request.url))
    page.on("console", lambda message: traffic.console_errors.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: traffic.page_errors.append(f"{page.url}: {error}"))

    def dismiss(dialog) -> None:
        traffic.dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    return traffic


@pytest.fixture
def context(chromium):
    context = open_context(chromium)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.traffic = watch(page)
    page.set_default_timeout(15_000)
    return page


def wait_for_material(page) -> None:
    """Material's bundle has run (document$ emitted) once the search/palette scripts have wired the page."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => typeof document$ !== 'undefined'")


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches selector, as a keyboard user would; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => !!document.activeElement && document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{limit} presses of Tab never reached {selector!r}")


def mark_document(page) -> None:
    """A flag on window that survives Material's instant navigation but not a full page load."""
    page.evaluate("() => { window.__smfSamePage = true; }")


def is_same_document(page) -> bool:
    return page.evaluate("() => window.__smfSamePage === true")


def settle_scroll(page) -> None:
    """Wait until Material has recorded the current scroll offset in history.state (it does so 100 ms after a scroll).

    A click sooner than that after scrolling races Material's instant navigation, which may then
    restore the old offset on the new page; a person's click follows a scroll by more than that.
    """
    page.wait_for_function("() => history.state ? Math.abs((history.state.y || 0) - window.scrollY) < 2 : window.scrollY === 0")
