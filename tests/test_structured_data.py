"""JSON-LD, Open Graph, Twitter-card and canonical tags, read back from the built HTML."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.load import load_sources
from generator.model import Publication
from generator.render.structured_data import json_ld_text, record_json_ld
from generator.resolve import build_site

from .conftest import MINI_SOURCES, edit_file

# The JSON-LD @type each kind of record page must carry.
# Case-study and framework pages are this site's summaries (WebPage) of an original they are `isBasedOn`.
PAGE_TYPES = {"case-studies": {"WebPage"}, "organizations": {"Organization"}, "collections": {"Collection"}, "framework": {"WebPage"}}
REFERENCE_TYPES = {"WebPage", "Report", "ScholarlyArticle", "Article", "BlogPosting", "NewsArticle", "Event", "Dataset", "CreativeWork"}


class Head(HTMLParser):
    """Meta tags, canonical links and JSON-LD blocks of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a.get("content") or "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def read_head(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def record_pages(site_dir: Path) -> list[Path]:
    """Every record page: one per case study, organization, reference and collection, and the framework."""
    pages = [site_dir / "framework" / "index.html"]
    for folder in ("case-studies", "organizations", "references", "collections"):
        pages += [p for p in sorted((site_dir / folder).glob("*/index.html")) if "http-equiv" not in p.read_text(encoding="utf-8")[:2000]]
    return pages


@pytest.fixture(params=["mini_site", "real_site"])
def site_dir(request) -> Path:
    return request.getfixturevalue(request.param)


def test_every_json_ld_block_on_every_page_is_valid_json(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    blocks = 0
    for page in pages:
        for text in read_head(page).json_ld:
            data = json.loads(text)
            assert data["@context"] == "https://schema.org", page
            blocks += 1
    assert blocks >= len(record_pages(site_dir))


def test_each_record_page_has_one_json_ld_of_its_type_identified_by_its_canonical_url(site_dir):
    for page in record_pages(site_dir):
        head = read_head(page)
        assert len(head.json_ld) == 1, page
        data = json.loads(head.json_ld[0])
        folder = page.relative_to(site_dir).parts[0]
        assert data["@type"] in PAGE_TYPES.get(folder, REFERENCE_TYPES), page
        assert head.canonical == [data["@id"]], page
        assert data["name"]


def test_record_pages_have_open_graph_twitter_and_a_single_canonical(site_dir):
    for page in record_pages(site_dir):
        head = read_head(page)
        assert len(head.canonical) == 1 and head.canonical[0].startswith("http"), page
        for name in ("og:title", "og:description", "og:url", "og:site_name", "og:type", "twitter:card", "twitter:title", "twitter:description"):
            assert len(head.meta.get(name, [])) == 1 and head.meta[name][0].strip(), (page, name)
        assert head.meta["og:url"] == head.canonical
        assert head.meta["og:type"] == ["article"]


def test_home_page_describes_the_website(mini_site):
    data = json.loads(read_head(mini_site / "index.html").json_ld[0])
    assert data["@type"] == "WebSite" and data["url"] == read_head(mini_site / "index.html").canonical[0]


def test_case_study_json_ld_is_the_sites_page_based_on_the_original(mini_site):
    head = read_head(mini_site / "case-studies" / "studio-face-swap" / "index.html")
    data = json.loads(head.json_ld[0])
    base = head.canonical[0].removesuffix("case-studies/studio-face-swap/")
    site = {"@type": "Organization", "name": "Synthetic Media Framework Research", "url": base}
    assert (data["author"], data["publisher"], data["dateModified"]) == (site, site, "2026-11-29")
    assert "datePublished" not in data  # the page's own publication date is not recorded; the original's is below
    original = data["isBasedOn"]
    assert (original["@type"], original["name"], original["url"]) == ("Report", "Face swapping for privacy: the studio's case", "https://example.org/cases/studio/")
    assert original["author"] == [{"@type": "Person", "name": "Jo Doe"}, {"@type": "Person", "name": "Sam Q. Roe"}]
    assert original["publisher"]["@id"] == base + "organizations/convener-org/"
    assert original["datePublished"] == "2024-03-19"
    assert original["encoding"]["contentUrl"] == "https://example.org/cases/studio.pdf"
    assert original["isPartOf"]["@id"] == base + "collections/batch-one/"
    assert original["sourceOrganization"]["name"] == "Studio & Sons"
    assert {a["@id"] for a in data["about"]} >= {base + "organizations/studio/", base + "framework/", base + "recommendations/creators/#creators-disclose"}
    assert [c["@id"] for c in data["citation"]] == [base + "references/ref-primary/", base + "references/ref-secondary/"]
    assert data["keywords"] == ["Consent", "Labels"]


def test_reference_json_ld_has_the_matching_type_authors_and_relations(mini_site):
    data = json.loads(read_head(mini_site / "references" / "ref-secondary" / "index.html").json_ld[0])
    assert data["@type"] == "NewsArticle"
    assert data["name"] == "News: 100% of {braces} & more"
    assert data["author"] == [{"@type": "Person", "name": "Ana Müller"}]
    assert data["datePublished"] == "2024-03"
    assert data["url"] == "https://news.example/article"
    assert {a["name"] for a in data["about"]} == {"First batch", "How the studio swapped faces to protect interviewees"}


def test_organization_and_framework_json_ld(mini_site):
    org = json.loads(read_head(mini_site / "organizations" / "studio" / "index.html").json_ld[0])
    assert (org["@type"], org["name"], org["url"]) == ("Organization", "Studio & Sons", "https://studio.example/")
    fw = json.loads(read_head(mini_site / "framework" / "index.html").json_ld[0])
    assert fw["@type"] == "WebPage" and fw["author"]["name"] == "Synthetic Media Framework Research"
    assert fw["isBasedOn"]["publisher"]["name"] == "Convener Org" and fw["isBasedOn"]["datePublished"] == "2023-02-27"


def test_data_page_describes_a_dataset_with_every_download(mini_site):
    data = json.loads(read_head(mini_site / "data" / "index.html").json_ld[0])
    assert data["@type"] == "Dataset"
    names = {d["name"] for d in data["distribution"]}
    assert names == {p.name for p in (mini_site / "data").iterdir() if p.name != "index.html"}


def test_og_title_with_an_ampersand_reads_back_as_the_record_name(mini_site):
    head = read_head(mini_site / "organizations" / "studio" / "index.html")
    assert head.meta["og:title"] == ["Studio & Sons"]


def test_record_text_cannot_close_the_json_ld_script_element(tmp_path):
    hostile = '</script><script>alert("x")</script> & <!--'
    sources = tmp_path / "sources"
    shutil.copytree(MINI_SOURCES, sources)
    case_file = sources / "case-studies" / "studio-face-swap.yaml"
    edit_file(case_file, "title: How the studio swapped faces to protect interviewees", f"title: {json.dumps(hostile)}")
    edit_file(case_file, 'summary: |\n  The studio replaced faces with synthetic ones instead of blurring them.\n  It told viewers on screen. A <script>alert("x")</script> tag stays text.\n', f"summary: {json.dumps(hostile)}\n")
    loaded, problems = load_sources(sources)
    assert problems == []
    site = build_site(loaded, Publication(url="https://x.example/"))
    case = site.case_studies["studio-face-swap"]
    text = record_json_ld(site, case)
    assert "<" not in text and ">" not in text
    assert json.loads(text)["name"] == hostile


def test_json_ld_text_escapes_html_specials_as_json_escapes():
    assert json_ld_text({"a": "<b>&"}) == '{"a":"\\u003cb\\u003e\\u0026"}'


def test_site_url_comes_from_mkdocs_yml_or_the_environment(tmp_path, monkeypatch):
    from generator.site_config import read_publication

    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: A & B\nsite_url: !ENV [SMF_SITE_URL, "https://default.example/smf"]\n', encoding="utf-8")
    monkeypatch.delenv("SMF_SITE_URL", raising=False)
    assert read_publication(config) == Publication(name="A & B", url="https://default.example/smf/", version=read_publication(config).version, built=read_publication(config).built)
    monkeypatch.setenv("SMF_SITE_URL", "https://fork.example/")
    assert read_publication(config).permalink("case-studies/x/") == "https://fork.example/case-studies/x/"
