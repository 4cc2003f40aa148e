"""`smf serve`, the editors' preview: a saved edit reaches the served page, and search still covers every page.

The preview rebuilds only the pages the generator rewrote (`mkdocs serve --dirty`), and Material's
search plugin merges them into the previous index. An edit rewrites many pages; without
generator/mkdocs_plugins.py all but one of them would be listed once more after every save.
"""

from __future__ import annotations

import json
import os
from collections import Counter
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from generator.engine import mkdocs_serve

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


def test_an_edit_is_served_within_seconds_and_search_still_covers_every_page(mini_project):
    base = f"http://127.0.0.1:{_free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--root", str(mini_project.root), "serve", "--address", base.removeprefix("http://")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        page = f"{base}/case-studies/{CASE}/"
        _wait_until(lambda: "</html>" in (_get(page) or ""), 180, "the first build")
        before = Counter(entry["location"] for entry in _search_entries(base))
        assert f"case-studies/{CASE}/" in before and len(before) > 50
        time.sleep(1.5)  # the watcher's own start-up

        source = mini_project.sources / "case-studies" / f"{CASE}.yaml"
        original = source.read_text(encoding="utf-8")
        for edit in ("First", "Second"):
            source.write_text(original.replace("title: ", f"title: {edit} edit of ", 1), encoding="utf-8")
            _wait_until(lambda: f"{edit} edit of" in (_get(page) or ""), 120, f"the {edit.lower()} edit on the case page")
            titles = _wait_until(lambda: [e["title"] for e in _search_entries(base) if f"{edit} edit of" in e["title"]], 60, "the new title in the search index")
            assert len(titles) == 1
            # Every page is still searchable, and each section is listed once: none lost, none doubled.
            assert Counter(entry["location"] for entry in _search_entries(base)) == before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_preview_rebuilds_only_changed_pages_unless_asked_for_full_rebuilds(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **kwargs: seen.append(command))
    mkdocs_serve(tmp_path / "mkdocs.yml", "127.0.0.1:1")
    mkdocs_serve(tmp_path / "mkdocs.yml", "127.0.0.1:1", full=True)
    assert "--dirty" in seen[0] and "--no-strict" in seen[0]
    assert "--dirty" not in seen[1] and "--no-strict" not in seen[1]
