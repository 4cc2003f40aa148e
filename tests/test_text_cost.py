"""Renderers of record text take time in proportion to the text: each hostile shape is timed at two
sizes, and the bigger must not cost much more than its share (no absolute timings: machines differ)."""

from __future__ import annotations

import time

import pytest

from generator.render.text import inline, markdown_text, one_line, table_cell

SMALL, FACTOR = 1_000, 30
# Linear work grows 30x; quadratic work 900x. The bound leaves room for noise on a busy machine.
MAX_RATIO = 150
SHAPES = {
    "open-brackets": "[",
    "link-starts": "[a](",
    "bracket-parens": "](",
    "nested-parens": "[a]((",
    "unclosed-targets": "[a](b",
    "stars-and-underscores": "*_",
    "backticks": "`",
    "sentences": "a. ",
}


def _best_time(function, text: str) -> float:
    """Seconds per call, the best of five rounds of enough calls to last a few milliseconds."""
    calls, best = 1, float("inf")
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            function(text)
        if time.perf_counter() - start > 0.005:
            break
        calls *= 4
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls):
            function(text)
        best = min(best, (time.perf_counter() - start) / calls)
    return best


@pytest.mark.parametrize("function", [one_line, markdown_text, inline, table_cell], ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_text_renderers_are_linear(function, shape: str) -> None:
    unit = SHAPES[shape]
    small = unit * (SMALL // len(unit))
    big = unit * (SMALL * FACTOR // len(unit))
    # A linear baseline on the same texts: if even that grows faster (a cache effect), allow the same.
    baseline = _best_time(str.split, big) / _best_time(str.split, small)
    ratio = _best_time(function, big) / _best_time(function, small)
    assert ratio < MAX_RATIO * max(1.0, baseline / FACTOR), f"{function.__name__} on {shape}: {FACTOR}x the text took {ratio:.0f}x the time"


def test_one_line_still_drops_link_targets() -> None:
    assert one_line("See [the label](https://x.org/a_(b)) and [more](../x.md). Next.") == "See the label and more."
