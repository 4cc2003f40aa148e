"""Citable and reusable: what a researcher's tools read from the built real and fixture sites.

The original work first on case pages (BibTeX that parses and names the original's publisher and
date), Highwire/Dublin Core tags and JSON-LD that agree with the visible blocks, every CSL-JSON entry
rendered by a CSL processor, site.json valid against its published schema, GraphML loaded by networkx
with absolute URLs, the Atom feed, the licence, versions and the data dictionary on /data/.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import subprocess
import warnings
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser
import feedparser
import jsonschema
import networkx
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pylatexenc.latex2text import LatexNodes2Text

from generator import urls
from generator.load import load_sources
from generator.model import Publication, Site
from generator.pipeline import Project, check
from generator.release import build_date, git_version
from generator.render import render_site
from generator.render.cite import bibliography_gaps_section, original_work
from generator.render.feed import LIMIT, feed_records
from generator.render.downloads.site_json import site_data
from generator.render.licence import DATA_LICENCE_URL
from generator.resolve import build_site
from generator.site_config import read_publication

from .conftest import MINI_SOURCES, ROOT

DECODE = LatexNodes2Text().latex_to_text
HIGHWIRE_DATE = re.compile(r"^[0-9]{4}(/[0-9]{2}/[0-9]{2})?$")  # Google Scholar: 2024/03/19, or the year alone


@pytest.fixture(params=["mini_site", "real_site"])
def built(request) -> tuple[Path, Site]:
    """A built site/ folder and the model of the records it was built from."""
    site_dir: Path = request.getfixturevalue(request.param)
    project = Project(site_dir.parent)
    return site_dir, dataclasses.replace(check(project), publication=read_publication(project.config))


class Page(HTMLParser):
    """A built page's head tags (meta, links, JSON-LD) and the text of each <code> block after each id."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict] = []
        self.json_ld: list[str] = []
        self.codes: list[tuple[str | None, str]] = []  # (the last id seen before it, the code text)
        self._last_id: str | None = None
        self._script = self._code = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self._last_id = a["id"]
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"], a.get("content") or ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = True
            self.json_ld.append("")
        elif tag == "code":
            self._code = True
            self.codes.append((self._last_id, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False
        elif tag == "code":
            self._code = False

    def handle_data(self, data):
        if self._script:
            self.json_ld[-1] += data
        elif self._code:
            anchor, text = self.codes[-1]
            self.codes[-1] = (anchor, text + data)

    def values(self, name: str) -> list[str]:
        return [content for key, content in self.meta if key == name]

    def block(self, anchor: str, starts: str) -> str:
        found = [text for last_id, text in self.codes if last_id == anchor and text.startswith(starts)]
        assert len(found) == 1, (anchor, starts, self.codes)
        return found[0]


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def page_file(site_dir: Path, record) -> Path:
    return site_dir / urls.url_of(record) / "index.html"


def one_entry(bibtex: str):
    library = bibtexparser.parse_string(bibtex)
    assert library.failed_blocks == [] and len(library.entries) == 1, bibtex
    return library.entries[0]


def entry_publisher(entry) -> str:
    for field in ("institution", "journal", "howpublished"):
        if field in entry.fields_dict:
            return DECODE(entry[field])
    raise AssertionError(f"no publisher field in {entry.key}")


# --- 1. cite the original first ----------------------------------------------------------------------


def test_case_pages_cite_the_original_first_with_its_publisher_and_date_then_the_summary(built):
    site_dir, site = built
    checked = 0
    for case in site.case_studies.values():
        html_text = page_file(site_dir, case).read_text(encoding="utf-8")
        assert html_text.index('id="cite-the-case-study"') < html_text.index('id="cite-this-summary"'), case.id
        page = read_page(page_file(site_dir, case))
        summary = one_entry(page.block("cite-this-summary", "@misc"))
        assert summary.key == "smf:case-studies/" + case.id
        assert DECODE(summary["author"]) == site.publication.name
        assert summary["url"] == site.publication.permalink(urls.url_of(case))
        work = original_work(site, case)
        if work is None:
            assert not case.url
            continue
        entry = one_entry(page.block("cite-the-case-study", "@"))
        assert entry.key == work.key
        assert DECODE(entry["title"]) == work.title
        assert entry_publisher(entry) == work.publisher
        assert entry["url"] == work.url
        if work.date:
            assert entry["date"] == work.date.iso
        else:
            assert "date" not in entry.fields_dict
        apa = page.block("cite-the-case-study", (work.authors and work.authors[0].split()[-1]) or work.publisher)
        assert work.url in apa and (f"({work.date.year}" in apa if work.date else "(n.d.)" in apa)
        checked += 1
    assert checked


def test_the_bbc_case_cites_the_partnership_on_ais_march_2024_page(real_site):
    page = read_page(real_site / "case-studies" / "bbc-face-swapping" / "index.html")
    entry = one_entry(page.block("cite-the-case-study", "@"))
    assert (entry_publisher(entry), entry["date"], entry["url"]) == ("Partnership on AI", "2024-03", "https://partnershiponai.org/bbc-framework-case-study/")
    assert page.block("cite-the-case-study", "Partnership on AI. (2024, March).")


def test_the_fixture_case_cites_its_authors_day_and_pdf(mini_site):
    page = read_page(mini_site / "case-studies" / "studio-face-swap" / "index.html")
    entry = one_entry(page.block("cite-the-case-study", "@"))
    assert (entry.entry_type, DECODE(entry["author"]), entry["date"], entry_publisher(entry)) == ("techreport", "Jo Doe and Sam Q. Roe", "2024-03-19", "Convener Org")
    assert ("citation_pdf_url", "https://example.org/cases/studio.pdf") in page.meta


def test_a_case_whose_original_address_is_unknown_says_so_and_still_cites_the_summary(mini_site):
    text = (mini_site / "case-studies" / "unknown-case" / "index.html").read_text(encoding="utf-8")
    assert "Where the case study was published is not yet known" in text
    assert "citation_title" not in text


def test_reference_pages_cite_the_source_and_organization_pages_the_page(mini_site):
    ref = read_page(mini_site / "references" / "ref-secondary" / "index.html")
    assert one_entry(ref.block("cite-the-source", "@")).key == "smf:references/ref-secondary"
    record = one_entry(ref.block("cite-this-summary", "@"))
    assert record.key == "smf:references/ref-secondary/record"  # not the source's key: one key, one work
    assert DECODE(record["author"]) == "Synthetic Media Framework Research"
    org = read_page(mini_site / "organizations" / "studio" / "index.html")
    entry = one_entry(org.block("cite-this-page", "@"))
    assert entry.key == "smf:organizations/studio" and DECODE(entry["author"]) == "Synthetic Media Framework Research"
    assert not org.values("citation_title")


def test_framework_page_cites_the_framework_as_its_convener_published_it(built):
    site_dir, site = built
    page = read_page(site_dir / "framework" / "index.html")
    entry = one_entry(page.block("cite-the-framework", "@"))
    assert entry_publisher(entry) == site.framework.convener.name
    assert entry["url"] == site.framework.url
    assert one_entry(page.block("cite-this-summary", "@")).key == "smf:framework"


# --- 2. Highwire / Dublin Core, and JSON-LD, agree with the visible block ---------------------------


CITE_BLOCK = {"case-study": "cite-the-case-study", "framework": "cite-the-framework", "reference": "cite-the-source"}


def test_highwire_dublin_core_and_json_ld_agree_with_the_visible_cite_block(built):
    site_dir, site = built
    records = [site.framework, *site.case_studies.values(), *site.references.values()]
    checked = 0
    for record in records:
        work = original_work(site, record)
        if work is None:
            continue
        page = read_page(page_file(site_dir, record))
        entry = one_entry(page.block(CITE_BLOCK[record.kind], "@"))
        assert page.values("citation_title") == [DECODE(entry["title"])] == [work.title], record.id
        assert page.values("citation_author") == (DECODE(entry["author"]).split(" and ") if "author" in entry.fields_dict else [])
        assert page.values("citation_publisher") == [entry_publisher(entry)]
        assert page.values("citation_public_url") == [entry["url"]] == page.values("DC.identifier")
        dates = page.values("citation_publication_date")
        if "date" in entry.fields_dict:
            assert len(dates) == 1 and HIGHWIRE_DATE.match(dates[0]), dates
            assert entry["date"] == page.values("DC.date")[0]
            assert dates[0].replace("/", "-") == (entry["date"] if len(entry["date"]) == 10 else entry["year"])
        else:
            assert dates == [] and page.values("DC.date") == []
        assert page.values("DC.title") == [work.title]
        assert page.values("DC.creator") == list(work.authors or (work.publisher,))
        assert page.values("citation_pdf_url") == ([work.pdf] if work.pdf else [])
        if work.type == "news-article":
            assert page.values("citation_journal_title") == [work.publisher]
        data = json.loads(page.json_ld[0])
        described = data if record.kind == "reference" else data["isBasedOn"]
        assert described["name"] == work.title and described["url"] == work.url
        assert described.get("datePublished", described.get("startDate")) == (work.date.iso if work.date else None)
        if record.kind != "reference":
            assert data["author"]["name"] == site.publication.name and data["@id"] == site.publication.permalink(urls.url_of(record))
            authors = described["author"]
            assert [a["name"] for a in authors] == list(work.authors) if isinstance(authors, list) else authors["name"] == work.publisher
        checked += 1
    assert checked >= 3


@pytest.mark.slow  # builds the site with MkDocs
def test_citation_meta_values_are_escaped_in_the_head(mini_project):
    from .conftest import edit_file
    from generator.pipeline import build

    edit_file(mini_project.sources / "references" / "ref-secondary.yaml", "title: ", 'title: "Quote \\" & <b>bold</b>" #')
    build(mini_project)
    page = mini_project.site / "references" / "ref-secondary" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert '<meta name="citation_title" content="Quote &#34; &amp; &lt;b&gt;bold&lt;/b&gt;">' in text or '<meta name="citation_title" content="Quote &quot; &amp; &lt;b&gt;bold&lt;/b&gt;">' in text
    assert read_page(page).values("citation_title") == ['Quote " & <b>bold</b>']


# --- 3. CSL-JSON through a CSL processor, BibTeX parses ---------------------------------------------


def test_citeproc_renders_every_csl_json_entry(built):
    site_dir, site = built
    items = json.loads((site_dir / "data" / "references.csl.json").read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns that it does not use CSL's `custom` object
        source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items) == len(site.references)
    for item in items:
        assert any(item["URL"] in text for text in rendered), item["id"]
        ref = site.references[item["id"].removeprefix("smf:references/")]
        if ref.authors:
            family = ref.authors[0].split()[-1]
            assert any(family in text and item["URL"] in text for text in rendered), item["id"]


# --- 4. site.json: public names, schema -------------------------------------------------------------


# The public export's keys. A change here is a change to the download's interface: say so in the README.
SITE_JSON_KEYS = {
    "site": ["name", "url", "version", "built", "license", "license_url", "schema"],
    "framework": ["kind", "id", "status", "title", "short_title", "launched", "convener", "url", "summary", "core_concepts", "practices_for_all", "definitions", "review_cadence", "citations", "missing", "conflicts", "updated", "page_url"],
    "stakeholders": ["kind", "id", "status", "title", "short_title", "description", "citations", "missing", "conflicts", "updated", "page_url"],
    "recommendations": ["kind", "id", "status", "stakeholder", "title", "statement", "citations", "aliases", "missing", "conflicts", "updated", "page_url"],
    "collections": ["kind", "id", "status", "title", "date", "description", "citations", "missing", "conflicts", "updated", "page_url"],
    "tags": ["id", "title", "description"],
    "case_studies": ["kind", "id", "status", "title", "organization", "authors", "collection", "published", "role", "summary", "practices", "lessons", "url", "citations", "tags", "aliases", "missing", "conflicts", "updated", "page_url"],
    "organizations": ["kind", "id", "status", "name", "short_name", "organization_type", "description", "url", "joined", "cohort", "citations", "aliases", "missing", "conflicts", "updated", "page_url"],
    "references": ["kind", "id", "status", "title", "type", "publisher", "published_by", "authors", "date", "url", "pdf", "reliability", "summary", "cites", "about", "aliases", "missing", "conflicts", "updated", "page_url"],
}


def _keys(data: dict) -> dict[str, list[str]]:
    return {section: list(value if isinstance(value, dict) else value[0]) for section, value in data.items()}


def test_site_json_validates_against_the_published_schema_and_keeps_its_public_keys(built):
    site_dir, _ = built
    data = json.loads((site_dir / "data" / "site.json").read_text(encoding="utf-8"))
    schema = json.loads((site_dir / "data" / "site.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert _keys(data) == SITE_JSON_KEYS
    assert not [key for keys in SITE_JSON_KEYS.values() for key in keys if key.endswith("_ids") or key in ("org_kind", "publisher_id", "source_path")]
    assert data["site"]["schema"].endswith("/data/site.schema.json") and data["site"]["license_url"] == DATA_LICENCE_URL


def test_the_schema_rejects_an_unknown_field_and_a_wrong_type(mini_site):
    data = json.loads((mini_site / "data" / "site.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(json.loads((mini_site / "data" / "site.schema.json").read_text(encoding="utf-8")))
    data["case_studies"][0]["org_kind"] = "company"
    assert not validator.is_valid(data)
    del data["case_studies"][0]["org_kind"]
    data["references"][0]["date"] = "March 2024"
    assert not validator.is_valid(data)


def test_internal_fields_do_not_reach_the_export():
    """The export names its fields itself: a field added to a model class (or renamed in it) does not
    appear in site.json, and the internal names differ from the public ones."""
    loaded, _ = load_sources(MINI_SOURCES)
    site = build_site(loaded)
    before = site_data(site)

    @dataclasses.dataclass(frozen=True, slots=True)
    class RenamedOrganization(type(site.organizations["studio"])):
        internal_note: str = "not public"

    org = site.organizations["studio"]
    renamed = RenamedOrganization(**{f.name: getattr(org, f.name) for f in dataclasses.fields(org)})
    after = site_data(dataclasses.replace(site, organizations={**site.organizations, "studio": renamed}))
    assert after == before
    assert _keys(after) == SITE_JSON_KEYS
    assert "org_kind" in {f.name for f in dataclasses.fields(org)}  # the model's name, published as organization_type


# --- 5. graph downloads: absolute URLs --------------------------------------------------------------


def test_graphml_loads_in_networkx_with_absolute_urls_and_graph_json_agrees(built):
    site_dir, site = built
    graph = networkx.read_graphml(site_dir / "data" / "graph.graphml")
    base = site.publication.permalink("")
    assert base.startswith("http")
    assert graph.number_of_nodes() == len(site.graph.nodes)
    for node_id, data in graph.nodes(data=True):
        assert data["url"] == site.publication.permalink(urls.url_of(site.graph.nodes[node_id])), node_id
    assert graph.graph["license"] == DATA_LICENCE_URL and "built" in graph.graph and "version" in graph.graph
    nodes = json.loads((site_dir / "data" / "graph.json").read_text(encoding="utf-8"))["nodes"]
    assert {n["id"]: n["url"] for n in nodes} == {n: d["url"] for n, d in graph.nodes(data=True)}


# --- 6. bibliography gaps on /open-questions/ -------------------------------------------------------


def test_open_questions_list_the_sources_without_date_or_authors():
    loaded, _ = load_sources(MINI_SOURCES)
    site = build_site(loaded)
    text = bibliography_gaps_section(site, "open-questions.md")
    no_date = text[text.index("{ #bibliography-no-date }") : text.index("{ #bibliography-no-authors }")]
    no_authors = text[text.index("{ #bibliography-no-authors }") :]
    assert "An aggregator page" in no_date and "The framework's own page" not in no_date
    assert "An aggregator page" in no_authors
    assert "The framework's own page" not in no_authors  # `authors: []`: the source names no person
    assert "News: 100%" not in no_authors
    assert "bibliography-gaps" in render_site(site)["open-questions.md"]


def test_built_open_questions_page_links_each_gap(built):
    site_dir, site = built
    text = (site_dir / "open-questions" / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="bibliography-gaps"') :]
    for ref in site.references.values():
        if not ref.date:
            assert f'href="../{urls.url_of(ref)}"' in section, ref.id


# --- 3 and 9. licence, version, dictionary, dataset JSON-LD and citation on /data/ ------------------


def test_every_download_carries_the_version_and_build_date():
    loaded, _ = load_sources(MINI_SOURCES)
    site = build_site(loaded, Publication(url="https://x.example/", version="abc1234", built="2026-11-30"))
    pages = render_site(site)
    for name in ("site.json", "site.schema.json", "case-studies.csv", "references.bib", "references.csl.json", "graph.json", "graph.graphml"):
        text = pages["data/" + name]
        assert "abc1234" in text and "2026-11-30" in text, name
    rows = list(csv.DictReader(io.StringIO(pages["data/case-studies.csv"], newline="")))
    assert {(r["data_version"], r["data_built"]) for r in rows} == {("abc1234", "2026-11-30")}
    assert "version `abc1234`" in pages["data/index.md"] and "on 2026-11-30" in pages["data/index.md"]


def test_version_is_the_git_commit_and_the_date_honours_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SMF_VERSION", raising=False)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    assert git_version(ROOT).removesuffix("-dirty") == head.stdout.strip()
    monkeypatch.setenv("SMF_VERSION", "v1.2")
    assert git_version(ROOT) == "v1.2"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == "2023-11-14"


def test_data_page_has_licence_dictionary_dataset_json_ld_and_citation(built):
    site_dir, site = built
    page_path = site_dir / "data" / "index.html"
    text = page_path.read_text(encoding="utf-8")
    for anchor in ("version", "licence", "cite-this-dataset", "data-dictionary"):
        assert f'id="{anchor}"' in text, anchor
    assert f'href="{DATA_LICENCE_URL}"' in text
    data = json.loads((site_dir / "data" / "site.json").read_text(encoding="utf-8"))
    dictionary = text[text.index('id="data-dictionary"') :]
    for section, value in data.items():
        assert f'id="fields-{section.replace("_", "-")}"' in dictionary, section
        for key in value if isinstance(value, dict) else value[0]:
            assert f"<code>{key}</code>" in dictionary, (section, key)
    header = next(csv.reader(io.StringIO((site_dir / "data" / "case-studies.csv").read_text(encoding="utf-8"))))
    csv_part = dictionary[dictionary.index('id="case-studies-csv"') :]
    assert all(f"<code>{column}</code>" in csv_part for column in header)
    page = read_page(page_path)
    dataset = json.loads(page.json_ld[0])
    assert dataset["@type"] == "Dataset" and dataset["license"] == DATA_LICENCE_URL
    assert dataset["creator"]["name"] == site.publication.name and dataset["dateModified"]
    assert dataset.get("version", "") == site.publication.version
    files = sorted(p.name for p in (site_dir / "data").iterdir() if p.name != "index.html")
    assert sorted(d["name"] for d in dataset["distribution"]) == files
    for download in dataset["distribution"]:
        assert download["contentUrl"] == site.publication.permalink("data/" + download["name"]) and download["encodingFormat"]
    entry = one_entry(page.block("cite-this-dataset", "@misc"))
    assert entry.key == "smf:data" and entry["url"] == site.publication.permalink("data/")
    assert page.block("cite-this-dataset", site.publication.name).endswith(site.publication.permalink("data/"))


def test_footer_states_the_licence(mini_site):
    text = (mini_site / "case-studies" / "studio-face-swap" / "index.html").read_text(encoding="utf-8")
    footer = text[text.index("md-footer") :]
    assert f'href="{DATA_LICENCE_URL}"' in footer and "CC BY 4.0" in footer


def test_citation_cff_is_valid_cff_1_2_0():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads((Path(__file__).parent / "fixtures" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(cff)  # the Citation File Format's own schema, vendored
    assert cff["cff-version"] == "1.2.0" and {"message", "title", "authors"} <= set(cff)
    assert cff["license"] == "CC-BY-4.0" and (ROOT / "LICENSE-DATA").is_file()


# --- 8. the Atom feed --------------------------------------------------------------------------------


def test_atom_feed_parses_with_stable_ids_dates_and_summaries(built):
    site_dir, site = built
    feed = feedparser.parse((site_dir / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    expected = feed_records(site)
    assert 0 < len(feed.entries) == len(expected) <= LIMIT
    ids = [e.id for e in feed.entries]
    assert ids == [site.publication.permalink(urls.url_of(r)) for r in expected] and len(set(ids)) == len(ids)
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    for entry, record in zip(feed.entries, expected, strict=True):
        assert entry.title == record.title and entry.link == entry.id
        assert entry.summary and entry.updated.startswith((record.updated or getattr(record, "published", None) or record.date).iso[:4])
    assert feed.feed.links[0].href == site.publication.permalink("feed.xml")


def test_every_page_links_the_feed_and_the_home_and_case_index_show_it(mini_site):
    for path in mini_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text[:2000]:
            continue  # a redirect stub of a former address
        links = [a for a in read_page(path).links if a.get("type") == "application/atom+xml"]
        assert len(links) == 1 and links[0]["rel"] == "alternate", path
        href = links[0]["href"]
        if href.startswith("/"):  # the 404 page, served at any depth, links from the site's root
            assert href == urlsplit(read_publication(mini_site.parent / "mkdocs.yml").url).path + "feed.xml", path
        else:
            assert (path.parent / href).resolve() == (mini_site / "feed.xml").resolve(), path
    for page in ("index.html", "case-studies/index.html"):
        body = (mini_site / page).read_text(encoding="utf-8").split("</head>", 1)[1]
        assert re.search(r'<a href="(\.\./)?feed\.xml"', body), page


def test_a_reference_pdf_that_is_not_a_web_address_is_a_located_error(mini_project, capsys):
    from generator.cli import main
    from .conftest import edit_file

    edit_file(mini_project.sources / "references" / "ref-studio-case.yaml", "pdf: https://example.org/cases/studio.pdf", "pdf: 'javascript:alert(1)'")
    assert main(["--root", str(mini_project.root), "check"]) == 1
    assert re.search(r"^sources/references/ref-studio-case\.yaml:9:\d+: error: pdf: expected an http:// or https:// URL", capsys.readouterr().err, re.MULTILINE)
