"""What a record page reads of the Site, noted while it is rendered and asked again of the next build's Site.

A record page is a function of its record and of the answers the Site gives it: an entry of a
mapping, the graph's links into a record, the related cases, the site's address. Rendered with a
traced Site (`traced`), each question the page asks is noted with a fingerprint of its answer: a
digest of the answer's repr, in which each record stands for a digest of all its fields and of the
records it points to. `Answers.same` asks the noted questions of another Site: if every answer has
the same fingerprint, rendering the same record there gives the same page. Questions are stated by
value (a record by its kind and id), so that they can be kept on disk and asked of the next build's
Site; one that cannot be answered there (its record is gone) has an answer unlike any noted.

A question that cannot be stated that way makes the page's notes unusable (`Unrepeatable`): the
page is then rendered every time, which is slower, never wrong.

Some answers also say what they are made from (`reads`: the records whose links in the graph they
read, and the records whose fields they read), and are then the same in any Site where each of
those records has the same links (Graph.link_signature) and the same fingerprint. Such a question
is not asked again while that holds against the last build (`Reference`): a neighbourhood drawing's
plan (`ask` notes what its answer says), and a record's edges (`_EDGES_OF`), asked of nearly every
record page, were two thirds of the time it took to ask a page's questions again.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from .fingerprint import fingerprint_of
from .graph import Graph
from .model import AnyRecord, Publication, Record, Site
from .related import RelatedIndex

# A question: the attribute path from the Site ('graph', 'incoming'), how it is asked, and its
# arguments stated by value, positional and named. How: READ an attribute, CALL a method, ITEM of a
# mapping (a missing key included), ALL of a mapping (iterating it, its length, its keys, values or items).
Question = tuple[tuple[str, ...], str, tuple[Any, ...], tuple[tuple[str, Any], ...]]
READ, CALL, ITEM, ALL = "read", "call", "item", "all"
DERIVED = "derived"  # the path of a question asked with `ask`: (DERIVED, the function's name)
_MISSING = b"missing"
_UNANSWERABLE = b"unanswerable"  # no noted answer is this: a question that fails now has changed
_NO_ANSWER = object()  # what a mapping gives for a key it does not have


def _whole(mapping: Mapping) -> tuple[tuple[Any, Any], ...]:
    return tuple(mapping.items())


# Functions of the Site that a renderer asks as one question (`ask`), by name.
_DERIVED: dict[str, Callable[..., Any]] = {}


def site_question(function: Callable[..., Any]) -> Callable[..., Any]:
    """Register `function(site, *arguments)`, which reads nothing but the Site and its arguments, so
    that `ask` can note it as one question and a later build can ask it again."""
    _DERIVED[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def ask(site: Site, function: Callable[..., Any], *arguments: Any) -> Any:
    """function(site, *arguments), noted as one question when `site` is traced. Cheaper than noting
    every question it asks, when there are many (a drawing asks about each of its records)."""
    if not isinstance(site, _Traced):
        return function(site, *arguments)
    answer = function(site._target, *arguments)
    site._notes.note((DERIVED, f"{function.__module__}.{function.__qualname__}"), CALL, arguments, answer, reads=getattr(answer, "reads", None))
    return answer


def untraced(site: Site) -> Site:
    """The Site itself, for work whose inputs are already noted (a remembered drawing's)."""
    return site._target if isinstance(site, _Traced) else site


class Unrepeatable(Exception):
    """A question whose arguments cannot be stated by value."""


def stated(value: Any) -> Any:
    """An argument by value: a record as ('record', kind, id), plain values as they are."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Record):
        return ("record", value.kind, value.id)
    if isinstance(value, (list, tuple)):
        return ("list" if isinstance(value, list) else "tuple", tuple(stated(item) for item in value))
    raise Unrepeatable(type(value).__name__)


# What an answer is made from: the records whose links it read, and the records whose fields it read
# (by id, or by their number in a Reference).
Reads = tuple[tuple[Any, ...], tuple[Any, ...]]


@dataclass(frozen=True)
class Reference:
    """The last build's records, numbered (`ids`), with the digest of each one's links in the graph and
    its fingerprint (None for a record it did not have)."""

    ids: tuple[str, ...]
    links: tuple[bytes | None, ...]
    records: tuple[bytes | None, ...]


def links_digest(site: Site, record_id: str) -> bytes | None:
    signature = site.graph.link_signature(record_id)
    return None if signature is None else hashlib.blake2b(repr(signature).encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Answers:
    """The fingerprint of each question's answer in one Site, each worked out once; with the last
    build's `Reference`, a question whose answer says what it is made from is not asked again while
    none of that has changed."""

    def __init__(self, site: Site, last: Reference | None = None):
        self.site = site
        self.last = last
        self.records: dict[int, bytes] = {}
        self._known: dict[Question, bytes] = {}
        self._links_same: dict[int, bool] = {}  # by number in `last`
        self._record_same: dict[int, bool] = {}

    def given(self, question: Question, answer: Any) -> bytes:
        """The fingerprint of `answer`, which this Site gave to `question`."""
        found = self._known.get(question)
        if found is None:
            found = self._known[question] = _MISSING if answer is _NO_ANSWER else fingerprint_of(answer, self.records)
        return found

    def of(self, question: Question) -> bytes:
        found = self._known.get(question)
        if found is None:
            try:
                found = self._work_out(question)
            except Exception:  # a record gone, a function renamed, …: the page is rendered again, and any error is raised there
                found = _UNANSWERABLE
            self._known[question] = found
        return found

    def same(self, noted: Iterable[tuple[Question, bytes, Reads | None]]) -> bool:
        """Whether each (question, fingerprint of its answer, what it was made from, by number in the
        last build's Reference, or None) has the same answer in this Site."""
        for question, answer, reads in noted:
            if reads is not None and self.made_from_the_same(reads):
                continue
            if self.of(question) != answer:
                return False
        return True

    def made_from_the_same(self, reads: Reads) -> bool:
        """Whether every record numbered in `reads` has the links and the fingerprint here that it had in the last build."""
        last = self.last
        if last is None:
            return False
        linked, shown = reads
        for number in linked:
            same = self._links_same.get(number)
            if same is None:
                before = last.links[number]
                same = self._links_same[number] = before is not None and links_digest(self.site, last.ids[number]) == before
            if not same:
                return False
        for number in shown:
            same = self._record_same.get(number)
            if same is None:
                before = last.records[number]
                same = self._record_same[number] = before is not None and self._fingerprint_now(last.ids[number]) == before
            if not same:
                return False
        return True

    def _fingerprint_now(self, record_id: str) -> bytes | None:
        try:
            return fingerprint_of(self.site.record(record_id), self.records)
        except KeyError:
            return None

    def _work_out(self, question: Question) -> bytes:
        path, how, arguments, keywords = question
        if path[0] == DERIVED:
            value: Any = functools.partial(_DERIVED[path[1]], self.site)
        else:
            owner: Any = self.site
            for name in path[:-1]:
                owner = getattr(owner, name)
            value = getattr(owner, path[-1])
        if how == CALL:
            value = value(*(self._value(argument) for argument in arguments), **{name: self._value(argument) for name, argument in keywords})
        elif how == ITEM:
            key = self._value(arguments[0])
            if key not in value:
                return _MISSING
            value = value[key]
        return fingerprint_of(_whole(value) if how == ALL else value, self.records)

    def _value(self, argument: Any) -> Any:
        if isinstance(argument, tuple):
            if argument[0] == "record":
                return self._record(argument[1], argument[2])
            items = [self._value(item) for item in argument[1]]
            return items if argument[0] == "list" else tuple(items)
        return argument

    def _record(self, kind: str, record_id: str) -> AnyRecord:
        record = self.site.record(record_id)  # ids are unique across kinds (validate.py)
        if record.kind != kind:
            raise KeyError(record_id)
        return record


class Notes:
    """The questions one page asked and the fingerprints of their answers."""

    def __init__(self, answers: Answers):
        self.answers = answers
        self.asked: dict[Question, bytes] = {}
        self.reads: dict[Question, Reads] = {}  # for the answers that say what they are made from, by id
        self.unrepeatable = False

    def note(self, path: tuple[str, ...], how: str, arguments: tuple[Any, ...], answer: Any, keywords: dict[str, Any] | None = None, reads: Reads | None = None) -> None:
        """`answer` is what the Site gave; _NO_ANSWER for a missing key."""
        try:
            named = tuple(sorted((name, stated(argument)) for name, argument in keywords.items())) if keywords else ()
            if len(arguments) == 1 and isinstance(arguments[0], Record):  # most questions: stated() without its generator
                question: Question = (path, how, (("record", arguments[0].kind, arguments[0].id),), named)
            else:
                question = (path, how, tuple(stated(argument) for argument in arguments), named)
        except Unrepeatable:
            self.unrepeatable = True
            return
        if question not in self.asked:
            self.asked[question] = self.answers.given(question, _whole(answer) if how == ALL else answer)
            if reads is not None:
                self.reads[question] = reads


def traced(site: Site, notes: Notes) -> Site:
    """`site`, as seen by a renderer whose questions are noted in `notes`."""
    return cast(Site, _Traced(site, (), notes))


# Attributes of the Site whose own attributes are questions, not one answer.
_TRAVERSED = (Graph, RelatedIndex)


class _Traced:
    __slots__ = ("_notes", "_path", "_seen", "_target")

    def __init__(self, target: Any, path: tuple[str, ...], notes: Notes):
        self._target, self._path, self._notes = target, path, notes
        self._seen: dict[str, Any] = {}  # what each attribute gave this page: noted once is enough

    def __getattr__(self, name: str) -> Any:
        seen = self._seen.get(name, _NO_ANSWER)
        if seen is not _NO_ANSWER:
            return seen
        value = getattr(self._target, name)
        path = self._path + (name,)
        if isinstance(value, _TRAVERSED):
            seen = _Traced(value, path, self._notes)
        elif isinstance(value, Publication):
            seen = _TracedPublication(value, path, self._notes)
        elif isinstance(value, Mapping):
            seen = _TracedMapping(value, path, self._notes)
        elif callable(value):
            seen = _traced_call(value, path, self._notes)
        else:
            self._notes.note(path, READ, (), value)
            seen = value
        self._seen[name] = seen
        return seen


class _TracedPublication:
    """The publication: each field of its build stamp (version, date) asked apart from the rest
    (`Publication.identity`), so that a page that shows the site's name and address does not depend
    on the commit or the day it was built."""

    __slots__ = ("_asked", "_notes", "_path", "_target")

    def __init__(self, target: Publication, path: tuple[str, ...], notes: Notes):
        self._target, self._path, self._notes = target, path, notes
        self._asked: set[str] = set()  # noted once for the page is enough

    def __getattr__(self, name: str) -> Any:
        asked = name if name in Publication.STAMP else "identity"
        if asked not in self._asked:
            self._asked.add(asked)
            self._notes.note(self._path + (asked,), READ, (), getattr(self._target, asked))
        return getattr(self._target, name)


# Questions whose answer is some of a record's edges (the record, then an optional type): made from
# that record's links, and from each edge's two ends (an edge's fingerprint is theirs and its type).
_EDGES_OF = {("graph", "incoming"), ("graph", "outgoing")}


def _traced_call(method: Callable[..., Any], path: tuple[str, ...], notes: Notes) -> Callable[..., Any]:
    edges_of = path in _EDGES_OF

    def call(*arguments: Any, **keywords: Any) -> Any:
        answer = method(*arguments, **keywords)
        reads = None
        if edges_of and arguments and isinstance(arguments[0], Record):
            ends = {arguments[0].id}
            for edge in answer:
                ends.add(edge.source.id)
                ends.add(edge.target.id)
            reads = ((arguments[0].id,), tuple(ends))
        notes.note(path, CALL, arguments, answer, keywords, reads=reads)
        return answer

    return call


class _TracedMapping(Mapping):
    """A mapping of the Site: looking up a key notes that key; anything that sees every key notes the whole."""

    __slots__ = ("_notes", "_path", "_target")

    def __init__(self, target: Mapping, path: tuple[str, ...], notes: Notes):
        self._target, self._path, self._notes = target, path, notes

    def _item(self, key: Any) -> Any:
        answer = self._target.get(key, _NO_ANSWER)
        self._notes.note(self._path, ITEM, (key,), answer)
        return answer

    def __getitem__(self, key: Any) -> Any:
        answer = self._item(key)
        if answer is _NO_ANSWER:
            raise KeyError(key)
        return answer

    def __contains__(self, key: object) -> bool:
        return self._item(key) is not _NO_ANSWER

    def get(self, key: Any, default: Any = None) -> Any:
        answer = self._item(key)
        return default if answer is _NO_ANSWER else answer

    def _whole(self) -> Mapping:
        self._notes.note(self._path, ALL, (), self._target)
        return self._target

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()
