"""JSON-LD (schema.org) for record pages, built from the model and carried in front matter.

overrides/main.html prints the `json_ld` front-matter string into a <script type="application/ld+json">.
The string is escaped here so that no record text can end that element: '<', '>' and '&' become
JSON \\u escapes, which every JSON parser reads back as the same characters.
"""

from __future__ import annotations

import json

from ..kinds import KIND_LIST, REFERENCE_TYPES as REFERENCE_KINDS
from ..model import AnyRecord, CaseStudy, Citation, Collection, Framework, Organization, PartialDate, Reference, Site
from .. import urls
from .text import one_line

CONTEXT = "https://schema.org"
REFERENCE_TYPES = {name: kind.schema_org for name, kind in REFERENCE_KINDS.items()}
KIND_TYPES = {kind.name: kind.schema_org for kind in KIND_LIST if kind.schema_org}


def json_ld_text(data: dict) -> str:
    """Compact JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_url(site: Site, record: AnyRecord) -> str:
    return site.publication.permalink(urls.url_of(record))


def node(site: Site, record: AnyRecord) -> dict:
    """A short reference to another record: its type, our page as its id, its name and address."""
    if isinstance(record, Reference):
        return {"@type": REFERENCE_TYPES[record.type], "@id": page_url(site, record), "name": record.title, "url": record.url}
    if isinstance(record, Organization):
        return {"@type": "Organization", "@id": page_url(site, record), "name": record.name, "url": record.url}
    return {"@type": KIND_TYPES.get(record.kind, "Thing"), "@id": page_url(site, record), "name": record.title, "url": page_url(site, record)}


def _dates(published: PartialDate | None, updated: PartialDate | None) -> dict:
    out = {}
    if published:
        out["datePublished"] = published.iso
    if updated:
        out["dateModified"] = updated.iso
    return out


def _citations(site: Site, citations: tuple[Citation, ...]) -> dict:
    refs = {c.reference.id: c.reference for c in citations}
    return {"citation": [node(site, r) for r in refs.values()]} if refs else {}


def framework_json_ld(site: Site, fw: Framework) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "@id": page_url(site, fw),
        "url": page_url(site, fw),
        "name": fw.title,
        "alternateName": fw.short_title,
        "description": one_line(fw.summary),
        "sameAs": fw.url,
        "author": node(site, fw.convener),
        "publisher": node(site, fw.convener),
        **_dates(fw.launched, fw.updated),
        **_citations(site, fw.citations),
    }


def case_study_json_ld(site: Site, case: CaseStudy) -> dict:
    data: dict = {
        "@context": CONTEXT,
        "@type": "Report",
        "@id": page_url(site, case),
        "url": page_url(site, case),
        "name": case.title,
        "headline": case.title,
        "author": [node(site, case.organization), *({"@type": "Person", "name": a} for a in case.authors)],
        "publisher": node(site, case.organization),
        "isPartOf": node(site, case.collection),
        "about": [node(site, site.framework), *(node(site, p) for p in case.practices)],
        **_dates(case.published, case.updated),
        **_citations(site, case.citations),
    }
    if case.summary:
        data["description"] = one_line(case.summary)
    if case.url:
        data["isBasedOn"] = case.url
    if case.tags:
        data["keywords"] = [tag.title for tag in case.tags]
    return data


def organization_json_ld(site: Site, org: Organization) -> dict:
    data: dict = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": page_url(site, org),
        "name": org.name,
        "url": org.url,
        "mainEntityOfPage": page_url(site, org),
    }
    if org.description:
        data["description"] = one_line(org.description)
    return data


def reference_json_ld(site: Site, ref: Reference) -> dict:
    kind = REFERENCE_TYPES[ref.type]
    publisher = node(site, site.organizations[ref.publisher_id]) if ref.publisher_id else {"@type": "Organization", "name": ref.publisher}
    data: dict = {
        "@context": CONTEXT,
        "@type": kind,
        "@id": page_url(site, ref),
        "name": ref.title,
        "url": ref.url,
        "mainEntityOfPage": page_url(site, ref),
    }
    if kind == "Event":
        data["organizer"] = publisher
        if ref.date:
            data["startDate"] = ref.date.iso
    else:
        data["publisher"] = publisher
        data.update(_dates(ref.date, None))
        if ref.authors:
            data["author"] = [{"@type": "Person", "name": a} for a in ref.authors]
        cited = [node(site, edge.target) for edge in site.graph.outgoing(ref, "cites")]
        if cited:
            data["citation"] = cited
        about = [node(site, edge.target) for edge in site.graph.outgoing(ref, "about")]
        if about:
            data["about"] = about
    if ref.summary:
        data["description"] = one_line(ref.summary)
    return data


def collection_json_ld(site: Site, collection: Collection) -> dict:
    cases = [e.source for e in site.graph.incoming(collection, "in")]
    data: dict = {
        "@context": CONTEXT,
        "@type": "Collection",
        "@id": page_url(site, collection),
        "url": page_url(site, collection),
        "name": collection.title,
        "hasPart": [node(site, c) for c in sorted(cases, key=lambda c: c.id)],
        **_dates(collection.date, collection.updated),
    }
    if collection.description:
        data["description"] = one_line(collection.description)
    return data


def record_json_ld(site: Site, record: AnyRecord) -> str:
    """The JSON-LD text for any record that has a page of its own."""
    builders = {
        "framework": framework_json_ld,
        "case-study": case_study_json_ld,
        "organization": organization_json_ld,
        "reference": reference_json_ld,
        "collection": collection_json_ld,
    }
    return json_ld_text(builders[record.kind](site, record))
