"""Stage 4, render: pure functions from the Site to {docs path: page text}. No disk, no MkDocs."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Site
from .. import urls
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
    return dict(iter_pages(site))


def iter_pages(site: Site) -> Iterator[tuple[str, str]]:
    """(docs path, text) of every page and file, one at a time: the write stage stores each and lets
    it go, because at 10,000 case studies the whole site is several hundred megabytes of text."""
    sizes: dict[str, int] = {}
    for path, text in _pages(site):
        if path.startswith("data/"):
            sizes[path] = len(text) if text.isascii() else len(text.encode("utf-8"))
        yield path, text
    # Last: /data/ lists every download the renderers above produced, with its size.
    yield "data/index.md", render_data_index(site, sizes)


def _pages(site: Site) -> Iterator[tuple[str, str]]:
    yield "framework.md", render_framework(site)
    yield "recommendations/index.md", render_recommendations_index(site)
    yield "case-studies/index.md", render_case_study_index(site)
    yield "organizations/index.md", render_organization_index(site)
    yield "references/index.md", render_reference_index(site)
    yield "open-questions.md", render_open_questions(site)
    yield "coverage.md", render_coverage(site)
    for stakeholder in site.stakeholders.values():
        yield urls.page_of(stakeholder), render_stakeholder_page(site, stakeholder)
    for case in site.case_studies.values():
        yield urls.page_of(case), render_case_study(site, case)
    for org in site.organizations.values():
        yield urls.page_of(org), render_organization(site, org)
    for ref in site.references.values():
        yield urls.page_of(ref), render_reference(site, ref)
    for collection in site.collections.values():
        yield urls.page_of(collection), render_collection(site, collection)
    yield from render_graph_pages(site)
    yield from render_data_files(site)
    yield from render_tags_page(site).items()
    yield from redirect_pages(site).items()
