"""Draw a laid-out graph as inline SVG: shapes and colours by kind, size by citations, labels that do not overlap.

Pure text in, text out: the caller hands over plain Drawing values (ids, titles, relative links)
and positions, so this module knows nothing of records or pages, and a golden test can feed it a
hand-built graph. Colours live in graph.css, keyed on the classes written here.
"""

from __future__ import annotations

import math
from itertools import repeat
from collections import defaultdict
from dataclasses import dataclass

from ...kinds import GRAPH_KINDS
from ..escape import attr as _attr, text as _text
from .layout import Point

# Unit outlines (radius about 1) of each kind's node, declared with the kinds; None is a circle.
SHAPES: dict[str, tuple[Point, ...] | None] = {kind.name: kind.shape for kind in GRAPH_KINDS}
FONT = 12.0  # CSS px, at the drawing's default size (1 drawing unit = 1 CSS px)
LABEL_CHARS = 30
PARALLEL_GAP = 4.0  # how far apart two edges between the same records run
CURRENT_RADIUS = 9.0
MAX_RADIUS = 8.5  # rows are 24 px apart: a shape never reaches its neighbour's
MARGIN = 6.0
BAND = 24.0  # height of the strips label placement files boxes in
ARC_REACH = 28.0  # how far left of its column an arc between two records of one column may bow
CURRENT_LABEL_CHARS = 44  # the record a page is about has the top row to itself

# Advance widths in ems of Arial and its metric twins (Liberation Sans, Helvetica), which the theme's
# font stack picks on most systems; text_width adds a tenth for the wider faces (San Francisco,
# DejaVu Sans), so a label measured with them is not wider on screen.
_WIDTHS = {
    **dict.fromkeys("ijl'|", 0.222),
    **dict.fromkeys("ftI.,:;!/ ", 0.278),
    **dict.fromkeys("r()[]-", 0.333),
    "·": 0.333,
    **dict.fromkeys("ckvxyzsJ", 0.5),
    **dict.fromkeys("abdeghnopqu0123456789?$", 0.556),
    "F": 0.611,
    "T": 0.611,
    "Z": 0.611,
    **dict.fromkeys("ABEKPSVXY&", 0.667),
    **dict.fromkeys("CDHNRUw", 0.722),
    **dict.fromkeys("GOQ", 0.778),
    "m": 0.833,
    "M": 0.833,
    "W": 0.944,
    "L": 0.556,
    "…": 1.0,
    "’": 0.222,
    "“": 0.333,
    "”": 0.333,
}
_DEFAULT_WIDTH = 0.72  # any other character, accented and non-Latin letters included
_ASCENT, _DESCENT = 0.95, 0.28  # of the line box the browser measures around a label, in ems


def text_width(text: str, bold: bool = False) -> float:
    """An upper bound on the drawn width of `text` at FONT px, in px."""
    width = sum(map(_WIDTHS.get, text, repeat(_DEFAULT_WIDTH, len(text)))) * FONT
    return width * (1.2 if bold else 1.1) + 2.0


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
    key: str = ""  # '<kind>/<id>': what the address keeps as ?focus=
    hidden: str = ""  # '' drawn at first; 'folded' (a kind the reader turns on) or 'far' (two links away)
    count: int = 0  # folded records linked to this one, written after its label


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
    label_sides: tuple[str, ...] = ("right", "left", "below", "above")  # where a label may go, in order of preference
    label_chars: int = LABEL_CHARS  # longer names are cut, with an ellipsis


@dataclass
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: _Box) -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


def radius(cited: int) -> float:
    """Area grows with citations, up to the row height: a node cited 40 times is not 40 times as wide."""
    return min(MAX_RADIUS, 4.5 + 0.7 * math.sqrt(cited))


def render_svg(drawing: Drawing, positions: dict[str, Point], unit: float = 1.0) -> str:
    """The <svg> element; `positions` are layout units, `unit` is how many pixels one of them spans.

    The SVG is as wide as its drawing (one unit, one CSS px): the page scrolls it rather than
    shrinking its 12 px labels. Its viewBox shows the records drawn at first; when some are hidden
    until the reader asks for them (folded kinds, a second hop), `data-full` holds the viewBox
    that shows them all.
    """
    at = {n.id: (positions[n.id][0] * unit, positions[n.id][1] * unit) for n in drawing.nodes}
    radii = {n.id: CURRENT_RADIUS if n.current else radius(n.cited) for n in drawing.nodes}
    labels = _place_labels(drawing, at, radii)
    hidden = {n.id: n.hidden for n in drawing.nodes}

    def extent(ids) -> _Box:
        boxes = [_Box(at[i][0] - radii[i], at[i][1] - radii[i], at[i][0] + radii[i], at[i][1] + radii[i]) for i in ids]
        boxes += [labels[i][1] for i in ids if i in labels]
        return _Box(min(b.left for b in boxes) - MARGIN, min(b.top for b in boxes) - MARGIN, max(b.right for b in boxes) + MARGIN, max(b.bottom for b in boxes) + MARGIN)

    full = extent(at)
    shown = extent([i for i in at if not hidden[i]] or list(at))
    at = {i: (x - full.left, y - full.top) for i, (x, y) in at.items()}
    labels = {i: ((x - full.left, y - full.top), _Box(b.left - full.left, b.top - full.top, b.right - full.left, b.bottom - full.top), anchor) for i, ((x, y), b, anchor) in labels.items()}
    view = (shown.left - full.left, shown.top - full.top, shown.right - shown.left, shown.bottom - shown.top)
    whole = (0.0, 0.0, full.right - full.left, full.bottom - full.top)
    number = {n.id: str(k) for k, n in enumerate(drawing.nodes)}
    d = drawing.dom_id
    extra = f' data-full="{" ".join(_n(v) for v in whole)}"' if view != whole else ""
    out = [
        f'<svg class="smf-graph__svg" id="{d}-svg" viewBox="{" ".join(_n(v) for v in view)}" width="{_n(view[2])}" height="{_n(view[3])}"{extra} '
        f'role="group" aria-labelledby="{d}-title" aria-describedby="{d}-desc" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="{d}-title">{_text(drawing.title)}</title>',
        f'<desc id="{d}-desc">{_text(drawing.description)}</desc>',
        f'<defs><marker id="{d}-arrow" class="smf-graph__arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 1L10 5L0 9z"/></marker></defs>',
        f'<g class="smf-graph__edges" marker-end="url(#{d}-arrow)">',
    ]
    for edge, path in _edge_paths(drawing.edges, at, radii, labels):
        state = hidden[edge.source] or hidden[edge.target]
        state = "folded" if "folded" in (hidden[edge.source], hidden[edge.target]) else state
        out.append(f'<path class="smf-e smf-e--{edge.type}{" is-" + state if state else ""}" data-type="{edge.type}" data-s="{number[edge.source]}" data-t="{number[edge.target]}" d="{path}"><title>{_text(edge.title)}</title></path>')
    out.append('</g><g class="smf-graph__nodes">')
    # xlink:href, not href: Material's instant navigation rewrites every [href] of a page it loads with
    # `el.href = el.href`, which throws on an SVG link (its href is read-only) and stops the navigation.
    for node in drawing.nodes:
        x, y = at[node.id]
        classes = f"smf-n smf-n--{node.kind}" + (" is-current" if node.current else "") + (f" is-{node.hidden}" if node.hidden else "")
        aria = ' aria-current="page"' if node.current else ""
        key = f' data-key="{_attr(node.key)}"' if node.key else ""
        out.append(f'<a class="{classes}" data-n="{number[node.id]}"{key} xlink:href="{_attr(node.href)}"{aria}><title>{_text(node.title)}</title>{node_shape(node.kind, x, y, radii[node.id])}')
        if node.id in labels:
            (lx, ly), _, anchor = labels[node.id]
            count = f'<tspan class="smf-l__count"> · {node.count}</tspan>' if node.count else ""
            name = _short(node.label, CURRENT_LABEL_CHARS if node.current else drawing.label_chars)
            out.append(f'<text class="smf-l" x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}">{_text(name)}{count}</text>')
        out.append("</a>")
    out.append("</g></svg>")
    return "\n".join(out)


def node_shape(kind: str, x: float, y: float, r: float) -> str:
    outline = SHAPES[kind]
    if outline is None:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
    points = " ".join(f"{_n(x + r * ux)},{_n(y + r * uy)}" for ux, uy in outline)
    return f'<polygon points="{points}"/>'


def _edge_paths(edges: tuple[DrawEdge, ...], at: dict[str, Point], radii: dict[str, float], labels: dict[str, tuple[Point, _Box, str]]):
    """One path per edge, in the given order; edges between the same two records run side by side so each stays visible and hoverable.

    An edge that leaves a record towards the right, past the record's own label, starts at the end
    of the label rather than at the shape, so no line runs through a name; two records in one
    column are joined by an arc on the column's left.
    """
    bundles: dict[tuple[str, str], list[DrawEdge]] = defaultdict(list)
    for edge in edges:
        bundles[_pair(edge)].append(edge)
    for edge in edges:
        bundle = bundles[_pair(edge)]
        bow = (bundle.index(edge) - (len(bundle) - 1) / 2) * PARALLEL_GAP
        if edge.source != _pair(edge)[0]:
            bow = -bow  # the bow is measured on the pair's fixed orientation, not the edge's
        yield edge, _path(edge.source, edge.target, at, radii, labels, bow)


def _pair(edge: DrawEdge) -> tuple[str, str]:
    return (edge.source, edge.target) if edge.source <= edge.target else (edge.target, edge.source)


def _end(node: str, other: str, at, radii, labels, gap: float) -> tuple[Point, str]:
    """Where an edge meets `node`, coming from `other`, and from which side: 'right' (after the label), 'left', 'below' or 'free'."""
    (x, y), (ox, oy) = at[node], at[other]
    r = radii[node] + gap
    label = labels.get(node)
    if label and label[2] == "start" and ox > label[1].right + 8:
        return (label[1].right + gap, y), "right"
    if abs(ox - x) < 1.0:
        return (x - r, y), "left"
    if ox < x - r - 8:
        return (x - r, y), "left"
    if oy > y + r and abs(ox - x) < abs(oy - y) * 4:
        return (x, y + r), "below"
    return _toward((x, y), (ox, oy), r), "free"


def _path(source: str, target: str, at, radii, labels, bow: float) -> str:
    (sx, sy), start_side = _end(source, target, at, radii, labels, 1.0)
    (ex, ey), end_side = _end(target, source, at, radii, labels, 2.5)
    # Edges between the same two records run side by side: shifted across the way they run.
    sx, sy = (sx + bow, sy) if start_side == "below" else (sx, sy + bow)
    ex, ey = (ex + bow, ey) if end_side == "below" else (ex, ey + bow)
    if start_side == end_side == "left":  # same column: an arc on the left, a little deeper the further apart
        reach = 10 + min(ARC_REACH - 10, abs(ey - sy) * 0.15)
        return f"M{_n(sx)} {_n(sy)}C{_n(sx - reach)} {_n(sy)} {_n(ex - reach)} {_n(ey)} {_n(ex)} {_n(ey)}"
    if "below" in (start_side, end_side):  # a tree's branch: down from the record above, then across
        (tx, _), (bx, by) = ((sx, sy), (ex, ey)) if start_side == "below" else ((ex, ey), (sx, sy))
        c1, c2 = (tx, by), (tx + (bx - tx) * 0.4, by)
        if start_side != "below":
            c1, c2 = c2, c1
        return f"M{_n(sx)} {_n(sy)}C{_n(c1[0])} {_n(c1[1])} {_n(c2[0])} {_n(c2[1])} {_n(ex)} {_n(ey)}"
    if start_side == "free" and end_side == "free":
        return f"M{_n(sx)} {_n(sy)}L{_n(ex)} {_n(ey)}"
    half = (ex - sx) / 2  # across columns: leave and arrive level, an S-curve
    return f"M{_n(sx)} {_n(sy)}C{_n(sx + half)} {_n(sy)} {_n(ex - half)} {_n(ey)} {_n(ex)} {_n(ey)}"


def _toward(point: Point, other: Point, distance: float) -> Point:
    dx, dy = other[0] - point[0], other[1] - point[1]
    length = math.sqrt(dx * dx + dy * dy)
    if length <= distance:
        return point
    return point[0] + dx / length * distance, point[1] + dy / length * distance


def _place_labels(drawing: Drawing, at: dict[str, Point], radii: dict[str, float]) -> dict[str, tuple[Point, _Box, str]]:
    """Greedy: the record the page is about first, then the records drawn at first, most prominent first; each label in the first free spot.

    A label never overlaps another label, nor any shape but its own; one with no free spot is left
    out (the drawing shows the name on hover, focus or tap). Labels of records hidden at first are
    placed after every visible one, so showing them never covers a name already there.
    """
    # Boxes are filed by horizontal band, so a label is checked only against what lies at its height.
    shapes: dict[int, list[tuple[str, _Box]]] = defaultdict(list)
    for i, (x, y) in at.items():
        disc = _Box(x - radii[i], y - radii[i], x + radii[i], y + radii[i])
        for band in _bands(disc):
            shapes[band].append((i, disc))
    names: dict[int, list[_Box]] = defaultdict(list)
    placed: dict[str, tuple[Point, _Box, str]] = {}
    ranked = sorted(drawing.nodes, key=lambda n: (not n.current, n.hidden != "", n.prominence))
    for node in ranked[: drawing.label_limit]:
        for spot in _label_spots(node, at[node.id], radii[node.id], drawing.label_sides, drawing.label_chars):
            box = spot[1]
            bands = _bands(box)
            if any(box.overlaps(other) for band in bands for other in names[band]):
                continue
            if any(box.overlaps(disc) for band in bands for other, disc in shapes[band] if other != node.id):
                continue
            placed[node.id] = spot
            for band in bands:
                names[band].append(box)
            break
    return placed


def _bands(box: _Box) -> range:
    return range(math.floor(box.top / BAND), math.floor(box.bottom / BAND) + 1)


def _label_spots(node: DrawNode, at: Point, r: float, sides: tuple[str, ...], chars: int) -> list[tuple[Point, _Box, str]]:
    """Right, left, below, above (those of `sides`): where a label may go, with the box it would cover."""
    x, y = at
    width = text_width(label_text(node, chars), bold=node.current)
    baseline = FONT * 0.35  # from the middle of the text to its baseline
    places = {
        "right": ((x + r + 4, y + baseline), "start"),
        "left": ((x - r - 4, y + baseline), "end"),
        "below": ((x, y + r + FONT), "middle"),
        "above": ((x, y - r - 4), "middle"),
    }
    spots = []
    for side in sides:
        (lx, ly), anchor = places[side]
        start = lx if anchor == "start" else lx - width if anchor == "end" else lx - width / 2
        spots.append(((lx, ly), _Box(start, ly - FONT * _ASCENT, start + width, ly + FONT * _DESCENT), anchor))
    return spots


def label_text(node: DrawNode, chars: int = LABEL_CHARS) -> str:
    """The words drawn for a node: its name, cut to `chars`, and the count of folded records."""
    return _short(node.label, CURRENT_LABEL_CHARS if node.current else chars) + (f" · {node.count}" if node.count else "")


def _short(label: str, chars: int = LABEL_CHARS) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _n(value: float) -> str:
    """One decimal is plenty on screen and keeps the file small; '-0.0' would differ from '0.0', so it is folded."""
    text = f"{value:.1f}"
    if text[-1] == "0":
        text = text[:-2]
        return "0" if text == "-0" else text
    return text
