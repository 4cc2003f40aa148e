"""Stage 4, render: pure functions from the Site to {docs path: page text}. No disk, no MkDocs."""

from __future__ import annotations

from ..model import Site
from .. import urls
from .cite import cite_section  # noqa: F401  (used by record renderers)
from .data_pages import render_data_files, render_data_index
from .graph_page import render_graph_pages
from .case_studies import render_case_study, render_case_study_index
from .collections import render_collection
from .coverage import render_coverage
from .open_questions import render_open_questions
from .framework import render_framework
from .organizations import render_organization, render_organization_index
from .recommendations import render_recommendations_index, render_stakeholder_page
from .redirects import redirect_pages
from .references import render_reference, render_reference_index
from .tags_page import render_tags_page


def render_site(site: Site) -> dict[str, str]:
    pages: dict[str, str] = {
        "framework.md": render_framework(site),
        "recommendations/index.md": render_recommendations_index(site),
        "case-studies/index.md": render_case_study_index(site),
        "organizations/index.md": render_organization_index(site),
        "references/index.md": render_reference_index(site),
        "open-questions.md": render_open_questions(site),
        "coverage.md": render_coverage(site),
    }
    for stakeholder in site.stakeholders.values():
        pages[urls.page_of(stakeholder)] = render_stakeholder_page(site, stakeholder)
    for case in site.case_studies.values():
        pages[urls.page_of(case)] = render_case_study(site, case)
    for org in site.organizations.values():
        pages[urls.page_of(org)] = render_organization(site, org)
    for ref in site.references.values():
        pages[urls.page_of(ref)] = render_reference(site, ref)
    for collection in site.collections.values():
        pages[urls.page_of(collection)] = render_collection(site, collection)
    pages.update(render_graph_pages(site))
    pages.update(render_data_files(site))
    pages.update(render_tags_page(site))
    pages.update(redirect_pages(site))
    # Last: /data/ lists every download the renderers above produced, with its size.
    pages["data/index.md"] = render_data_index(site, pages)
    return pages
