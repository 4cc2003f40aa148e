"""The site map kept with the pages (generator/engine/sitemap.py): written again from the store while
the pages' addresses and dates are the same, and made by MkDocs otherwise."""

from __future__ import annotations

import types

from generator.engine import sitemap
from generator.engine.page_store import PageStore


def _files(*pages):
    return types.SimpleNamespace(documentation_pages=lambda: [types.SimpleNamespace(page=page) for page in pages])


def _page(url: str, date: str = "2026-12-01"):
    return types.SimpleNamespace(is_link=False, abs_url=f"/{url}", canonical_url=f"https://example.org/{url}", update_date=date)


def _env(filename=sitemap._MKDOCS_TEMPLATE):
    return types.SimpleNamespace(get_template=lambda name: types.SimpleNamespace(filename=str(filename)))


def _config(site_dir, events=None):
    return types.SimpleNamespace(site_dir=str(site_dir), plugins=types.SimpleNamespace(events=events or {}))


def _build(tmp_path, files, env=None, config=None) -> list[str]:
    """One build's site map through the store in tmp_path/cache; the names MkDocs itself was asked to build."""
    made: list[str] = []

    def original(name, env, files, config, nav):
        made.append(name)
        urls = "".join(page.canonical_url for page in (f.page for f in files.documentation_pages()))
        (tmp_path / "site").mkdir(exist_ok=True)
        (tmp_path / "site" / "sitemap.xml").write_text(urls)
        (tmp_path / "site" / "sitemap.xml.gz").write_bytes(urls.encode()[::-1])

    (tmp_path / "cache").mkdir(exist_ok=True)
    store = PageStore(tmp_path / "cache")
    sitemap.build_theme_template(original, store, "common", "sitemap.xml", env or _env(), files, config or _config(tmp_path / "site"), None)
    store.finish()
    return made


def test_the_same_pages_give_the_kept_map_and_other_pages_a_new_one(tmp_path):
    assert _build(tmp_path, _files(_page("a/"), _page("b/"))) == ["sitemap.xml"]
    written = (tmp_path / "site" / "sitemap.xml").read_bytes(), (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (tmp_path / "site" / name).unlink()  # the site before last is emptied of all but its pages
    assert _build(tmp_path, _files(_page("a/"), _page("b/"))) == []
    assert ((tmp_path / "site" / "sitemap.xml").read_bytes(), (tmp_path / "site" / "sitemap.xml.gz").read_bytes()) == written
    assert _build(tmp_path, _files(_page("a/"), _page("b/", "2026-12-02"))) == ["sitemap.xml"]  # a date changed
    assert _build(tmp_path, _files(_page("a/"))) == ["sitemap.xml"]  # a page went


def test_a_map_from_another_template_or_seen_by_a_plugin_is_always_made(tmp_path):
    files = _files(_page("a/"))
    assert _build(tmp_path, files, env=_env(tmp_path / "overrides" / "sitemap.xml")) == ["sitemap.xml"]
    assert _build(tmp_path, files, env=_env(tmp_path / "overrides" / "sitemap.xml")) == ["sitemap.xml"]
    plugin_sees = _config(tmp_path / "site", {"post_template": [lambda output, **kwargs: output]})
    assert _build(tmp_path, files, config=plugin_sees) == ["sitemap.xml"]
    assert _build(tmp_path, files, config=plugin_sees) == ["sitemap.xml"]


def test_other_templates_are_left_to_mkdocs(tmp_path):
    made = []
    sitemap.build_theme_template(lambda name, *rest: made.append(name), None, "common", "404.html", _env(), _files(), _config(tmp_path), None)
    assert made == ["404.html"]
