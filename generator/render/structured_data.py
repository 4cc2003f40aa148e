"""JSON-LD (schema.org) for record pages, built from the model and carried in front matter.

overrides/main.html prints the `json_ld` front-matter string into a <script type="application/ld+json">.
The string is escaped here so that no record text can end that element: '<', '>' and '&' become
JSON \\u escapes, which every JSON parser reads back as the same characters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..kinds import KIND_LIST, REFERENCE_TYPES as REFERENCE_KINDS
from ..model import AnyRecord, CaseStudy, Citation, Collection, Framework, Organization, PartialDate, Reference, Site
from .. import urls
from .escape import script_json
from .cite import Work, original_work
from .text import one_line

CONTEXT = "https://schema.org"
REFERENCE_TYPES = {name: kind.schema_org for name, kind in REFERENCE_KINDS.items()}
KIND_TYPES = {kind.name: kind.schema_org for kind in KIND_LIST if kind.schema_org}


def json_ld_text(data: dict) -> str:
    """Compact JSON that is safe inside a <script> element."""
    return script_json(data)


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


def site_node(site: Site) -> dict:
    """This site, as the author and publisher of its own pages."""
    return {"@type": "Organization", "name": site.publication.name, "url": site.publication.permalink("")}


def work_node(site: Site, work: Work) -> dict:
    """The original a page summarizes, with its own publisher, authors and date (the 'Cite the …' block)."""
    publisher = node(site, site.organizations[work.publisher_id]) if work.publisher_id and work.publisher_id in site.organizations else {"@type": "Organization", "name": work.publisher}
    data: dict = {"@type": REFERENCE_TYPES.get(work.type, "CreativeWork"), "name": work.title, "url": work.url}
    data["author"] = [{"@type": "Person", "name": a} for a in work.authors] if work.authors else publisher
    data["publisher"] = publisher
    if work.date:
        data["datePublished"] = work.date.iso
    if work.pdf:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": work.pdf, "encodingFormat": "application/pdf"}
    return data


def _summary_page(site: Site, record: AnyRecord) -> dict:
    """A page of this site that summarizes someone else's work: by the site, dated by the record's last update."""
    data: dict = {
        "@context": CONTEXT,
        "@type": "WebPage",
        "@id": page_url(site, record),
        "url": page_url(site, record),
        "name": record.title,
        "author": site_node(site),
        "publisher": site_node(site),
    }
    if record.updated:
        data["dateModified"] = record.updated.iso
    return data


def framework_json_ld(site: Site, fw: Framework) -> dict:
    data = _summary_page(site, fw)
    data["description"] = one_line(fw.summary)
    based_on = original_work(site, fw)
    if based_on:
        data["isBasedOn"] = {**work_node(site, based_on), "alternateName": fw.short_title}
    data.update(_citations(site, fw.citations))
    return data


def case_study_json_ld(site: Site, case: CaseStudy) -> dict:
    data = _summary_page(site, case)
    data["headline"] = case.title
    if case.summary:
        data["description"] = one_line(case.summary)
    based_on = original_work(site, case)
    if based_on:
        original = work_node(site, based_on)
        original["isPartOf"] = node(site, case.collection)
        original["sourceOrganization"] = node(site, case.organization)
        data["isBasedOn"] = original
    data["about"] = [node(site, case.organization), node(site, site.framework), *(node(site, p) for p in case.practices)]
    data.update(_citations(site, case.citations))
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
    builders: dict[str, Callable[[Site, Any], dict]] = {
        "framework": framework_json_ld,
        "case-study": case_study_json_ld,
        "organization": organization_json_ld,
        "reference": reference_json_ld,
        "collection": collection_json_ld,
    }
    return json_ld_text(builders[record.kind](site, record))
