"""/data/site.json: every record, resolved, as one JSON document, and its JSON Schema (/data/site.schema.json).

The export is mapped field by field in the tables below, not dumped from the model's data classes:
the names here are public (people load the file into pandas and scripts), so renaming a field inside
the generator must not rename it in the download. The same tables give the JSON Schema and the data
dictionary on /data/, so the three cannot drift apart. A link to another record becomes that
record's id (resolved: a former id never appears), dates keep their precision ('2024-03'), and each
record carries its permanent address as `page_url`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...model import Citation, Conflict, Entry, PartialDate, Site
from ... import urls
from ..licence import DATA_LICENCE_NAME, DATA_LICENCE_URL, release_line
from ...line_memo import kept_lines
from . import json_lines

SCHEMA_FILE = "site.schema.json"


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the public name, in the file
    type: str  # a key of TYPES
    meaning: str  # one line for the data dictionary and the schema's description
    get: Callable[[Any], Any] | None  # record → the value in the model (None: filled in by the caller); `_export` turns it into JSON


# Each type: (as shown in the data dictionary, JSON Schema).
_DATE = {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
TYPES: dict[str, tuple[str, dict]] = {
    "id": ("id", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}),
    "id?": ("id or null", {"type": ["string", "null"]}),
    "ids": ("list of ids", {"type": "array", "items": {"type": "string"}}),
    "string": ("text", {"type": "string"}),
    "string?": ("text or null", {"type": ["string", "null"]}),
    "markdown?": ("Markdown text or null", {"type": ["string", "null"]}),
    "strings": ("list of text", {"type": "array", "items": {"type": "string"}}),
    "url": ("URL", {"type": "string", "pattern": "^https?://"}),
    "url?": ("URL or null", {"type": ["string", "null"]}),
    "page_url": ("URL of the page on this site", {"type": "string"}),
    "date?": ("date (YYYY, YYYY-MM or YYYY-MM-DD) or null", {"anyOf": [_DATE, {"type": "null"}]}),
    "date": ("date (YYYY, YYYY-MM or YYYY-MM-DD)", _DATE),
    "status": ("confirmed, partial or unverified", {"enum": ["confirmed", "partial", "unverified"]}),
    "citations": ("list of {reference, note}", {"type": "array", "items": {"$ref": "#/$defs/citation"}}),
    "conflicts": ("list of {about, description, citations}", {"type": "array", "items": {"$ref": "#/$defs/conflict"}}),
    "entries": ("list of {id, title, text, citations}", {"type": "array", "items": {"$ref": "#/$defs/entry"}}),
    "entry?": ("{id, title, text, citations} or null", {"anyOf": [{"$ref": "#/$defs/entry"}, {"type": "null"}]}),
    "kind": ("record kind", {"type": "string"}),
}


def _common_head(kind: str) -> list[Field]:
    return [
        Field("kind", "kind", f"Always '{kind}'.", lambda r: r.kind),
        Field("id", "id", "The record's stable id; also the last part of its page address.", lambda r: r.id),
        Field("status", "status", "confirmed: every field checked against a source; partial: some facts unknown (see missing); unverified: seen only in weak sources.", lambda r: r.status),
    ]


_TAIL = [
    Field("missing", "strings", "Facts still unknown, each as a short sentence.", lambda r: r.missing),
    Field("conflicts", "conflicts", "Places where sources disagree: what about, how, and the sources on each side.", lambda r: r.conflicts),
    Field("updated", "date?", "When the record was last checked against its sources.", lambda r: r.updated),
    Field("page_url", "page_url", "The record's page on this site.", None),  # filled in by record_data
]
_CITATIONS = Field("citations", "citations", "The sources behind the record: each a reference id and, optionally, what it supports.", lambda r: r.citations)
_ALIASES = Field("aliases", "ids", "Former ids; their old page addresses redirect to this record.", lambda r: r.aliases)

TABLES: dict[str, tuple[str, list[Field]]] = {
    "framework": (
        "framework",
        [
            Field("title", "string", "The framework's full title.", lambda r: r.title),
            Field("short_title", "string", "A short name for it.", lambda r: r.short_title),
            Field("launched", "date", "When it was launched.", lambda r: r.launched),
            Field("convener", "id", "The organization that convened it (an id in organizations).", lambda r: r.convener),
            Field("url", "url", "Its official address.", lambda r: r.url),
            Field("summary", "string", "A summary in this site's words (Markdown).", lambda r: r.summary),
            Field("core_concepts", "entries", "Its core concepts, each sourced.", lambda r: r.core_concepts),
            Field("practices_for_all", "ids", "Recommendations asked of every organization (ids in recommendations).", lambda r: r.practices_for_all),
            Field("definitions", "entries", "Terms it defines, each sourced.", lambda r: r.definitions),
            Field("review_cadence", "entry?", "How often it is to be reviewed, when known.", lambda r: r.review_cadence),
            _CITATIONS,
        ],
    ),
    "stakeholders": (
        "stakeholder",
        [
            Field("title", "string", "The stakeholder group's name.", lambda r: r.title),
            Field("short_title", "string", "A short name for it.", lambda r: r.short_title),
            Field("description", "string", "Who belongs to the group (Markdown).", lambda r: r.description),
            _CITATIONS,
        ],
    ),
    "recommendations": (
        "recommendation",
        [
            Field("stakeholder", "id", "The stakeholder group it is addressed to (an id in stakeholders).", lambda r: r.stakeholder),
            Field("title", "string", "A short title in this site's words.", lambda r: r.title),
            Field("statement", "string", "What it asks, in this site's words (Markdown).", lambda r: r.statement),
            _CITATIONS,
            _ALIASES,
        ],
    ),
    "collections": (
        "collection",
        [
            Field("title", "string", "The collection's title.", lambda r: r.title),
            Field("date", "date?", "When its case studies were published.", lambda r: r.date),
            Field("description", "markdown?", "What it holds (Markdown).", lambda r: r.description),
            _CITATIONS,
        ],
    ),
    "case_studies": (
        "case-study",
        [
            Field("title", "string", "The case study's title, as published where known.", lambda r: r.title),
            Field("organization", "id", "The organization whose practice it describes (an id in organizations).", lambda r: r.organization),
            Field("authors", "strings", "Its authors, as printed; empty when unknown.", lambda r: r.authors),
            Field("collection", "id", "The collection it was published in (an id in collections).", lambda r: r.collection),
            Field("published", "date?", "When it was published, as precisely as the sources say.", lambda r: r.published),
            Field("role", "string?", "The organization's role in it: builder, creator, distributor or analysis.", lambda r: r.role),
            Field("summary", "markdown?", "A summary in this site's words (Markdown).", lambda r: r.summary),
            Field("practices", "ids", "Recommendations it exercises (ids in recommendations).", lambda r: r.practices),
            Field("lessons", "strings", "Lessons it draws, in this site's words.", lambda r: r.lessons),
            Field("url", "url?", "The address of the case study as published.", lambda r: r.url),
            _CITATIONS,
            Field("tags", "ids", "Topics (ids in tags).", lambda r: r.tags),
            _ALIASES,
        ],
    ),
    "organizations": (
        "organization",
        [
            Field("name", "string", "The organization's name.", lambda r: r.name),
            Field("short_name", "string", "A short form of the name.", lambda r: r.short_name),
            Field("organization_type", "string", "company, media, nonprofit, academic, government, funder or other.", lambda r: r.org_kind),
            Field("description", "markdown?", "What it does, in this site's words (Markdown).", lambda r: r.description),
            Field("url", "url", "Its website.", lambda r: r.url),
            Field("joined", "date?", "When it became a supporter of the framework.", lambda r: r.joined),
            Field("cohort", "string?", "Which group of supporters it joined with (launch-partner, june-2023, later); null when not a supporter.", lambda r: r.cohort),
            _CITATIONS,
            _ALIASES,
        ],
    ),
    "references": (
        "reference",
        [
            Field("title", "string", "The source's title.", lambda r: r.title),
            Field("type", "string", "webpage, report, paper, press-release, blog, case-study, news-article, event, form, dataset or other.", lambda r: r.type),
            Field("publisher", "string", "Who published it, as named by the source.", lambda r: r.publisher),
            Field("published_by", "id?", "The publisher's id in organizations, when it has a record.", lambda r: r.publisher_id),
            Field("authors", "strings", "The people named as authors; empty when none is named or not yet known.", lambda r: r.authors),
            Field("date", "date?", "When it was published, as precisely as it says.", lambda r: r.date),
            Field("url", "url", "Its address.", lambda r: r.url),
            Field("pdf", "url?", "The address of a PDF of it, when one is known.", lambda r: r.pdf),
            Field("reliability", "string", "primary (the Partnership on AI's own pages), secondary, or weak (aggregators and re-posts).", lambda r: r.reliability),
            Field("summary", "markdown?", "What it says, in this site's words (Markdown).", lambda r: r.summary),
            Field("cites", "ids", "Records it cites or links to (ids of any kind).", lambda r: r.cites_ids),
            Field("about", "ids", "Records it is about (ids of any kind).", lambda r: r.about_ids),
            _ALIASES,
        ],
    ),
}
TAG_FIELDS = [
    Field("id", "id", "The tag's id.", lambda t: t.id),
    Field("title", "string", "Its name, as shown.", lambda t: t.title),
    Field("description", "string?", "What it covers.", lambda t: t.description),
]
SITE_FIELDS = [
    Field("name", "string", "This site's name.", None),
    Field("url", "string", "This site's address.", None),
    Field("version", "string", "The version of the records the file was built from (a git commit), or empty when unknown.", None),
    Field("built", "string", "The day the file was built (YYYY-MM-DD), or empty when unknown.", None),
    Field("license", "string", "The licence of the data.", None),
    Field("license_url", "string", "The licence's text.", None),
    Field("schema", "string", "The address of this file's JSON Schema.", None),
]
SECTION_MEANINGS = {
    "site": "Which site and build the file comes from, and its licence.",
    "framework": "The framework itself (one object).",
    "stakeholders": "The stakeholder groups the recommendations address.",
    "recommendations": "The framework's recommendations.",
    "collections": "The batches in which case studies were published.",
    "tags": "Topic tags of case studies.",
    "case_studies": "Case studies published by supporters of the framework.",
    "organizations": "Supporters and other organizations named in the records.",
    "references": "The bibliography: every source cited on the site.",
}


def fields_of(section: str) -> list[Field]:
    """Every field of one section of site.json, in the file's order."""
    if section == "site":
        return SITE_FIELDS
    if section == "tags":
        return TAG_FIELDS
    kind, own = TABLES[section]
    return _common_head(kind) + own + _TAIL


def _export(value):
    """A model value as JSON: records become ids, dates their ISO text, citations and entries objects."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, Citation):
        return {"reference": value.reference.id, "note": value.note}
    if isinstance(value, Conflict):
        return {"about": value.about, "description": value.description, "citations": [_export(c) for c in value.citations]}
    if isinstance(value, Entry):
        return {"id": value.id, "title": value.title, "text": value.text, "citations": [_export(c) for c in value.citations]}
    if isinstance(value, (tuple, list)):
        return [_export(v) for v in value]
    return value.id  # a linked record or tag


def record_data(site: Site, record, fields: list[Field]) -> dict:
    data = {f.name: _export(f.get(record)) for f in fields if f.get is not None}
    data["page_url"] = site.publication.permalink(urls.url_of(record))
    return data


def site_data(site: Site, item: Callable[[Any, list[Field]], Any] | None = None) -> dict:
    """The export as one value; each record in a table is `item(record, fields)` (by default its
    record_data, which site_json encodes)."""
    publication = site.publication
    item = item or (lambda record, fields: record_data(site, record, fields))

    def table(section: str, records) -> list:
        fields = fields_of(section)
        return [item(r, fields) for r in sorted(records, key=lambda r: r.id)]

    return {
        "site": {
            "name": publication.name,
            "url": publication.permalink(""),
            "version": publication.version,
            "built": publication.built,
            "license": DATA_LICENCE_NAME,
            "license_url": DATA_LICENCE_URL,
            "schema": publication.permalink("data/" + SCHEMA_FILE),
        },
        "framework": record_data(site, site.framework, fields_of("framework")),
        "stakeholders": table("stakeholders", site.stakeholders.values()),
        "recommendations": table("recommendations", site.recommendations.values()),
        "collections": table("collections", site.collections.values()),
        "tags": [{f.name: _export(f.get(t)) for f in TAG_FIELDS if f.get is not None} for t in sorted(site.tags.values(), key=lambda t: t.id)],
        "case_studies": table("case_studies", site.case_studies.values()),
        "organizations": table("organizations", site.organizations.values()),
        "references": table("references", site.references.values()),
    }


def site_json(site: Site) -> str:
    with kept_lines("site.json") as lines:

        def encoded(record, fields: list[Field]) -> json_lines.Encoded:
            made = lines.line(record.id, lines.made_from(record), lambda: json_lines.encode(record_data(site, record, fields)))
            return json_lines.Encoded(made)

        return json_lines.document(site_data(site, encoded))


def _object(fields: list[Field]) -> dict:
    return {
        "type": "object",
        "properties": {f.name: {**TYPES[f.type][1], "description": f.meaning} for f in fields},
        "required": [f.name for f in fields],
        "additionalProperties": False,
    }


def _citation_list() -> dict:
    return {"type": "array", "items": {"$ref": "#/$defs/citation"}}


def site_schema(site: Site) -> dict:
    """The JSON Schema (2020-12) of site.json, from the same field tables as the export."""
    sections = {name: _object(fields_of(name)) for name in ("site", "framework")}
    for name in ("stakeholders", "recommendations", "collections", "tags", "case_studies", "organizations", "references"):
        sections[name] = {"type": "array", "items": _object(fields_of(name))}
    for name, meaning in SECTION_MEANINGS.items():
        sections[name]["description"] = meaning
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site.publication.permalink("data/" + SCHEMA_FILE),
        "title": f"{site.publication.name}: site.json",
        "$comment": release_line(site.publication),
        "description": "Every record of the site, resolved: links between records are ids, dates keep their precision.",
        "type": "object",
        "properties": sections,
        "required": list(sections),
        "additionalProperties": False,
        "$defs": {
            "citation": {
                "type": "object",
                "properties": {"reference": {"type": "string", "description": "A reference id."}, "note": {"type": ["string", "null"], "description": "What the source supports, when said."}},
                "required": ["reference", "note"],
                "additionalProperties": False,
            },
            "conflict": {"type": "object", "properties": {"about": {"type": "string"}, "description": {"type": "string"}, "citations": _citation_list()}, "required": ["about", "description", "citations"], "additionalProperties": False},
            "entry": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "text": {"type": "string"}, "citations": _citation_list()},
                "required": ["id", "title", "text", "citations"],
                "additionalProperties": False,
            },
        },
    }


def site_schema_json(site: Site) -> str:
    return json.dumps(site_schema(site), ensure_ascii=False, indent=1) + "\n"
