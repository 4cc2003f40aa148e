"""CSL-JSON (/data/references.csl.json): the bibliography as a list of items Zotero and pandoc import."""

from __future__ import annotations

import functools

from ...kinds import REFERENCE_TYPES
from ...model import PartialDate, Reference, Site
from ..names import split_name
from .bibtex import citation_key
from ..licence import DATA_LICENCE_URL
from ...line_memo import kept_lines
from . import json_lines

# CSL 1.0.1 item types, which Zotero maps to its own; and the types whose publisher is the periodical
# or site the item appeared in, rather than a publishing house.
CSL_TYPES = {name: kind.csl for name, kind in REFERENCE_TYPES.items()}
CONTAINER_TYPES = {name for name, kind in REFERENCE_TYPES.items() if kind.in_container}


def csl_name(name: str) -> dict[str, str]:
    """'Claire R. Leibowicz' → family and given, split as BibTeX would; one word stays a literal name."""
    parts = split_name(name)
    if parts is None:
        return {"literal": " ".join(name.split())}
    given, family = parts
    return {"family": family, "given": given}


def csl_date(date: PartialDate) -> dict[str, list[list[int]]]:
    """Only the parts the record knows: [[2024, 3]] for March 2024, never an invented day."""
    parts = [date.year] + [p for p in (date.month, date.day) if p]
    return {"date-parts": [parts]}


def csl_item(ref: Reference, release: dict | None = None) -> dict:
    """`release`: the build's version and date, kept in CSL-JSON's `custom` object (the file must stay a bare list)."""
    item: dict = {
        "id": citation_key(ref),
        "type": CSL_TYPES.get(ref.type, "webpage"),
        "title": ref.title,
        "URL": ref.url,
    }
    if ref.authors:
        item["author"] = [csl_name(a) for a in ref.authors]
    if ref.date:
        item["issued"] = csl_date(ref.date)
    if ref.type in CONTAINER_TYPES:
        item["container-title"] = ref.publisher
    else:
        item["publisher"] = ref.publisher
    if ref.pdf:
        item["custom"] = {"pdf": ref.pdf}
    if release:
        item["custom"] = {**item.get("custom", {}), **release}
    return item


def csl_json(site: Site) -> str:
    release = {"dataset_version": site.publication.version, "dataset_built": site.publication.built, "dataset_license": DATA_LICENCE_URL}

    def encoded(ref: Reference) -> str:
        return json_lines.encode(csl_item(ref, release))

    with kept_lines("references.csl.json") as lines:
        items = [json_lines.Encoded(lines.line(ref.id, lines.made_from(ref), functools.partial(encoded, ref))) for ref in sorted(site.references.values(), key=citation_key)]
    return json_lines.array(items)
