"""Draw a laid-out graph as inline SVG: shapes and colours by kind, size by citations, labels that do not overlap.

Pure text in, text out: the caller hands over plain Drawing values (ids, titles, relative links)
and positions, so this module knows nothing of records or pages, and a golden test can feed it a
hand-built graph. Colours live in graph.css, keyed on the classes written here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from ...kinds import GRAPH_KINDS
from ..escape import attr as _attr, text as _text
from .layout import Point

# Unit outlines (radius about 1) of each kind's node, declared with the kinds; None is a circle.
SHAPES: dict[str, tuple[Point, ...] | None] = {kind.name: kind.shape for kind in GRAPH_KINDS}
FONT = 12.0
CHAR_WIDTH = 0.58  # average glyph width of the theme's sans-serif, in ems; enough to keep boxes apart
LABEL_CHARS = 30
PARALLEL_GAP = 9.0
CURRENT_RADIUS = 10.0  # how far apart two edges between the same records bow


@dataclass(frozen=True)
class DrawNode:
    id: str
    kind: str
    title: str  # the full title, shown on hover and read by screen readers
    label: str  # a short name, drawn when there is room
    href: str  # relative to the page the drawing appears on
    cited: int  # sizes the node
    prominence: tuple  # sorts most important first: who gets a label
    current: bool = False


@dataclass(frozen=True)
class DrawEdge:
    source: str
    target: str
    type: str
    title: str  # e.g. 'A cites B'


@dataclass(frozen=True)
class Drawing:
    dom_id: str
    title: str
    description: str
    nodes: tuple[DrawNode, ...]
    edges: tuple[DrawEdge, ...]
    label_limit: int


@dataclass
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: _Box) -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


def radius(cited: int) -> float:
    """Area grows with citations, so a node cited 40 times is not 40 times as wide."""
    return 4.0 + 2.2 * math.sqrt(cited)


def render_svg(drawing: Drawing, positions: dict[str, Point], unit: float) -> str:
    """The <svg> element; `positions` are layout units, `unit` is how many pixels one of them spans."""
    at = {n.id: (positions[n.id][0] * unit, positions[n.id][1] * unit) for n in drawing.nodes}
    # The record a page is about stays big enough to find, however rarely it is cited.
    radii = {n.id: max(radius(n.cited), CURRENT_RADIUS) if n.current else radius(n.cited) for n in drawing.nodes}
    labels = _place_labels(drawing, at, radii)
    boxes = [_Box(x - radii[i], y - radii[i], x + radii[i], y + radii[i]) for i, (x, y) in at.items()] + [b for _, b, _ in labels.values()]
    margin = 8.0
    left = min(b.left for b in boxes) - margin
    top = min(b.top for b in boxes) - margin
    width = max(b.right for b in boxes) + margin - left
    height = max(b.bottom for b in boxes) + margin - top
    at = {i: (x - left, y - top) for i, (x, y) in at.items()}
    placed = {i: (x - left, y - top, anchor) for i, ((x, y), _, anchor) in labels.items()}
    number = {n.id: str(k) for k, n in enumerate(drawing.nodes)}
    d = drawing.dom_id
    out = [
        f'<svg class="smf-graph__svg" id="{d}-svg" viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'role="group" aria-labelledby="{d}-title" aria-describedby="{d}-desc" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="{d}-title">{_text(drawing.title)}</title>',
        f'<desc id="{d}-desc">{_text(drawing.description)}</desc>',
        f'<defs><marker id="{d}-arrow" class="smf-graph__arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'markerUnits="userSpaceOnUse" orient="auto"><path d="M0 1L10 5L0 9z"/></marker></defs>',
        f'<g class="smf-graph__edges" marker-end="url(#{d}-arrow)">',
    ]
    for edge, path in _edge_paths(drawing.edges, at, radii):
        out.append(
            f'<path class="smf-e smf-e--{edge.type}" data-type="{edge.type}" data-s="{number[edge.source]}" data-t="{number[edge.target]}" '
            f'd="{path}"><title>{_text(edge.title)}</title></path>'
        )
    out.append('</g><g class="smf-graph__nodes">')
    # xlink:href, not href: Material's instant navigation rewrites every [href] of a page it loads with
    # `el.href = el.href`, which throws on an SVG link (its href is read-only) and stops the navigation.
    for node in drawing.nodes:
        x, y = at[node.id]
        current = " is-current" if node.current else ""
        aria = ' aria-current="page"' if node.current else ""
        out.append(
            f'<a class="smf-n smf-n--{node.kind}{current}" data-kind="{node.kind}" data-n="{number[node.id]}" xlink:href="{_attr(node.href)}"{aria}>'
            f"<title>{_text(node.title)}</title>{node_shape(node.kind, x, y, radii[node.id])}"
        )
        if node.id in placed:
            lx, ly, anchor = placed[node.id]
            out.append(f'<text class="smf-l" x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}">{_text(_short(node.label))}</text>')
        out.append("</a>")
    out.append("</g></svg>")
    return "\n".join(out)


def node_shape(kind: str, x: float, y: float, r: float) -> str:
    outline = SHAPES[kind]
    if outline is None:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
    points = " ".join(f"{_n(x + r * ux)},{_n(y + r * uy)}" for ux, uy in outline)
    return f'<polygon points="{points}"/>'


def _edge_paths(edges: tuple[DrawEdge, ...], at: dict[str, Point], radii: dict[str, float]):
    """One path per edge, in the given order; edges between the same two records bow apart so each stays visible and hoverable."""
    bundles: dict[tuple[str, str], list[DrawEdge]] = defaultdict(list)
    for edge in edges:
        bundles[_pair(edge)].append(edge)
    for edge in edges:
        bundle = bundles[_pair(edge)]
        bow = (bundle.index(edge) - (len(bundle) - 1) / 2) * PARALLEL_GAP
        if edge.source != _pair(edge)[0]:
            bow = -bow  # the bow is measured on the pair's fixed orientation, not the edge's
        yield edge, _path(at[edge.source], at[edge.target], radii[edge.source], radii[edge.target] + 1.5, bow)


def _pair(edge: DrawEdge) -> tuple[str, str]:
    return (edge.source, edge.target) if edge.source <= edge.target else (edge.target, edge.source)


def _path(start: Point, end: Point, start_gap: float, end_gap: float, bow: float) -> str:
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.sqrt(dx * dx + dy * dy) or 1.0
    cx, cy = (x1 + x2) / 2 - dy / length * bow, (y1 + y2) / 2 + dx / length * bow
    sx, sy = _toward(start, (cx, cy), start_gap)
    ex, ey = _toward(end, (cx, cy), end_gap)
    if bow == 0:
        return f"M{_n(sx)} {_n(sy)}L{_n(ex)} {_n(ey)}"
    return f"M{_n(sx)} {_n(sy)}Q{_n(cx)} {_n(cy)} {_n(ex)} {_n(ey)}"


def _toward(point: Point, other: Point, distance: float) -> Point:
    dx, dy = other[0] - point[0], other[1] - point[1]
    length = math.sqrt(dx * dx + dy * dy)
    if length <= distance:
        return point
    return point[0] + dx / length * distance, point[1] + dy / length * distance


def _place_labels(drawing: Drawing, at: dict[str, Point], radii: dict[str, float]) -> dict[str, tuple[Point, _Box, str]]:
    """Greedy: the most prominent nodes first, each label in the first spot around its node that is free.

    Labels never overlap one another. They avoid other nodes where they can; in a crowded drawing a
    label may cover a node rather than vanish (its halo keeps it readable).
    """
    discs = {i: _Box(x - radii[i], y - radii[i], x + radii[i], y + radii[i]) for i, (x, y) in at.items()}
    placed: dict[str, tuple[Point, _Box, str]] = {}
    ranked = sorted(drawing.nodes, key=lambda n: (not n.current, n.prominence))
    for node in ranked[: drawing.label_limit]:
        chosen = None
        for spot in _label_spots(node, at[node.id], radii[node.id]):
            if any(spot[1].overlaps(box) for _, box, _ in placed.values()):
                continue
            if not any(spot[1].overlaps(disc) for other, disc in discs.items() if other != node.id):
                chosen = spot  # the first free spot clear of other nodes
                break
            chosen = chosen or spot  # else the first free spot
        if chosen:
            placed[node.id] = chosen
    return placed


def _label_spots(node: DrawNode, at: Point, r: float) -> list[tuple[Point, _Box, str]]:
    """Right, left, below, above: where a label may go, with the box it would cover."""
    x, y = at
    width = len(_short(node.label)) * FONT * CHAR_WIDTH
    baseline = FONT * 0.35  # from the middle of the text to its baseline
    spots = []
    for (lx, ly), anchor in (
        ((x + r + 3, y + baseline), "start"),
        ((x - r - 3, y + baseline), "end"),
        ((x, y + r + FONT), "middle"),
        ((x, y - r - 3), "middle"),
    ):
        start = lx if anchor == "start" else lx - width if anchor == "end" else lx - width / 2
        spots.append(((lx, ly), _Box(start, ly - FONT * 0.85, start + width, ly + FONT * 0.15), anchor))
    return spots


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"




def _n(value: float) -> str:
    """One decimal is plenty on screen and keeps the file small; '-0.0' would differ from '0.0', so it is folded."""
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text[:-2] if text.endswith(".0") else text
