"""`smf serve`, the editors' preview: a saved edit reaches the served page, and search still covers every page.

The preview rebuilds only the pages the generator rewrote (`mkdocs serve --dirty`). Material's
search plugin then merges the rebuilt pages into the previous index; this checks that the index
after an edit still lists every page, and that the edited title is found.
"""

from __future__ import annotations

import json
import os
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


def _search_locations(base: str) -> set[str]:
    index = json.loads(_get(base + "/search/search_index.json") or "{}")
    return {doc["location"].split("#")[0] for doc in index.get("docs", [])}


def test_an_edit_is_served_within_seconds_and_search_still_covers_every_page(mini_project):
    base = f"http://127.0.0.1:{_free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--root", str(mini_project.root), "serve", "--address", base.removeprefix("http://")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        page = f"{base}/case-studies/{CASE}/"
        _wait_until(lambda: "</html>" in (_get(page) or ""), 180, "the first build")
        before = _search_locations(base)
        assert f"case-studies/{CASE}/" in before and len(before) > 10
        time.sleep(1.5)  # the watcher's own start-up

        source = mini_project.sources / "case-studies" / f"{CASE}.yaml"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("title: ", "title: Previewed ", 1), encoding="utf-8")
        _wait_until(lambda: "Previewed" in (_get(page) or ""), 120, "the edited title on the case page")

        after = _wait_until(lambda: (found := _search_locations(base)) and any("Previewed" in t for t in _titles(base)) and found, 60, "the search index to hold the new title")
        assert after == before  # every page is still searchable, none lost to the partial rebuild
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _titles(base: str) -> list[str]:
    index = json.loads(_get(base + "/search/search_index.json") or "{}")
    return [doc.get("title", "") for doc in index.get("docs", [])]


def test_the_preview_rebuilds_only_changed_pages_unless_asked_for_full_rebuilds(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **kwargs: seen.append(command))
    mkdocs_serve(tmp_path / "mkdocs.yml", "127.0.0.1:1")
    mkdocs_serve(tmp_path / "mkdocs.yml", "127.0.0.1:1", full=True)
    assert "--dirty" in seen[0] and "--no-strict" in seen[0]
    assert "--dirty" not in seen[1] and "--no-strict" not in seen[1]
