"""Stage 3, model: turn validated raw records into the Site, resolving every id into its object once,
then derive the graph of relations and the related-case index from them. The result is frozen."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

from .graph import Graph
from .kinds import KIND_LIST
from .load import LoadedSources
from .model import (
    AnyRecord,
    CaseStudy,
    Citation,
    Collection,
    Conflict,
    Entry,
    Framework,
    Organization,
    PartialDate,
    Recommendation,
    Publication,
    Records,
    Reference,
    Site,
    Stakeholder,
    Tag,
    undocumented_name,
)
from .related import RelatedIndex
from .validate import iter_records


def build_site(loaded: LoadedSources, publication: Publication | None = None) -> Site:
    """Assumes `validate(loaded)` returned no problems. `publication`: where the site will live (mkdocs.yml)."""
    raw = {kind.source: list(_records(loaded, kind.source)) for kind in KIND_LIST}
    references = {r.id: _reference(r) for r in raw["reference"]}
    cite = _Citer(references)
    for r in raw["reference"]:
        if r.data.get("conflicts"):
            references[r.id] = dataclasses.replace(references[r.id], conflicts=_common(r, cite)["conflicts"])
    organizations = {r.id: _organization(r, cite) for r in raw["organization"]}
    stakeholders = {r.id: Stakeholder(**_common(r, cite), title=r.data["title"], short_title=r.data["short_title"], description=r.data["description"], citations=cite(r.data)) for r in raw["stakeholders"]}
    recommendations = {
        r.id: Recommendation(
            **_common(r, cite),
            stakeholder=stakeholders[r.data["stakeholder"]],
            title=r.data["title"],
            statement=r.data["statement"],
            citations=cite(r.data),
            aliases=tuple(r.data.get("aliases", ())),
        )
        for r in raw["recommendations"]
    }
    collections = {r.id: Collection(**_common(r, cite), title=r.data["title"], date=_date(r.data.get("date")), description=r.data.get("description"), citations=cite(r.data)) for r in raw["collections"]}
    tags = {r.id: Tag(r.id, r.data["title"], r.data.get("description")) for r in raw["tags"]}
    case_studies = {r.id: _case_study(r, cite, organizations, collections, recommendations, tags) for r in raw["case-study"]}
    framework = _framework(raw["framework"][0], cite, organizations, recommendations)
    tables: dict[str, Any] = {
        "framework": framework,
        "stakeholders": MappingProxyType(stakeholders),
        "recommendations": MappingProxyType(recommendations),
        "collections": MappingProxyType(collections),
        "tags": MappingProxyType(tags),
        "case_studies": MappingProxyType(case_studies),
        "organizations": MappingProxyType(organizations),
        "references": MappingProxyType(references),
    }
    everything = Records(**tables, aliases=MappingProxyType({})).all_records()
    aliases = MappingProxyType({alias: record for record in everything for alias in getattr(record, "aliases", ())})
    records = Records(**tables, aliases=aliases)
    return Site(**tables, aliases=aliases, graph=build_graph(records), related=RelatedIndex(case_studies.values()), publication=publication or Publication())


def _records(loaded: LoadedSources, kind: str):
    for source in loaded.of_kind(kind):
        yield from iter_records(kind, source)


class _Citer:
    """Turns a `references:` list into Citation objects."""

    def __init__(self, references: dict[str, Reference]):
        self.references = references

    def __call__(self, data: dict[str, Any]) -> tuple[Citation, ...]:
        return self.entries(data.get("references") or [])

    def entries(self, entries: list[Any]) -> tuple[Citation, ...]:
        return tuple(Citation(self.references[e], None) if isinstance(e, str) else Citation(self.references[e["ref"]], e.get("note")) for e in entries)


def _date(value: str | int | None) -> PartialDate | None:
    return None if value is None else PartialDate.parse(value)


def _common(record, cite: _Citer | None) -> dict[str, Any]:
    data = record.data
    return {
        "id": record.id,
        "status": data["status"],
        "source_path": record.source.path,
        "missing": tuple(data.get("missing", ())),
        "conflicts": tuple(Conflict(c["about"], c["description"], cite.entries(c["references"])) for c in data.get("conflicts", ())) if cite else (),
        "updated": _date(data.get("updated")),
    }


def _reference(record) -> Reference:
    data = record.data
    # A reference's conflicts cite other references, so build_site fills them in once all exist.
    return Reference(
        **_common(record, None),
        title=data["title"],
        type=data["type"],
        publisher=data["publisher"],
        publisher_id=data.get("published_by"),
        authors=tuple(data.get("authors", ())),
        date=_date(data.get("date")),
        url=data["url"],
        reliability=data["reliability"],
        summary=data.get("summary"),
        cites_ids=tuple(data.get("cites", ())),
        about_ids=tuple(data.get("about", ())),
        aliases=tuple(data.get("aliases", ())),
        pdf=data.get("pdf"),
        no_named_author="authors" in data and not data["authors"],
    )


def _organization(record, cite: _Citer) -> Organization:
    data = record.data
    return Organization(
        **_common(record, cite),
        name=data["name"],
        short_name=data.get("short_name", data["name"]),
        org_kind=data["kind"],
        description=data.get("description"),
        url=data["url"],
        joined=_date(data.get("joined")),
        cohort=data.get("cohort"),
        citations=cite(data),
        aliases=tuple(data.get("aliases", ())),
    )


def _case_study(record, cite, organizations, collections, recommendations, tags) -> CaseStudy:
    data = record.data
    organization, collection = organizations[data["organization"]], collections[data["collection"]]
    title = data.get("title") or undocumented_name(organization, collection, documented=data.get("summary") is not None)
    return CaseStudy(
        **_common(record, cite),
        title=title,
        organization=organization,
        authors=tuple(data.get("authors", ())),
        collection=collection,
        published=_date(data.get("published")),
        role=data.get("role"),
        summary=data.get("summary"),
        practices=tuple(recommendations[p] for p in data.get("practices", ())),
        lessons=tuple(data.get("lessons", ())),
        url=data.get("url"),
        citations=cite(data),
        tags=tuple(tags[t] for t in data.get("tags", ())),
        aliases=tuple(data.get("aliases", ())),
        title_known="title" in data,
    )


def _entry(data: dict[str, Any], cite: _Citer) -> Entry:
    return Entry(data["id"], data["title"], data["text"], cite(data))


def _framework(record, cite, organizations, recommendations) -> Framework:
    data = record.data
    return Framework(
        **_common(record, cite),
        title=data["title"],
        short_title=data["short_title"],
        launched=PartialDate.parse(data["launched"]),
        convener=organizations[data["convener"]],
        url=data["url"],
        summary=data["summary"],
        core_concepts=tuple(_entry(e, cite) for e in data.get("core_concepts", ())),
        practices_for_all=tuple(recommendations[i] for i in data.get("practices_for_all", ())),
        definitions=tuple(_entry(e, cite) for e in data.get("definitions", ())),
        review_cadence=_entry(data["review_cadence"], cite) if "review_cadence" in data else None,
        citations=cite(data),
    )


def build_graph(site: Records) -> Graph[AnyRecord]:
    """Every record a node; every relation the records state, typed, with the citations that support it."""
    graph: Graph[AnyRecord] = Graph()
    for record in site.all_records():
        graph.add_node(record)
    framework = site.framework
    graph.add_edge(framework, framework.convener, "convened-by", framework.citations)
    for recommendation in site.recommendations.values():
        graph.add_edge(recommendation, recommendation.stakeholder, "addresses", recommendation.citations)
    for organization in site.organizations.values():
        if organization.is_supporter:
            graph.add_edge(organization, framework, "supports", organization.citations)
    for case in site.case_studies.values():
        graph.add_edge(case, case.organization, "by", case.citations)
        graph.add_edge(case, case.collection, "in", case.citations)
        for practice in case.practices:
            graph.add_edge(case, practice, "exercises", case.citations)
    for reference in site.references.values():
        evidence = (Citation(reference),)
        for target in reference.cites_ids:
            graph.add_edge(reference, site.record(target), "cites", evidence)
        for target in reference.about_ids:
            graph.add_edge(reference, site.record(target), "about", evidence)
        if reference.publisher_id:
            graph.add_edge(reference, site.organizations[reference.publisher_id], "published-by", evidence)
    for record in site.all_records():
        for citation in getattr(record, "citations", ()):
            graph.add_edge(record, citation.reference, "sourced-from", (citation,))
    return graph
