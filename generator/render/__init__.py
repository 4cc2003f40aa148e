"""Stage 4, render: pure functions from the Site to {docs path: page text}. No disk, no MkDocs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..kinds import KINDS
from ..model import AnyRecord, Site
from .. import urls
from .feed import FEED_PATH, atom_feed
from .downloads import DOWNLOADS
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
from ..page_memo import PageMemo, PageNotes
from ..parallel import render_records
from ..trace import traced


def render_site(site: Site) -> dict[str, str]:
    return {path: text for path, text in iter_pages(site) if text is not None}  # without a memo, every page has its text


def iter_pages(site: Site, jobs: int = 1, memo: PageMemo | None = None) -> Iterator[tuple[str, str | None]]:
    """(docs path, text) of every page and file, one at a time: the write stage stores each and lets
    it go, because at 10,000 case studies the whole site is several hundred megabytes of text.
    Pages are rendered in `jobs` processes (parallel.py); they are the same for any number, and the
    record pages come in the same order.

    With a `memo` of the last build, a record page that would come out the same is not rendered:
    its text is None, and the docs tree keeps the file the last build wrote.
    """
    sizes: dict[str, int] = {}
    for path, text, notes in _pages(site, jobs, memo):
        if memo is not None:
            if text is None:
                memo.kept(path)
            else:
                memo.rendered(path, notes)
        if text is not None and path.startswith("data/"):
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


# A page as the render stage hands it on: (docs path, text, what it read of the Site). The text is
# None for a record page kept from the last build; what it read is None for site-wide pages.
Rendered = tuple[str, str | None, PageNotes | None]


def _pages(site: Site, jobs: int, memo: PageMemo | None) -> Iterator[Rendered]:
    records = [record for group in (site.stakeholders, site.case_studies, site.organizations, site.references, site.collections) for record in group.values()]
    renderer: Callable[[Site, AnyRecord], Rendered] = _record_page if memo is None else _remembering(memo)
    yield from render_records(site, records, renderer, jobs, parts=_site_wide_parts(site))


def _record_page(site: Site, record: AnyRecord) -> tuple[str, str, None]:
    return urls.page_of(record), RECORD_RENDERERS[record.kind](site, record), None


def _remembering(memo: PageMemo) -> Callable[[Site, AnyRecord], Rendered]:
    """A record page's renderer that keeps the last build's page if it would come out the same, and
    otherwise renders it noting what it reads."""

    def page(site: Site, record: AnyRecord) -> Rendered:
        path = urls.page_of(record)
        if memo.reusable(path, record):
            return path, None, None
        notes = memo.notes()
        text = RECORD_RENDERERS[record.kind](traced(site, notes), record)
        return path, text, memo.page_notes(record, notes)

    return page


def _site_wide_parts(site: Site) -> list[Callable[[], list[Rendered]]]:
    """The site-wide pages, in parts that workers render apart, about the slowest first."""

    def one(path: str, render: Callable[[Site], str]) -> Callable[[], list[Rendered]]:
        return lambda: [(path, render(site), None)]

    def each(pages: Callable[[Site], dict[str, str]]) -> Callable[[], list[Rendered]]:
        return lambda: [(path, text, None) for path, text in pages(site).items()]

    downloads = [one(path, render) for path, render in DOWNLOADS]
    return [
        one("case-studies/index.md", render_case_study_index),
        *downloads[:5],
        one(GRAPH_PAGE, render_graph_page),
        *downloads[5:],
        one("coverage.md", render_coverage),
        one("references/index.md", render_reference_index),
        one("open-questions.md", render_open_questions),
        one(FEED_PATH, atom_feed),
        one("framework.md", render_framework),
        one("index.md", render_home),
        one("organizations/index.md", render_organization_index),
        one("recommendations/index.md", render_recommendations_index),
        each(render_tags_page),
        each(redirect_pages),
    ]
