"""The editing loop under `smf serve`: save one edited case-study YAML, wait until the rebuilt page is served.

The server runs in its own process group, started and stopped here. Each edit appends a unique
marker to the case's title; the clock runs from the moment the file is saved to the first HTTP
response of the case page that contains the marker. smf writes the edited record's page first and
the other pages it affects after; the time until MkDocs has rebuilt those too is reported as
`complete_seconds`. smf's own line ("regenerated in … ms, N files changed") gives the generator's
share and how many files it rewrote.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

REGENERATED = re.compile(r"smf: regenerated in (\d+) ms, (\d+) files changed")


class Server:
    def __init__(self, root: Path, port: int, full: bool = False):
        self.url = f"http://127.0.0.1:{port}"
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.backlog: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "--root", str(root), "serve", "--address", f"127.0.0.1:{port}", *(["--full"] if full else [])],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def page(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return None

    def wait_for(self, path: str, contains: str, timeout: float) -> float | None:
        """Seconds until the page at `path` holds `contains` (polled every 50 ms), or None."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError("smf serve stopped: " + " | ".join(self.drain()[-5:]))
            body = self.page(path)
            if body is not None and contains in body:
                return time.perf_counter()
            time.sleep(0.05)
        return None

    def drain(self) -> list[str]:
        """Every line since the last drain (including those wait_for_line went through)."""
        out, self.backlog = self.backlog, []
        while not self.lines.empty():
            out.append(self.lines.get()[1])
        return out

    def wait_for_line(self, text: str, timeout: float) -> tuple[float, str] | None:
        """(when it was printed, the line) of the next line holding `text`, or None."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                when, line = self.lines.get(timeout=max(0.01, deadline - time.perf_counter()))
            except queue.Empty:
                return None
            self.backlog.append(line)
            if text in line:
                return when, line
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def measure_editing(root: Path, case_id: str, edits: int, port: int, start_timeout: float = 1800, edit_timeout: float = 900, full: bool = False) -> dict:
    source = root / "sources" / "case-studies" / f"{case_id}.yaml"
    original = source.read_text(encoding="utf-8")
    title = yaml.safe_load(original)["title"]
    page = f"/case-studies/{case_id}/"
    server = Server(root, port, full)
    results = []
    try:
        started = time.perf_counter()
        if server.wait_for(page, "</html>", start_timeout) is None:
            raise RuntimeError(f"{page} was not served within {start_timeout:.0f} s")
        first_serve = time.perf_counter() - started
        server.wait_for_line("Serving on", 30)
        time.sleep(2)
        server.drain()
        for number in range(edits):
            marker = f"benchedit{number}x{os.getpid()}"
            edited = re.sub(r"(?m)^title:.*$", lambda _, marker=marker: "title: " + json.dumps(f"{title} {marker}"), original, count=1)
            source.write_text(edited, encoding="utf-8")
            saved = time.perf_counter()
            served = server.wait_for(page, marker, edit_timeout)
            if served is None:
                raise RuntimeError(f"the edit {marker} was not served within {edit_timeout:.0f} s")
            # Then the rest: the generator's run over the whole site, and MkDocs rebuilding what it rewrote.
            if server.wait_for_line("smf: regenerated", edit_timeout) is None:
                raise RuntimeError(f"smf did not finish regenerating after the edit {marker}")
            reloaded = server.wait_for_line("Reloading browsers", 120)
            complete = reloaded[0] if reloaded else time.perf_counter()
            time.sleep(1)
            # An editor's save can reach the watcher as several events, and so start more than one
            # regeneration; the later ones find nothing to rewrite. All of them count.
            found = [m for m in map(REGENERATED.search, server.drain()) if m]
            results.append(
                {
                    "seconds": served - saved,
                    "complete_seconds": max(complete, served) - saved,
                    "regenerations": len(found),
                    "generator_ms": sum(int(m.group(1)) for m in found) if found else None,
                    "files_rewritten": sum(int(m.group(2)) for m in found) if found else None,
                }
            )
    finally:
        source.write_text(original, encoding="utf-8")
        server.stop()
    return {"case": case_id, "full": full, "first_serve_seconds": first_serve, "edits": results}
