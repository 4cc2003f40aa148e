"""Which built page stands for each page type, chosen from the records the site was built from (no fixed record ids)."""

from __future__ import annotations

from generator import urls
from generator.model import CaseStudy, Site


def sample_case_study(site: Site) -> CaseStudy:
    """A confirmed case study that exercises recommendations (the richest page), else any."""
    cases = sorted(site.case_studies.values(), key=lambda c: c.id)
    return next((c for c in cases if c.status == "confirmed" and c.practices), cases[0])


def page_types(site: Site) -> dict[str, str]:
    """{page type: URL path relative to the site root} for every kind of page the site has."""
    case = sample_case_study(site)
    reference = next(r for c in [case] for r in (cit.reference for cit in c.citations))
    collection = case.collection
    return {
        "home": "",
        "framework": "framework/",
        "recommendations": "recommendations/",
        "stakeholder": "recommendations/creators/",
        "case-study index": "case-studies/",
        "case study": urls.url_of(case),
        "organization": urls.url_of(case.organization),
        "organization index": "organizations/",
        "reference index": "references/",
        "reference": urls.url_of(reference),
        "collection": urls.url_of(collection),
        "graph": "graph/",
        "coverage": "coverage/",
        "open questions": "open-questions/",
        "tags": "tags/",
        "data": "data/",
        "about": "about/",
        "404": "404.html",
    }
