"""Downloads under /data/: each file re-read from the generated docs tree (MkDocs copies them unchanged into
site/data/) and checked against the records; the /data/ page itself from a built site."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
from pylatexenc.latex2text import LatexNodes2Text

from generator.model import PartialDate, Site
from generator.pipeline import Project, check, generate
from generator.render.downloads.bibtex import citation_key
from generator.render.pages.data_pages import human_size
from generator.site_config import read_publication
from generator import urls

from .conftest import MINI_SOURCES, ROOT, make_project

DOWNLOADS = ("site.json", "case-studies.csv", "references.bib", "references.csl.json")


@pytest.fixture(scope="module", params=["mini", "real"])
def generated(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Site]:
    """The docs tree the generator wrote (no MkDocs: the downloads are plain files it copies as they are)
    and the model of the very records it was written from."""
    sources = MINI_SOURCES if request.param == "mini" else ROOT / "sources"
    project = make_project(tmp_path_factory.mktemp(f"exports-{request.param}"), sources)
    site, _ = generate(project)
    return project.docs, site


@pytest.fixture(params=["mini_site", "real_site"])
def built(request) -> tuple[Path, Site]:
    """A built site/ folder and the model of the very records it was built from."""
    site_dir: Path = request.getfixturevalue(request.param)
    project = Project(site_dir.parent)
    site = dataclasses.replace(check(project), publication=read_publication(project.config))
    return site_dir, site


def date_iso(date: PartialDate | None) -> str | None:
    return date.iso if date else None


# --- site.json ---------------------------------------------------------------------------------------


def test_site_json_holds_every_record_with_its_links_as_ids(generated):
    site_dir, site = generated
    data = json.loads((site_dir / "data" / "site.json").read_text(encoding="utf-8"))
    tables = {"case_studies": site.case_studies, "organizations": site.organizations, "references": site.references, "recommendations": site.recommendations, "collections": site.collections, "stakeholders": site.stakeholders}
    for name, records in tables.items():
        assert sorted(r["id"] for r in data[name]) == sorted(records), name
    for item in data["case_studies"]:
        case = site.case_studies[item["id"]]
        assert item["title"] == case.title
        assert item["organization"] == case.organization.id
        assert item["collection"] == case.collection.id
        assert item["practices"] == [p.id for p in case.practices]
        assert item["tags"] == [t.id for t in case.tags]
        assert item["citations"] == [{"reference": c.reference.id, "note": c.note} for c in case.citations]
        assert item["published"] == date_iso(case.published)
        assert item["url"] == case.url
        assert item["page_url"] == site.publication.permalink(urls.url_of(case))
    for item in data["references"]:
        ref = site.references[item["id"]]
        assert (item["title"], item["url"], item["date"], item["cites"], item["about"]) == (ref.title, ref.url, date_iso(ref.date), list(ref.cites_ids), list(ref.about_ids))
        assert (item["published_by"], item["authors"], item["pdf"]) == (ref.publisher_id, list(ref.authors), ref.pdf)
    for item in data["organizations"]:
        assert item["organization_type"] == site.organizations[item["id"]].org_kind
    for item in data["recommendations"]:
        assert item["stakeholder"] == site.recommendations[item["id"]].stakeholder.id
    assert data["framework"]["convener"] == site.framework.convener.id
    assert sorted(t["id"] for t in data["tags"]) == sorted(site.tags)


def test_site_json_leaves_out_the_editors_file_paths(generated):
    docs_dir, _ = generated
    assert "source_path" not in (docs_dir / "data" / "site.json").read_text(encoding="utf-8")


# --- case-studies.csv --------------------------------------------------------------------------------


def test_case_studies_csv_has_one_row_per_case_with_practices_joined(generated):
    site_dir, site = generated
    text = (site_dir / "data" / "case-studies.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == [c.id for c in site.case_studies_sorted()]
    for row in rows:
        case = site.case_studies[row["id"]]
        assert row["title"] == case.title
        assert row["organization"] == case.organization.id
        assert row["organization_name"] == case.organization.name
        assert row["published"] == (case.published.iso if case.published else "")
        assert (row["practices"].split("; ") if row["practices"] else []) == [p.id for p in case.practices]
        assert (row["tags"].split("; ") if row["tags"] else []) == [t.id for t in case.tags]
        assert (row["lessons"].split("\n") if row["lessons"] else []) == [" ".join(lesson.split()) for lesson in case.lessons]
        assert row["summary"] == (case.summary or "").strip()


# --- references.bib and references.csl.json ----------------------------------------------------------


def test_references_bib_has_one_parsable_entry_per_reference(generated):
    site_dir, site = generated
    library = bibtexparser.parse_string((site_dir / "data" / "references.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    assert sorted(entries) == sorted(citation_key(r) for r in site.references.values())
    decode = LatexNodes2Text().latex_to_text
    for ref in site.references.values():
        entry = entries[citation_key(ref)]
        assert decode(entry["title"]) == " ".join(ref.title.split())
        assert entry["url"] == ref.url
        if ref.date:
            assert (entry["year"], entry["date"]) == (str(ref.date.year), ref.date.iso)
        else:
            assert "year" not in entry.fields_dict
        if ref.authors:
            assert decode(entry["author"]).split(" and ") == list(ref.authors)


def test_references_csl_json_is_a_list_of_items_matching_the_references(generated):
    site_dir, site = generated
    items = json.loads((site_dir / "data" / "references.csl.json").read_text(encoding="utf-8"))
    assert isinstance(items, list)
    by_id = {item["id"]: item for item in items}
    assert sorted(by_id) == sorted(citation_key(r) for r in site.references.values())
    for ref in site.references.values():
        item = by_id[citation_key(ref)]
        assert item["type"] and item["title"] == ref.title and item["URL"] == ref.url
        if ref.date:
            assert item["issued"]["date-parts"] == [[p for p in (ref.date.year, ref.date.month, ref.date.day) if p]]
        else:
            assert "issued" not in item
        names = [n.get("literal") or f"{n['given']} {n['family']}" for n in item.get("author", [])]
        assert names == [" ".join(a.split()) for a in ref.authors]


# --- the /data/ page ----------------------------------------------------------------------------------


class _Rows(HTMLParser):
    """The (link, cells) of each table row of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str | None, list[str]]] = []
        self._cells: list[str] | None = None
        self._link: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._cells, self._link = [], None
        elif tag == "td" and self._cells is not None:
            self._cells.append("")
        elif tag == "a" and self._cells is not None and self._link is None:
            self._link = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag == "tr" and self._cells:
            self.rows.append((self._link, self._cells))
            self._cells = None

    def handle_data(self, data):
        if self._cells:
            self._cells[-1] += data


def test_data_page_lists_every_download_with_its_size_and_a_description(built):
    site_dir, _ = built
    parser = _Rows()
    parser.feed((site_dir / "data" / "index.html").read_text(encoding="utf-8"))
    listed = {link: cells for link, cells in parser.rows if link}  # the data dictionary's rows have no link
    files = sorted(p.name for p in (site_dir / "data").iterdir() if p.is_file() and p.name != "index.html")
    assert set(DOWNLOADS) <= set(files)
    assert sorted(listed) == files
    for name in files:
        cells = listed[name]
        assert cells[1].strip() == human_size((site_dir / "data" / name).stat().st_size)
        assert len(cells[2].strip()) > 20


def test_case_index_links_the_csv(mini_site):
    html = (mini_site / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./data/case-studies\.csv"', html)


def test_data_index_lists_files_of_other_renderers_after_the_known_ones():
    from generator.render.pages.data_pages import downloads

    sizes = {"data/zeta.txt": 1, "data/graph.json": 2, "data/site.json": 2, "data/index.md": 1, "data/sub/x.json": 0, "case-studies/index.md": 0}
    assert downloads(sizes) == [("site.json", 2), ("graph.json", 2), ("zeta.txt", 1)]
