"""Stage 3, model: frozen record classes, and the Site that holds them with every reference resolved once.

The Site is built in one go by `resolve.build_site` (records, their graph, the related-case index and
the public address) and never changes afterwards: renderers only read it.
"""

from __future__ import annotations

import calendar
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from .graph import Graph
from .related import RelatedIndex

MONTHS = calendar.month_name


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day — and shown with no more precision than that."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | int) -> PartialDate:
        parts = [int(p) for p in str(value).split("-")]
        return cls(*parts)

    @property
    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @property
    def human(self) -> str:
        if self.month and self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True, slots=True)
class Record:
    """What every record has: a stable id, a status, the file it came from, and what is not known."""

    id: str
    status: str
    source_path: str
    missing: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    updated: PartialDate | None

    kind = "record"


@dataclass(frozen=True, slots=True)
class Reference(Record):
    title: str
    type: str
    publisher: str
    publisher_id: str | None
    authors: tuple[str, ...]
    date: PartialDate | None
    url: str
    reliability: str
    summary: str | None
    cites_ids: tuple[str, ...]
    about_ids: tuple[str, ...]
    aliases: tuple[str, ...]
    pdf: str | None = None  # the address of a PDF of the same work, when the source offers one
    no_named_author: bool = False  # `authors: []`: the source names no person, so the publisher is the author

    kind = "reference"


@dataclass(frozen=True, slots=True)
class Citation:
    """One entry of a record's reference list: the source and, optionally, what it supports."""

    reference: Reference
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    about: str
    description: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Organization(Record):
    name: str
    short_name: str
    org_kind: str
    description: str | None
    url: str
    joined: PartialDate | None
    cohort: str | None
    citations: tuple[Citation, ...]
    aliases: tuple[str, ...]

    kind = "organization"

    @property
    def title(self) -> str:
        return self.name

    @property
    def is_supporter(self) -> bool:
        return self.cohort is not None


@dataclass(frozen=True, slots=True)
class Stakeholder(Record):
    title: str
    short_title: str
    description: str
    citations: tuple[Citation, ...]

    kind = "stakeholder"


@dataclass(frozen=True, slots=True)
class Recommendation(Record):
    stakeholder: Stakeholder
    title: str
    statement: str
    citations: tuple[Citation, ...]
    aliases: tuple[str, ...]

    kind = "recommendation"


@dataclass(frozen=True, slots=True)
class Collection(Record):
    title: str
    date: PartialDate | None
    description: str | None
    citations: tuple[Citation, ...]

    kind = "collection"


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    title: str
    description: str | None


@dataclass(frozen=True, slots=True)
class CaseStudy(Record):
    title: str
    organization: Organization
    authors: tuple[str, ...]
    collection: Collection
    published: PartialDate | None
    role: str | None
    summary: str | None
    practices: tuple[Recommendation, ...]
    lessons: tuple[str, ...]
    url: str | None
    citations: tuple[Citation, ...]
    tags: tuple[Tag, ...]
    aliases: tuple[str, ...]
    title_known: bool = True  # False: `title` is a name that says so (see undocumented_name)

    kind = "case-study"

    @property
    def documented(self) -> bool:
        """False for a case known to exist whose title and content are not yet recorded: listed apart, never as if documented."""
        return self.title_known or self.summary is not None


def undocumented_name(organization: Organization, collection: Collection, documented: bool = False) -> str:
    """The reader-facing name of a case study whose title is unknown, e.g. "Adobe's case study (March 2024 collection), not yet documented"."""
    when = collection.date.human if collection.date else collection.title
    return f"{organization.short_name}'s case study ({when} collection)" + ("" if documented else ", not yet documented")


@dataclass(frozen=True, slots=True)
class Entry:
    """A titled, sourced statement inside the framework record (a core concept, a definition)."""

    id: str
    title: str
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Framework(Record):
    title: str
    short_title: str
    launched: PartialDate
    convener: Organization
    url: str
    summary: str
    core_concepts: tuple[Entry, ...]
    practices_for_all: tuple[Recommendation, ...]
    definitions: tuple[Entry, ...]
    review_cadence: Entry | None
    citations: tuple[Citation, ...]

    kind = "framework"


AnyRecord = Framework | Stakeholder | Recommendation | Collection | CaseStudy | Organization | Reference


@dataclass(frozen=True, slots=True)
class Publication:
    """Where the built site lives (mkdocs.yml's site_name and site_url): permanent links, citations, JSON-LD."""

    name: str = "Synthetic Media Framework Research"
    url: str = ""  # empty: links stay root-relative, as in unit tests that build no site
    version: str = ""  # the git commit the site was built from, when there is one (generator/release.py)
    built: str = ""  # the build's date, YYYY-MM-DD (UTC, or SOURCE_DATE_EPOCH); empty in unit tests

    STAMP = ("version", "built")

    @property
    def identity(self) -> tuple[str, ...]:
        """Every field but the build's stamp (STAMP): the site's name, address and repository."""
        return tuple(getattr(self, each.name) for each in fields(self) if each.name not in self.STAMP)

    def permalink(self, path: str) -> str:
        """The absolute address of a site path such as 'case-studies/bbc-face-swapping/'."""
        return (self.url.rstrip("/") if self.url else "") + "/" + path.lstrip("/")

    # mkdocs.yml's repo_url and edit_uri: where each record's file can be edited. Empty: no edit links.
    repo_url: str = ""
    edit_uri: str = "edit/main/"

    def edit_url(self, repo_path: str) -> str | None:
        """The address to edit a file of the repository, such as 'sources/case-studies/bbc-face-swapping.yaml'."""
        if not self.repo_url:
            return None
        return self.repo_url.rstrip("/") + "/" + self.edit_uri.strip("/") + "/" + repo_path.lstrip("/")

    def issue_url(self, title: str, page_url: str) -> str | None:
        """A new issue on a GitHub repository, its title and body filled in; None for other hosts."""
        if not self.repo_url.startswith("https://github.com/"):
            return None
        query = urllib.parse.urlencode({"title": title, "body": f"Page: {page_url}\n\nWhat is wrong, and the source that shows it:\n"}, quote_via=urllib.parse.quote)
        return self.repo_url.rstrip("/") + "/issues/new?" + query


@dataclass(frozen=True)
class Records:
    """Every record, indexed by id (read-only mappings), each reference between them already resolved."""

    framework: Framework
    stakeholders: Mapping[str, Stakeholder]
    recommendations: Mapping[str, Recommendation]
    collections: Mapping[str, Collection]
    tags: Mapping[str, Tag]
    case_studies: Mapping[str, CaseStudy]
    organizations: Mapping[str, Organization]
    references: Mapping[str, Reference]
    aliases: Mapping[str, AnyRecord]

    def record(self, record_id: str) -> AnyRecord:
        if record_id == self.framework.id:
            return self.framework
        for table in (self.case_studies, self.organizations, self.references, self.recommendations, self.collections, self.stakeholders):
            if record_id in table:
                return table[record_id]
        raise KeyError(record_id)

    def all_records(self) -> list[AnyRecord]:
        return [
            self.framework,
            *self.stakeholders.values(),
            *self.recommendations.values(),
            *self.collections.values(),
            *self.case_studies.values(),
            *self.organizations.values(),
            *self.references.values(),
        ]

    def recommendations_for(self, stakeholder: Stakeholder) -> list[Recommendation]:
        return [r for r in self.recommendations.values() if r.stakeholder is stakeholder]

    def case_studies_sorted(self) -> list[CaseStudy]:
        """Newest first; undated cases last; ties by title."""
        by_title = sorted(self.case_studies.values(), key=lambda c: c.title.lower())
        return sorted(by_title, key=lambda c: c.published.sort_key if c.published else (0, 0, 0), reverse=True)


@dataclass(frozen=True)
class Site(Records):
    """The records plus what is derived from them once: the typed graph of their relations, the
    related-case index, and where the site is published."""

    graph: Graph[AnyRecord]
    related: RelatedIndex[CaseStudy]
    publication: Publication = field(default_factory=Publication)

    def case_studies_linked(self, record: AnyRecord, type: str) -> list[CaseStudy]:
        """The case studies with a `type` link to `record`: those 'in' a collection, 'exercising' a recommendation, 'by' an organization."""
        return [edge.source for edge in self.graph.incoming(record, type) if isinstance(edge.source, CaseStudy)]
