"""One self-overwriting status line for the long stages of a build, shown only on a terminal, and
the time each stage took (`smf build --timings`).

An editor building 10,000 case studies waits minutes for MkDocs; the line says which stage runs and
how far it got. Pipes, files and CI logs get nothing, so their output stays exactly as before.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

INTERVAL = 0.1  # seconds between redraws: often enough to look alive, rarely enough to cost nothing


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = _is_terminal(self.stream) and os.environ.get("TERM") != "dumb" and not os.environ.get("CI")
        self.enabled = enabled
        self._drawn = 0.0
        self._visible = False

    def show(self, text: str, force: bool = False) -> None:
        """Replace the status line with `text` (at most every INTERVAL seconds unless forced)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < INTERVAL:
            return
        self._drawn = now
        self.stream.write(f"\r\x1b[K{text}")
        self.stream.flush()
        self._visible = True

    def clear(self) -> None:
        """Remove the status line, leaving the terminal as a plain run would."""
        if self._visible:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._visible = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


SILENT = Progress(enabled=False)


GENERATOR_STAGES = ("load", "validate", "model", "render", "write")


@dataclass
class Timings:
    """Seconds per stage, added up over a run; on a terminal, `progress` shows the stage running now."""

    stages: dict[str, float] = field(default_factory=dict)
    progress: Progress = field(default=SILENT, repr=False, compare=False)

    @contextmanager
    def stage(self, name: str):
        self.progress.show(f"smf: {name}…", force=True)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)

    def add(self, name: str, seconds: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + seconds

    @property
    def generator(self) -> float:
        """Everything before MkDocs."""
        return sum(seconds for name, seconds in self.stages.items() if name in GENERATOR_STAGES)

    def table(self) -> str:
        total = sum(self.stages.values())
        rows = [(name, seconds) for name, seconds in self.stages.items()]
        if "mkdocs" in self.stages:
            rows.insert(list(self.stages).index("mkdocs"), ("generator", self.generator))
        share = (lambda seconds: f" {seconds / total:6.1%}") if total else (lambda seconds: "")
        lines = [f"{name:<10} {seconds * 1000:10.1f} ms{share(seconds)}" for name, seconds in rows]
        return "\n".join(lines + [f"{'total':<10} {total * 1000:10.1f} ms"])
