"""/data/site.json: every record, resolved, as one JSON document.

Records are written field by field from the model's data classes, so a field added to a record
type appears here without a change. A link to another record becomes that record's id (resolved:
a former id never appears), dates keep their precision ('2024-03'), and each record carries its
permanent address as `page_url`.
"""

from __future__ import annotations

import dataclasses

from ...model import AnyRecord, Citation, PartialDate, Record, Site, Tag
from ... import urls
from . import json_lines

INTERNAL_FIELDS = {"source_path"}  # where the YAML sits on the editor's disk says nothing about the record


def _value(value):
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, Citation):
        return {"reference": value.reference.id, "note": value.note}
    if isinstance(value, (Record, Tag)):
        return value.id
    if dataclasses.is_dataclass(value):
        return _fields(value)
    if isinstance(value, (tuple, list)):
        return [_value(v) for v in value]
    return value


def _fields(obj) -> dict:
    return {f.name: _value(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name not in INTERNAL_FIELDS}


def record_data(site: Site, record: AnyRecord) -> dict:
    data = {"kind": record.kind, **_fields(record)}
    data["page_url"] = site.publication.permalink(urls.url_of(record))  # 'url' is the record's own field
    return data


def site_data(site: Site) -> dict:
    def table(records) -> list[dict]:
        return [record_data(site, r) for r in sorted(records, key=lambda r: r.id)]

    return {
        "site": {"name": site.publication.name, "url": site.publication.permalink("")},
        "framework": record_data(site, site.framework),
        "stakeholders": table(site.stakeholders.values()),
        "recommendations": table(site.recommendations.values()),
        "collections": table(site.collections.values()),
        "tags": [_fields(t) for t in sorted(site.tags.values(), key=lambda t: t.id)],
        "case_studies": table(site.case_studies.values()),
        "organizations": table(site.organizations.values()),
        "references": table(site.references.values()),
    }


def site_json(site: Site) -> str:
    return json_lines.document(site_data(site))
