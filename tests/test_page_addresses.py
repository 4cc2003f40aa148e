"""Each page's canonical and edit addresses, joined by concatenation where that is what urljoin gives
(engine/mkdocs_page.py), come out as MkDocs' own methods make them, for any base and path; and the
real site's pages take the plain way."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.engine import mkdocs_page

REPO = Path(__file__).resolve().parent.parent

BASES = st.sampled_from(
    [
        "https://smf-research.github.io/",
        "https://smf-research.github.io",
        "http://localhost:8000/docs",
        "https://example.org/a/b/",
        "HTTPS://Example.org/",
        "https://example.org/./",
        "https://example.org/a/../",
        "https://example.org:8080/x/",
        "https://example.org/?q=1",
        "https://user@example.org/",
        "ftp://example.org/",
        "/relative/",
        "",
    ]
)
PATHS = st.lists(st.sampled_from(["a", "b-c", "x.md", ".", "..", ".well-known", "", "/", "%20", " ", "\t", "?q", "#f", ":", "é", "~u", "_", "index.html", "a;b"]), max_size=6).map("/".join) | st.text(max_size=20)
EDIT_URIS = st.sampled_from(["edit/main/", "edit/main", "blob/main/docs/", "https://example.org/edit/", "?path=", "#x", "../up/", ""])


def _page(url: str, src_uri: str | None) -> SimpleNamespace:
    """What the two methods read of a page: its address and its file's path for editing."""
    return SimpleNamespace(url=url, file=SimpleNamespace(edit_uri=src_uri))


def _fields(page: SimpleNamespace) -> dict:
    return {name: getattr(page, name, "(unset)") for name in ("canonical_url", "abs_url", "edit_url")}


@settings(max_examples=600, deadline=None)
@given(BASES, PATHS)
@example("https://smf-research.github.io/", "case-studies/bbc-disclosure/")
@example("https://smf-research.github.io/", "")
@example("https://example.org/", "a//b/")
@example("https://example.org/", "a/./b/")
def test_a_canonical_address_is_the_one_mkdocs_joins(base: str, url: str):
    ours, theirs = _page(url, None), _page(url, None)
    mkdocs_page._set_canonical_url(ours, base)
    mkdocs_page._ORIGINAL_CANONICAL(theirs, base)
    assert _fields(ours) == _fields(theirs)


@settings(max_examples=600, deadline=None)
@given(BASES, EDIT_URIS, PATHS | st.none())
@example("https://github.com/smf-research/smf-research.github.io", "edit/main/", "case-studies/bbc.md")
@example("https://github.com/o/r", "edit/main", "x.md")
def test_an_edit_address_is_the_one_mkdocs_joins(repo_url: str, edit_uri: str, src_uri: str | None):
    ours, theirs = _page("x/", src_uri), _page("x/", src_uri)
    outcomes = []
    for page, method in ((ours, mkdocs_page._set_edit_url), (theirs, mkdocs_page._ORIGINAL_EDIT)):
        try:
            method(page, repo_url, edit_uri, None)
            outcomes.append("ok")
        except AssertionError:  # MkDocs asserts that edit_uri ends with '/' (its configuration makes it so)
            outcomes.append("assertion")
    assert outcomes[0] == outcomes[1]
    assert _fields(ours) == _fields(theirs)


def _real_config(docs: Path):
    """The site's mkdocs.yml, its docs folder somewhere that exists (build/docs need not, in a fresh clone)."""
    return load_config(str(REPO / "mkdocs.yml"), docs_dir=str(docs))


def test_the_original_methods_are_mkdocs_own_and_the_real_sites_addresses_are_plain(tmp_path: Path):
    """Else the comparisons above would prove nothing, or the fast path would be dead code."""
    assert mkdocs_page._ORIGINAL_CANONICAL.__module__ == mkdocs_page._ORIGINAL_EDIT.__module__ == "mkdocs.structure.pages"
    config = _real_config(tmp_path)
    assert mkdocs_page._base_path(config.site_url.rstrip("/") + "/") is not None
    assert mkdocs_page._base_path(config.repo_url.rstrip("/") + "/") is not None
    for url in ("", "case-studies/bbc-disclosure/", "references/c2pa-spec-2-1/", "404.html", "tags/"):
        assert mkdocs_page._PLAIN_PATH.fullmatch(url), url
    assert config.edit_uri.endswith("/") and mkdocs_page._PLAIN_PATH.fullmatch(config.edit_uri + "case-studies/bbc-disclosure.md")


def test_installed_page_objects_get_the_addresses_mkdocs_gives(tmp_path: Path):
    """Through Page.__init__, as MkDocs makes its pages, with and without the fast path."""
    config = _real_config(tmp_path)
    made = {}
    for name in ("mkdocs", "plain"):
        if name == "plain":
            mkdocs_page.install_plain_joins()
            assert (Page._set_canonical_url, Page._set_edit_url) == (mkdocs_page._set_canonical_url, mkdocs_page._set_edit_url)
        try:
            files = [File(path, str(tmp_path), str(tmp_path / "site"), use_directory_urls=True) for path in ("index.md", "case-studies/bbc-disclosure.md", "about.md")]
            made[name] = [_fields(Page(None, file, config)) for file in files]
        finally:
            Page._set_canonical_url, Page._set_edit_url = mkdocs_page._ORIGINAL_CANONICAL, mkdocs_page._ORIGINAL_EDIT
    assert made["plain"] == made["mkdocs"]
    assert made["mkdocs"][1]["canonical_url"].endswith("/case-studies/bbc-disclosure/")
