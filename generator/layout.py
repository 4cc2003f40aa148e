"""A seeded force-directed layout (Fruchterman–Reingold) in plain Python: the same graph always gets the same picture.

Why our own code rather than networkx.spring_layout: that needs numpy (and scipy past 500 nodes),
and numpy's vectorised float sums may round differently on other processors, so the SVG would not
be byte-identical from one machine to the next. Here every step is an IEEE add, multiply, divide
or square root, which Python performs identically everywhere. Past EXACT_LIMIT nodes, far-away
nodes repel as grid cells rather than one by one, so 1,000 nodes take seconds, not minutes.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

Point = tuple[float, float]

IDEAL = 1.0  # the ideal edge length, k in the paper; callers scale the result to drawing units
EXACT_LIMIT = 300  # up to this many nodes every pair repels; beyond, far nodes repel in groups
GRAVITY = 0.06  # a weak pull to the centre keeps separate components in view


def force_layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: str = "smf",
    iterations: int | None = None,
    pinned: Mapping[str, Point] | None = None,
) -> dict[str, Point]:
    """Positions for `nodes`, roughly IDEAL apart along `edges`; `pinned` nodes never move.

    Start positions come from a hash of (seed, node id), not from a random sequence, so adding a
    record does not reshuffle everyone else's start.
    """
    ids = list(dict.fromkeys(nodes))
    index = {node: i for i, node in enumerate(ids)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in edges if a != b and a in index and b in index})
    pinned = pinned or {}
    spread = math.sqrt(len(ids)) * IDEAL
    pos = [complex(*pinned[node]) if node in pinned else _start(seed, node, spread) for node in ids]
    fixed = [node in pinned for node in ids]
    steps = iterations if iterations is not None else _default_iterations(len(ids))
    repel = _repel_all if len(ids) <= EXACT_LIMIT else _repel_near
    for step in range(steps):
        temperature = spread * 0.1 * (1.0 - step / steps) + IDEAL * 0.01
        disp = [0j] * len(ids)
        repel(pos, disp)
        for i, j in pairs:
            delta = pos[i] - pos[j]
            distance = math.sqrt(delta.real * delta.real + delta.imag * delta.imag)
            pull = delta * (distance / IDEAL)
            disp[i] -= pull
            disp[j] += pull
        for i, p in enumerate(pos):
            if fixed[i]:
                continue
            move = disp[i] - p * GRAVITY
            length = math.sqrt(move.real * move.real + move.imag * move.imag)
            if length > temperature:
                move = move * (temperature / length)
            pos[i] = p + move
    return {node: (pos[i].real, pos[i].imag) for i, node in enumerate(ids)}


def _default_iterations(count: int) -> int:
    # Small graphs settle fast; big ones need more steps but each step costs more.
    return 120 if count <= 60 else 160 if count <= EXACT_LIMIT else 120


def _start(seed: str, node: str, spread: float) -> complex:
    digest = hashlib.blake2b(f"{seed}\0{node}".encode(), digest_size=8).digest()
    x = int.from_bytes(digest[:4], "big") / 2**32 - 0.5
    y = int.from_bytes(digest[4:], "big") / 2**32 - 0.5
    return complex(x * spread, y * spread)


def _apart(i: int, j: int) -> tuple[complex, float]:
    """Two nodes on the same spot: part them along a direction fixed by their indices."""
    delta = complex(0.01, 0.01 * ((i + j) % 3 - 1))
    return delta, delta.real * delta.real + delta.imag * delta.imag


def _repel_all(pos: list[complex], disp: list[complex]) -> None:
    # Inlined arithmetic, no function per pair: this loop is where small graphs spend their time.
    k2 = IDEAL * IDEAL
    count = len(pos)
    for i in range(count):
        here = pos[i]
        total = 0j
        for j in range(i + 1, count):
            delta = here - pos[j]
            d2 = delta.real * delta.real + delta.imag * delta.imag
            if d2 == 0.0:
                delta, d2 = _apart(i, j)
            force = delta * (k2 / d2)
            total += force
            disp[j] -= force
        disp[i] += total


def _repel_near(pos: list[complex], disp: list[complex]) -> None:
    """Exact repulsion between nodes in the same or touching grid cells; farther cells push as one body from their centroid.

    A one-level Barnes–Hut: about sqrt(n)/3 cells a side, so each node meets a few dozen
    neighbours and every cell meets every other once, instead of n squared pairs.
    """
    k2 = IDEAL * IDEAL
    xs = [p.real for p in pos]
    ys = [p.imag for p in pos]
    side = math.ceil(math.sqrt(len(pos)) / 3)
    size = max(max(xs) - min(xs), max(ys) - min(ys), IDEAL) / side
    left, top = min(xs), min(ys)
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, p in enumerate(pos):
        cells[(math.floor((p.real - left) / size), math.floor((p.imag - top) / size))].append(i)
    for (cx, cy), members in cells.items():
        # Each unordered pair of touching cells once: the cell itself and four of its eight neighbours.
        for dx, dy in ((0, 0), (1, 0), (-1, 1), (0, 1), (1, 1)):
            others = members if (dx, dy) == (0, 0) else cells.get((cx + dx, cy + dy))
            if not others:
                continue
            for a, i in enumerate(members):
                here = pos[i]
                total = 0j
                for j in (others[a + 1 :] if others is members else others):
                    delta = here - pos[j]
                    d2 = delta.real * delta.real + delta.imag * delta.imag
                    if d2 == 0.0:
                        delta, d2 = _apart(i, j)
                    force = delta * (k2 / d2)
                    total += force
                    disp[j] -= force
                disp[i] += total
    bodies = [(key, len(members), sum((pos[i] for i in members), 0j) / len(members)) for key, members in cells.items()]
    for (ax, ay), _, centre in bodies:
        far = 0j
        for (bx, by), mass, other in bodies:
            if abs(ax - bx) <= 1 and abs(ay - by) <= 1:
                continue
            delta = centre - other
            far += delta * (k2 * mass / (delta.real * delta.real + delta.imag * delta.imag))
        for i in cells[(ax, ay)]:
            disp[i] += far
