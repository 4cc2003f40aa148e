"""The typed graph of relations between records: the one source of truth for 'cites', 'cited by', 'case studies exercising this'.

A data structure over any records that have an id and a kind; `resolve` fills it once, with the
model's records, and the Site holds it from then on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from .kinds import GRAPH_KINDS


class Node(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...


# The model's record type. A type variable here: this module knows records only by their id and kind.
AnyRecord = TypeVar("AnyRecord", bound=Node)

EDGE_TYPES = {
    "cites": "cites",
    "about": "is about",
    "exercises": "exercises",
    "by": "is by",
    "supports": "supports",
    "in": "is in",
    "published-by": "is published by",
    "addresses": "addresses",
    "convened-by": "is convened by",
    "sourced-from": "is sourced from",
}
_EDGE_RANK = {type: rank for rank, type in enumerate(EDGE_TYPES)}
NODE_KINDS = tuple(kind.name for kind in GRAPH_KINDS)


def node_order(record: Node) -> tuple[int, str]:
    """Kind, then id: drawings and exports list nodes this way, whatever order the files were read in."""
    return (NODE_KINDS.index(record.kind), record.id)


def edge_order(edge: Edge[Any]) -> tuple[str, int, str]:
    return (edge.source.id, _EDGE_RANK[edge.type], edge.target.id)


@dataclass(frozen=True, slots=True)
class Edge(Generic[AnyRecord]):
    source: AnyRecord
    target: AnyRecord
    type: str
    evidence: tuple[Any, ...] = ()  # the model's Citations that support the link


class Graph(Generic[AnyRecord]):
    """Nodes are records; edges are typed and indexed in both directions."""

    def __init__(self) -> None:
        self.nodes: dict[str, AnyRecord] = {}
        self.edges: list[Edge[AnyRecord]] = []
        self._keys: set[tuple[str, str, str]] = set()
        self._out: dict[str, list[Edge[AnyRecord]]] = defaultdict(list)
        self._in: dict[str, list[Edge[AnyRecord]]] = defaultdict(list)
        # Answers per node, worked out on first use: every record page asks about its neighbours'
        # neighbours, and a hub (an organization that publishes thousands of references) would
        # otherwise be walked again for each of them. Adding to the graph clears them.
        self._neighbours: dict[str, tuple[AnyRecord, ...]] = {}
        self._cited_by: dict[str, int] = {}
        # The same for users of the finished graph: facts about a node that depend on its links (a
        # drawing's label with its counts), by what they are and the node's id.
        self.node_memo: dict[tuple[str, str], Any] = {}
        # While a caller reads the graph under `reading()`: the ids of the nodes whose links it read.
        self._read: set[str] | None = None

    def add_node(self, record: AnyRecord) -> None:
        self.nodes[record.id] = record
        self._forget()

    def _forget(self) -> None:
        if self._neighbours or self._cited_by or self.node_memo:
            self._neighbours.clear()
            self._cited_by.clear()
            self.node_memo.clear()

    def add_edge(self, source: AnyRecord, target: AnyRecord, type: str, evidence: tuple[Any, ...] = ()) -> None:
        if type not in EDGE_TYPES:
            raise ValueError(f"unknown edge type {type!r}")
        for end in (source, target):
            if self.nodes.get(end.id) is not end:
                raise KeyError(f"{end.id!r} is not a node of this graph")
        key = (source.id, type, target.id)
        if key in self._keys:
            return
        self._keys.add(key)
        self._forget()
        edge = Edge(source, target, type, evidence)
        self.edges.append(edge)
        self._out[source.id].append(edge)
        self._in[target.id].append(edge)

    @contextmanager
    def reading(self) -> Iterator[set[str]]:
        """The ids of the nodes whose links are read in the block, through any method here: what a
        node's links give (its neighbours, counts, edges) is a function of its `link_signature`."""
        outer, self._read = self._read, set()
        read = self._read
        try:
            yield read
        finally:
            if outer is not None:
                outer |= read
            self._read = outer

    def link_signature(self, record_id: str) -> tuple | None:
        """A node's links as everything here reads them: its outgoing and incoming edges, in order,
        each by its type and the id at its other end. None if there is no such node."""
        if record_id not in self.nodes:
            return None
        return (
            tuple((e.type, e.target.id) for e in self._out.get(record_id, ())),
            tuple((e.type, e.source.id) for e in self._in.get(record_id, ())),
        )

    def outgoing(self, record: AnyRecord, type: str | None = None) -> list[Edge[AnyRecord]]:
        if self._read is not None:
            self._read.add(record.id)
        return [e for e in self._out.get(record.id, ()) if type is None or e.type == type]

    def incoming(self, record: AnyRecord, type: str | None = None) -> list[Edge[AnyRecord]]:
        if self._read is not None:
            self._read.add(record.id)
        return [e for e in self._in.get(record.id, ()) if type is None or e.type == type]

    def neighbours(self, record: AnyRecord) -> list[AnyRecord]:
        return list(self._neighbours_of(record))

    def _neighbours_of(self, record: AnyRecord) -> tuple[AnyRecord, ...]:
        if self._read is not None:
            self._read.add(record.id)
        found = self._neighbours.get(record.id)
        if found is None:
            seen: dict[str, AnyRecord] = {}
            for edge in self._out.get(record.id, ()):
                seen.setdefault(edge.target.id, edge.target)
            for edge in self._in.get(record.id, ()):
                seen.setdefault(edge.source.id, edge.source)
            seen.pop(record.id, None)
            found = self._neighbours[record.id] = tuple(seen.values())
        return found

    def cited_by_count(self, record: AnyRecord) -> int:
        if self._read is not None:
            self._read.add(record.id)
        count = self._cited_by.get(record.id)
        if count is None:
            count = self._cited_by[record.id] = sum(1 for e in self._in.get(record.id, ()) if e.type in ("cites", "about", "sourced-from"))
        return count

    def degree(self, record: AnyRecord) -> int:
        if self._read is not None:
            self._read.add(record.id)
        return len(self._out.get(record.id, ())) + len(self._in.get(record.id, ()))

    def neighbourhood(self, record: AnyRecord, limit: int, small: int, partial: int = 0) -> tuple[list[AnyRecord], int]:
        """The record and its neighbours (at most `limit` records), plus their neighbours if the whole stays within `small`.

        Returns the records (the centre first) and how many one-hop neighbours did not fit: a hub
        keeps its most-cited neighbours, so a record page never draws hundreds of nodes. With
        `partial`, a second hop too big for `small` is not left out but cut to `partial` records:
        those found first, through the most-cited neighbours.
        """
        first = sorted(self._neighbours_of(record), key=self._prominence)
        kept = [record, *first[: limit - 1]]
        left_out = len(first) + 1 - len(kept)
        seen = {record.id} | {r.id for r in first}  # a neighbour left out of the drawing is still not two links away
        second: dict[str, AnyRecord] = {}
        room = small - len(kept)
        for r in kept[1:]:
            for n in self._neighbours_of(r):
                if n.id not in seen:
                    second[n.id] = n
                    if len(second) > max(room, partial):  # too many to draw: stop before walking a hub's every neighbour
                        if not partial:
                            return kept, left_out
                        first_found = list(second.values())[:partial]
                        return kept + sorted(first_found, key=self._prominence), left_out
        if second:
            kept += sorted(second.values(), key=self._prominence)
        return kept, left_out

    def edges_among(self, records: list[AnyRecord]) -> list[Edge[AnyRecord]]:
        """Every edge whose two ends are both in `records`, in the order they were added."""
        ids = {r.id for r in records}
        if self._read is not None:
            self._read |= ids
        return [e for r in records for e in self._out.get(r.id, ()) if e.target.id in ids]

    def _prominence(self, record: AnyRecord) -> tuple[int, int, str]:
        return (-self.cited_by_count(record), -self.degree(record), record.id)
