"""Stage 4, render: pure functions from the Site to {docs path: page text}. No disk, no MkDocs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..kinds import KINDS
from ..model import AnyRecord, Site
from .. import urls
from .feed import FEED_PATH, atom_feed
from .downloads import render_downloads
from .pages.data_pages import render_data_index
from .pages.graph_page import PAGE as GRAPH_PAGE, render_graph_page
from .pages.home import render_home
from .pages.case_studies import render_case_study, render_case_study_index
from .pages.collections import render_collection
from .pages.coverage import render_coverage
from .pages.open_questions import render_open_questions
from .pages.framework import render_framework
from .pages.organizations import render_organization, render_organization_index
from .pages.recommendations import render_recommendations_index, render_stakeholder_page
from .pages.redirects import redirect_pages
from .pages.references import render_reference, render_reference_index
from .pages.tags_page import render_tags_page
from ..parallel import render_records


def render_site(site: Site) -> dict[str, str]:
    return dict(iter_pages(site))


def iter_pages(site: Site, jobs: int = 1) -> Iterator[tuple[str, str]]:
    """(docs path, text) of every page and file, one at a time: the write stage stores each and lets
    it go, because at 10,000 case studies the whole site is several hundred megabytes of text.
    Record pages are rendered in `jobs` processes while this one renders the site-wide pages; the
    pages are the same for any number, and the record pages come in the same order."""
    sizes: dict[str, int] = {}
    for path, text in _pages(site, jobs):
        if path.startswith("data/"):
            sizes[path] = len(text.encode("utf-8"))
        yield path, text
    # Last: /data/ lists every download the renderers above produced, with its size.
    yield "data/index.md", render_data_index(site, sizes)


# The page of each kind of record; a recommendation is shown on its stakeholder group's page.
RECORD_RENDERERS: dict[str, Callable[[Site, Any], str]] = {
    "stakeholder": render_stakeholder_page,
    "case-study": render_case_study,
    "organization": render_organization,
    "reference": render_reference,
    "collection": render_collection,
}


def record_page(site: Site, record: AnyRecord) -> tuple[str, str] | None:
    """(docs path, text) of the page that shows `record`, on its own; None for records without one (tags).

    `smf serve` writes the edited record's page with this before rendering the rest of the site.
    """
    shown_on = KINDS[record.kind].shown_on
    if shown_on:
        record = getattr(record, shown_on)
    if record.kind == "framework":
        return "framework.md", render_framework(site)
    render = RECORD_RENDERERS.get(record.kind)
    return (urls.page_of(record), render(site, record)) if render else None


def _record_page(site: Site, record: AnyRecord) -> tuple[str, str]:
    return urls.page_of(record), RECORD_RENDERERS[record.kind](site, record)


def _pages(site: Site, jobs: int) -> Iterator[tuple[str, str]]:
    records = [record for group in (site.stakeholders, site.case_studies, site.organizations, site.references, site.collections) for record in group.values()]
    yield from render_records(site, records, _record_page, jobs, alongside=_site_wide_pages(site))


def _site_wide_pages(site: Site) -> Iterator[tuple[str, str]]:
    yield "index.md", render_home(site)
    yield "framework.md", render_framework(site)
    yield "recommendations/index.md", render_recommendations_index(site)
    yield "case-studies/index.md", render_case_study_index(site)
    yield "organizations/index.md", render_organization_index(site)
    yield "references/index.md", render_reference_index(site)
    yield "open-questions.md", render_open_questions(site)
    yield "coverage.md", render_coverage(site)
    yield GRAPH_PAGE, render_graph_page(site)
    yield from render_downloads(site)
    yield FEED_PATH, atom_feed(site)
    yield from render_tags_page(site).items()
    yield from redirect_pages(site).items()
