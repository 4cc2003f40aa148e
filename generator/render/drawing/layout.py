"""Layouts for the graph drawings: columns of records, one row each, so that every name has room.

/graph/ draws the site's structure in columns by kind (`ordered_columns` then `column_positions`);
a record page draws its neighbourhood as a small tree (`tree_positions`): the record at the top,
the records one link away in a column below it, grouped by kind, and those two links away in a
column to their right. Both are plain arithmetic on the given order, linear in the number of
records (the ordering sweeps are linear in the edges per sweep), and give the same picture on every
machine: no random start, no floating-point sums whose order could change.

Ordering inside a column is the barycentre heuristic of layered graph drawing (Sugiyama et al.):
each record moves to the mean position of its neighbours in the column before it, then after it,
a few sweeps, and the order with the fewest edge crossings wins.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

Point = tuple[float, float]

ROW = 24.0  # vertical distance between two records in a column: a 12 px label and room to tap
GAP = 32.0  # from the end of a column's longest label to the next column's shapes
SWEEPS = 6


def ordered_columns(columns: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]], sweeps: int = SWEEPS) -> list[list[str]]:
    """The columns reordered to cross fewer edges; the first order given breaks ties, so the result is deterministic."""
    layer = {node: k for k, column in enumerate(columns) for node in column}
    near: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        if a in layer and b in layer and a != b:
            near[a].append(b)
            near[b].append(a)
    best = [list(c) for c in columns]
    best_count = crossings(best, edges_of(near))
    current = [list(c) for c in columns]
    for sweep in range(sweeps):
        order = range(1, len(current)) if sweep % 2 == 0 else range(len(current) - 2, -1, -1)
        for k in order:
            side = k - 1 if sweep % 2 == 0 else k + 1
            current[k] = _by_barycentre(current[k], current, side, near, layer)
        count = crossings(current, edges_of(near))
        if count < best_count:
            best, best_count = [list(c) for c in current], count
    return best


def edges_of(near: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    return [(a, b) for a, others in near.items() for b in others if a < b]


def _by_barycentre(column: list[str], columns: list[list[str]], side: int, near: Mapping[str, list[str]], layer: Mapping[str, int]) -> list[str]:
    """Each record keyed by where its neighbours sit in the column on `side` (or, lacking any, in every other column)."""
    where = {node: (i + 0.5) / len(c) for c in columns for i, node in enumerate(c)}
    keys = {}
    for i, node in enumerate(column):
        beside = [where[n] for n in near.get(node, ()) if layer[n] == side]
        anywhere = beside or [where[n] for n in near.get(node, ()) if layer[n] != layer[node]]
        keys[node] = (sum(anywhere) / len(anywhere) if anywhere else (i + 0.5) / len(column), i)
    return sorted(column, key=keys.__getitem__)


def crossings(columns: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]]) -> int:
    """How many pairs of edges cross between neighbouring columns (edges that skip a column are not counted)."""
    place = {node: (k, i) for k, column in enumerate(columns) for i, node in enumerate(column)}
    between: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b in edges:
        if a not in place or b not in place:
            continue
        (ka, ia), (kb, ib) = place[a], place[b]
        if abs(ka - kb) == 1:
            between[min(ka, kb)].append((ia, ib) if ka < kb else (ib, ia))
    total = 0
    for pairs in between.values():
        pairs.sort()
        seen: list[int] = []
        for _, right in pairs:
            total += len(seen) - bisect_right(seen, right)  # earlier edges that end lower down: each one crosses
            insort(seen, right)
    return total


def column_positions(columns: Sequence[Sequence[str]], widths: Sequence[float], radius: float) -> dict[str, Point]:
    """Columns side by side, each `widths[k]` wide (shape, label and gap), every column centred on the tallest."""
    tallest = max((len(c) for c in columns), default=0)
    positions: dict[str, Point] = {}
    x = radius
    for column, width in zip(columns, widths, strict=True):
        top = (tallest - len(column)) * ROW / 2
        for i, node in enumerate(column):
            positions[node] = (x, top + i * ROW)
        x += width
    return positions


def tree_positions(centre: str, first: Sequence[Sequence[str]], second: Sequence[str], first_width: float, indent: float = 40.0) -> dict[str, Point]:
    """The centre at the top left; below it, indented, the groups of `first` (half a row apart); `second` in a column to the right.

    `first_width` is how far the second column sits from the first (the first column's labels and a gap).
    """
    positions: dict[str, Point] = {centre: (0.0, 0.0)}
    y = ROW
    for group in first:
        for node in group:
            positions[node] = (indent, y)
            y += ROW
        y += ROW / 2
    for i, node in enumerate(second):
        positions[node] = (indent + first_width, ROW + i * ROW)
    return positions
