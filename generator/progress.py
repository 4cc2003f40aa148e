"""One self-overwriting status line for the long stages of a build, shown only on a terminal.

An editor building 10,000 case studies waits minutes for MkDocs; the line says which stage runs and
how far it got. Pipes, files and CI logs get nothing, so their output stays exactly as before.
"""

from __future__ import annotations

import os
import sys
import time
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
