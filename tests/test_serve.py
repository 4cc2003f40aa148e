"""`smf serve`, the editors' preview: a saved edit reaches the served page, and search still covers every page.

The preview rebuilds only the pages the generator rewrote (`mkdocs serve --dirty`), and Material's
search plugin merges them into the previous index. An edit rewrites many pages; without
generator/engine/plugins.py all but one of them would be listed once more after every save.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from generator.engine import mkdocs_serve

from .conftest import edit_file

CASE = "studio-face-swap"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def _search_entries(base: str) -> list[dict]:
    return json.loads(_get(base + "/search/search_index.json") or "{}").get("docs", [])


@contextmanager
def _preview(project) -> Iterator[str]:
    """`smf serve` on the project; yields its base URL once the first build is served."""
    base = f"http://127.0.0.1:{_free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--root", str(project.root), "serve", "--address", base.removeprefix("http://")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    said: list[str] = []  # smf's own lines on stderr, read as they come
    reader = threading.Thread(target=lambda: said.extend(iter(server.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        _wait_until(lambda: "</html>" in (_get(f"{base}/tags/") or ""), 180, "the first build")
        # Ready when a save is seen: save a record unchanged and wait for smf to say it regenerated.
        tags = project.sources / "tags.yaml"
        tags.write_bytes(tags.read_bytes())
        _wait_until(lambda: any(line.startswith("smf: regenerated") for line in said), 60, "the watcher to see a save")
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.slow  # runs MkDocs
def test_an_edit_is_served_within_seconds_and_search_still_covers_every_page(mini_project):
    with _preview(mini_project) as base:
        page = f"{base}/case-studies/{CASE}/"
        before = Counter(entry["location"] for entry in _search_entries(base))
        assert f"case-studies/{CASE}/" in before and len(before) > 50
        source = mini_project.sources / "case-studies" / f"{CASE}.yaml"
        for edit in ("First", "Second"):
            edit_file(source, "title: ", f"title: {edit} edit of ")
            _wait_until(lambda edit=edit: f"{edit} edit of" in (_get(page) or ""), 120, f"the {edit.lower()} edit on the case page")
            titles = _wait_until(lambda edit=edit: [e["title"] for e in _search_entries(base) if f"{edit} edit of" in e["title"]], 60, "the new title in the search index")
            assert len(titles) == 1
            # Every page is still searchable, and each section is listed once: none lost, none doubled.
            assert Counter(entry["location"] for entry in _search_entries(base)) == before


def _tag_listing(base: str) -> dict[str, set[str]]:
    """The case studies listed under each tag on /tags/, by tag anchor."""
    html = _get(f"{base}/tags/") or ""
    sections = re.split(r'<h3 id="tag:', html)[1:]
    return {section.split('"', 1)[0]: set(re.findall(r'href="\.\./case-studies/([^/"]+)/"', section.split("</ul>", 1)[0])) for section in sections}


@pytest.mark.slow  # runs MkDocs
def test_the_tag_listing_stays_complete_when_tags_change_in_the_preview(mini_project):
    with _preview(mini_project) as base:
        assert _tag_listing(base) == {"consent": {CASE}, "labels": {CASE, "platform-labels"}}
        # A record gains a tag: its page and /tags/ are rebuilt, the other pages are not.
        edit_file(mini_project.sources / "case-studies" / f"{CASE}.yaml", "tags: [consent, labels]", "tags: [consent, elections, labels]")
        _wait_until(lambda: "elections" in _tag_listing(base), 120, "the new tag on /tags/")
        assert _tag_listing(base) == {"consent": {CASE}, "elections": {CASE}, "labels": {CASE, "platform-labels"}}
        # A tag is renamed: only /tags/ and the pages carrying it change.
        edit_file(mini_project.sources / "tags.yaml", "title: Labels}", "title: Content labels}")
        _wait_until(lambda: "content-labels" in _tag_listing(base), 120, "the renamed tag on /tags/")
        assert _tag_listing(base) == {"consent": {CASE}, "content-labels": {CASE, "platform-labels"}, "elections": {CASE}}


def test_the_preview_rebuilds_only_changed_pages_unless_asked_for_full_rebuilds(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **kwargs: seen.append(command))
    mkdocs_serve(tmp_path / "mkdocs.yml", "127.0.0.1:1")
    mkdocs_serve(tmp_path / "mkdocs.yml", "127.0.0.1:1", full=True)
    assert "--dirty" in seen[0] and "--no-strict" in seen[0]
    assert "--dirty" not in seen[1] and "--no-strict" not in seen[1]
