"""A seeded force-directed layout (Fruchterman–Reingold) in plain Python: the same graph always gets the same picture.

Up to EXACT_LIMIT nodes (every record page's neighbourhood, a small site's whole graph) every step
is a plain IEEE add, multiply, divide or square root, which Python performs identically everywhere,
so the SVG is byte-identical across machines. Bigger graphs run the same steps vectorised in numpy,
which is fast (1,000 nodes in about a second) and identical from run to run on one machine.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence

Point = tuple[float, float]

IDEAL = 1.0  # the ideal edge length, k in the paper; callers scale the result to drawing units
EXACT_LIMIT = 60  # up to this many nodes, plain Python; beyond, numpy
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
    start = [complex(*pinned[node]) if node in pinned else _start(seed, node, spread) for node in ids]
    steps = iterations if iterations is not None else _default_iterations(len(ids))
    if len(ids) > EXACT_LIMIT:
        return _vectorised_layout(ids, pairs, start, [node in pinned for node in ids], steps, spread)
    pos = start
    fixed = [node in pinned for node in ids]
    for step in range(steps):
        temperature = spread * 0.1 * (1.0 - step / steps) + IDEAL * 0.01
        disp = [0j] * len(ids)
        _repel_all(pos, disp)
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


def _vectorised_layout(ids: list[str], pairs: list[tuple[int, int]], start: list[complex], fixed: list[bool], steps: int, spread: float) -> dict[str, Point]:
    """The same Fruchterman–Reingold steps with every pair at once in numpy: a thousand nodes in about a second.

    numpy may sum in a different order on another processor, so positions can differ in the last
    bits between machines; on one machine the same records always give the same picture, and the
    SVG rounds coordinates to a tenth of a pixel.
    """
    import numpy as np

    count = len(ids)
    # Single precision: half the memory traffic on the n×n arrays, and drawings round to 0.1 px anyway.
    x = np.array([p.real for p in start], dtype=np.float32)
    y = np.array([p.imag for p in start], dtype=np.float32)
    movable = ~np.array(fixed, dtype=bool)
    if pairs:
        first, second = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
    else:
        first = second = np.zeros(0, dtype=np.int64)
    k2 = IDEAL * IDEAL
    # The n×n work arrays are allocated once and reused: allocating them on every step was half the time.
    dx, dy, d2 = (np.empty((count, count), dtype=np.float32) for _ in range(3))
    diagonal = np.arange(count)
    for step in range(steps):
        temperature = spread * 0.1 * (1.0 - step / steps) + IDEAL * 0.01
        np.subtract(x[:, None], x[None, :], out=dx)
        np.subtract(y[:, None], y[None, :], out=dy)
        np.multiply(dx, dx, out=d2)
        d2 += dy * dy
        d2[d2 == 0.0] = 1e-4  # two nodes on one spot: a strong push apart
        d2[diagonal, diagonal] = np.inf
        np.divide(k2, d2, out=d2)
        disp_x = np.einsum("ij,ij->i", dx, d2)
        disp_y = np.einsum("ij,ij->i", dy, d2)
        pull_x, pull_y = x[first] - x[second], y[first] - y[second]
        stretch = np.hypot(pull_x, pull_y) / IDEAL
        pull_x, pull_y = pull_x * stretch, pull_y * stretch
        disp_x -= np.bincount(first, pull_x, count) - np.bincount(second, pull_x, count)
        disp_y -= np.bincount(first, pull_y, count) - np.bincount(second, pull_y, count)
        move_x, move_y = disp_x - x * GRAVITY, disp_y - y * GRAVITY
        length = np.hypot(move_x, move_y)
        scale = np.where(length > temperature, temperature / np.maximum(length, 1e-12), 1.0) * movable
        x += (move_x * scale).astype(np.float32)
        y += (move_y * scale).astype(np.float32)
    return {node: (float(x[i]), float(y[i])) for i, node in enumerate(ids)}


def _default_iterations(count: int) -> int:
    # Small graphs settle fast; big ones need more steps but each step costs more.
    return 120 if count <= EXACT_LIMIT else 160 if count <= 300 else 120


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


def radial_layout(centre: str, rings: Sequence[Sequence[str]], spacing: float = IDEAL * 1.6) -> dict[str, Point]:
    """The centre at the origin and each ring of nodes evenly round a circle, in the order given.

    Used for record-page neighbourhoods: linear in the number of nodes, so every page of a
    10,000-record site can carry its drawing, and the picture reads the same on every page
    (the record in the middle, one hop on the first ring, two hops outside it).
    """
    positions: dict[str, Point] = {centre: (0.0, 0.0)}
    for depth, ring in enumerate(rings, 1):
        count = len(ring)
        # Enough circumference that neighbours on a ring stay about `spacing` apart.
        radius = max(spacing * depth * 1.5, spacing * count / (2 * math.pi))
        offset = 0.5 * (depth - 1)  # stagger rings so outer nodes fall between inner ones
        for index, node in enumerate(ring):
            angle = 2 * math.pi * (index + offset) / count - math.pi / 2
            positions[node] = (round(radius * math.cos(angle), 6), round(radius * math.sin(angle), 6))
    return positions
