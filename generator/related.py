"""'Related case studies' on each case page, answered from an index built once, with the Site.

A case scores 3 points per recommendation it shares, 2 for the same organization and 1 for the
same collection; the most points come first, then titles in alphabetical order, then record order.
Scoring every other case on every page made the render quadratic (10,000 cases: 10⁸ pairs). The
index keeps cases sorted by title per organization, collection, recommendation and set of
recommendations (a "signature"). A page splits the other cases into groups whose members all have
the same score, takes at most `limit` from each group, and stops once no group left could outrank
what it has. Cases not yet documented (title and content unknown) are neither listed nor given a list.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar

LIMIT = 6
Signature = frozenset[str]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


class Case(Protocol):
    """What the ranking reads of a case study (the model's CaseStudy; any object with these in tests)."""

    @property
    def title(self) -> str: ...
    @property
    def practices(self) -> Sequence[_HasId]: ...
    @property
    def organization(self) -> object: ...
    @property
    def collection(self) -> object: ...
    @property
    def documented(self) -> bool: ...


CaseStudy = TypeVar("CaseStudy", bound=Case)


class RelatedIndex(Generic[CaseStudy]):
    def __init__(self, cases: Iterable[CaseStudy]):
        cases = [c for c in cases if c.documented]
        self._order = {id(c): (c.title.lower(), index) for index, c in enumerate(cases)}
        self._signature: dict[int, Signature] = {id(c): frozenset(p.id for p in c.practices) for c in cases}
        self._by_org: dict[int, list[CaseStudy]] = defaultdict(list)
        self._by_collection: dict[int, list[CaseStudy]] = defaultdict(list)
        self._by_signature: dict[Signature, list[CaseStudy]] = defaultdict(list)
        self._by_signature_collection: dict[tuple[Signature, int], list[CaseStudy]] = defaultdict(list)
        self._by_practice: dict[str, list[CaseStudy]] = defaultdict(list)
        self._by_practice_collection: dict[tuple[str, int], list[CaseStudy]] = defaultdict(list)
        for case in cases:
            signature = self._signature[id(case)]
            self._by_org[id(case.organization)].append(case)
            self._by_collection[id(case.collection)].append(case)
            self._by_signature[signature].append(case)
            self._by_signature_collection[(signature, id(case.collection))].append(case)
            for practice in signature:
                self._by_practice[practice].append(case)
                self._by_practice_collection[(practice, id(case.collection))].append(case)
        tables = (self._by_org, self._by_collection, self._by_signature, self._by_signature_collection, self._by_practice, self._by_practice_collection)
        for table in tables:
            for members in table.values():
                members.sort(key=self._key)
        self._signatures_with: dict[str, list[Signature]] = defaultdict(list)
        for signature in self._by_signature:
            for practice in signature:
                self._signatures_with[practice].append(signature)

    def _key(self, case: CaseStudy) -> tuple[str, int]:
        return self._order[id(case)]

    def related(self, case: CaseStudy, limit: int = LIMIT) -> list[CaseStudy]:
        if id(case) not in self._signature:
            return []  # not documented
        mine = self._signature[id(case)]
        org, collection = case.organization, case.collection
        found: list[tuple[int, tuple[str, int], CaseStudy]] = []
        best: list[int] = []  # the `limit` highest scores so far (a min-heap), to stop early

        def add(points: int, other: CaseStudy) -> None:
            found.append((points, self._order[id(other)], other))
            (heapq.heappush if len(best) < limit else heapq.heappushpop)(best, points)

        # Same organization: few cases, scored exactly. Every other candidate below has a known score.
        for other in self._by_org[id(org)]:
            if other is not case:
                add(3 * len(mine & self._signature[id(other)]) + 2 + (other.collection is collection), other)
        # Every other candidate falls in exactly one group of known points: cases sharing two or more
        # recommendations are grouped by signature (there are few such signatures); cases sharing exactly
        # one are found in that recommendation's list, which is shorter than the list of its signatures.
        shared = Counter(s for practice in mine for s in self._signatures_with[practice])
        groups: list[tuple[int, Sequence[CaseStudy], str]] = [(1, self._by_collection[id(collection)], "collection only")]
        for signature, count in shared.items():
            if count > 1:
                groups.append((3 * count + 1, self._by_signature_collection.get((signature, id(collection)), ()), "practices and collection"))
                groups.append((3 * count, self._by_signature[signature], "practices only"))
        for practice in mine:
            groups.append((4, self._by_practice_collection.get((practice, id(collection)), ()), "one practice and collection"))
            groups.append((3, self._by_practice[practice], "one practice only"))
        groups.sort(key=lambda group: -group[0])
        for points, members, kind in groups:
            if len(best) == limit and best[0] > points:
                break  # `limit` cases already score more than anything left
            taken = 0
            for other in members:
                if other is case or other.organization is org:
                    continue
                same_collection = other.collection is collection
                if kind == "collection only":
                    if mine & self._signature[id(other)]:
                        continue
                elif kind.startswith("one practice"):
                    if len(mine & self._signature[id(other)]) != 1 or (kind == "one practice only" and same_collection):
                        continue
                elif kind == "practices only" and same_collection:
                    continue
                add(points, other)
                taken += 1
                if taken == limit:
                    break  # the rest of this group ties on points and sorts after these
        found.sort(key=lambda item: (-item[0], item[1]))
        return [other for _, _, other in found[:limit]]
