"""The engine's fast paths (generator/engine/plugins.py SpliceHtml, generator/engine/fastbuild.py):
finished HTML blocks that skip Markdown, pages built on several cores and from a cache. Each must
give the site a serial, uncached build gives, and keep `--strict` as strict."""

from __future__ import annotations

import filecmp
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine import engine_environment, fastbuild, plugins, tags_scope
from generator.pipeline import generate
from generator.render import markup

from .conftest import MINI_SOURCES, edit_file, make_project

CONFIG = """site_name: Test
site_url: https://example.org/
use_directory_urls: true
strict: true
theme:
  name: material
  font: false
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
plugins:
  - search
  - smf-splice
  - smf-build{build_options}
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
"""


def small_site(root: Path, pages: dict[str, str], build_options: str = "") -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG.format(build_options=build_options), encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


def mkdocs(root: Path, site: Path, *, jobs: int | None = None, cache: Path | None = None, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / config), "-d", str(site)],
        cwd=root,
        env=engine_environment(jobs, cache),
        capture_output=True,
        text=True,
    )


def counts(result: subprocess.CompletedProcess) -> tuple[int, int]:
    found = re.search(r"smf-build: (\d+) pages converted, (\d+) rendered", result.stdout + result.stderr)
    assert found, result.stdout + result.stderr
    return int(found.group(1)), int(found.group(2))


def same_tree(a: Path, b: Path) -> list[str]:
    """Every file that differs or exists on one side only, over the whole tree."""
    out = []
    comparison = filecmp.dircmp(a, b)

    def walk(c: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + name for name in c.left_only + c.right_only + c.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        out.extend(prefix + name for name in mismatch + errors)
        for name, sub in c.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(comparison, "")
    return out


FIGURE = '<figure class="x" id="fig-1" data-search-exclude>\n<svg viewBox="0 0 10 10"><a xlink:href="../other/#part"><title>Other … page</title><circle r="3"/></a></svg>\n</figure>'


def test_the_engine_reads_the_markers_the_renderers_write():
    assert (plugins.OPEN, plugins.INDEXED_OPEN, plugins.CLOSE) == (markup.OPEN, markup.INDEXED_OPEN, markup.CLOSE)
    assert Path(plugins.MARKUP_FILE).resolve() == Path(markup.__file__).resolve()
    with pytest.raises(ValueError):
        markup.spliced_html("<p><!-- a comment --></p>")


def test_a_spliced_block_gives_the_page_raw_html_gave(tmp_path: Path):
    other = "# Other\n\n## Part\n\nText.\n"
    raw = small_site(tmp_path / "raw", {"index.md": f"# Home\n\nBefore.\n\n{FIGURE}\n\nAfter [other](other.md#part).\n", "other.md": other})
    spliced = small_site(tmp_path / "spliced", {"index.md": f"# Home\n\nBefore.\n\n{markup.spliced_html(FIGURE)}\n\nAfter [other](other.md#part).\n", "other.md": other})
    for root in (raw, spliced):
        result = mkdocs(root, root / "site", jobs=1)
        assert result.returncode == 0, result.stderr
    assert same_tree(raw / "site", spliced / "site") == []
    assert "Other … page" in (spliced / "site" / "index.html").read_text(encoding="utf-8")


def test_an_indexed_block_gives_the_page_and_the_search_entries_its_markdown_gave(tmp_path: Path):
    """A list of facts written as finished HTML that search indexes: the same site, byte for byte, as the Markdown list."""
    other = "# Other\n\n## Part\n\nText.\n"
    facts = "- **Kind:** Web page &amp; more\n- **Link:** [Other page](other.md#part)\n- **Address:** <https://example.org/a?b=1&c=2>"
    html = f'<ul>\n<li><strong>Kind:</strong> Web page &amp; more</li>\n<li><strong>Link:</strong> <a href="other/#part">Other page</a></li>\n<li><strong>Address:</strong> {markup.url_link_html("https://example.org/a?b=1&c=2")}</li>\n</ul>'
    sites = {}
    for name, block in (("markdown", facts), ("spliced", markup.spliced_html(html, indexed=True))):
        for after in ("\n\n## Next\n\nAfter.\n", "\n"):  # followed by more, and last on the page
            root = small_site(tmp_path / f"{name}{len(after)}", {"index.md": f"# Home\n\nBefore.\n\n{block}{after}", "other.md": other})
            result = mkdocs(root, root / "site", jobs=1)
            assert result.returncode == 0, result.stderr
            sites[name, len(after)] = root / "site"
    for length in (len("\n\n## Next\n\nAfter.\n"), 1):
        assert same_tree(sites["markdown", length], sites["spliced", length]) == []
    index = (sites["spliced", 1] / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Other page" in index and "Web page" in index


@pytest.mark.parametrize("indexed", [False, True])
@pytest.mark.parametrize(
    "link, problem",
    [
        ('<a href="missing.md">x</a>', "missing.md"),  # written like a Markdown link
        ('<a href="../nowhere/">x</a>', "/nowhere/"),  # written as an address
        ('<a href="other.md#no-such-part">x</a>', "no-such-part"),
        ('<svg><a xlink:href="../other/#no-such-part"><circle r="1"/></a></svg>', "no-such-part"),
    ],
)
def test_a_broken_link_inside_a_spliced_block_fails_the_strict_build(tmp_path: Path, link: str, problem: str, indexed: bool):
    root = small_site(tmp_path, {"index.md": "# Home\n\n" + markup.spliced_html(f'<div class="x">{link}</div>', indexed=indexed) + "\n", "other.md": "# Other\n\n## Part\n"})
    result = mkdocs(root, root / "site", jobs=1)
    assert result.returncode != 0
    assert problem in result.stdout + result.stderr


def test_links_inside_a_spliced_block_become_addresses_and_its_ids_anchors(tmp_path: Path):
    # data-href is no link: only href and src attributes (and xlink:href) are resolved and checked.
    block = markup.spliced_html('<div id="block-target"><a href="other.md#part">Other</a><span data-href="../nowhere/"></span></div>')
    root = small_site(tmp_path, {"index.md": "# Home\n\n" + block + "\n", "other.md": "# Other\n\n## Part\n\nSee [the block](index.md#block-target).\n"})
    result = mkdocs(root, root / "site", jobs=1)
    assert result.returncode == 0, result.stderr
    assert '<a href="other/#part">Other</a>' in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_the_anchors_of_a_spliced_block_are_its_ids_and_named_links():
    block = '<div id="a" data-id="not-one"><a name="b" id="c">x</a><svg><g id="d"/></svg></div>'
    assert plugins._anchors(block) == {"a", "b", "c", "d"}
    assert plugins._anchors('id="first" <p>') == set()  # the text id="…", not an attribute


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["case-studies", "a", "b c", "x%20y"]), max_size=3).map(lambda parts: "/" + "/".join(parts)),
    st.lists(st.sampled_from(["../", "./", "..", "a/", "b", "%2E%2E/", "references/", "x/", "/"]), min_size=1, max_size=6).map("".join),
)
def test_a_link_in_a_block_names_the_address_a_plain_resolution_gives(folder: str, path: str):
    """Answered once per section (leading '../' taken off while going up), the same as resolving it from the page's own folder."""
    target = posixpath.normpath(posixpath.join(folder, unquote(path))).lstrip("/")
    assert plugins._site_address(plugins._folders(folder), path) == ("" if target == "." else target + ("/" if path.endswith("/") and target else ""))


def test_a_cached_page_is_checked_again_against_the_pages_it_links_to(tmp_path: Path):
    root = small_site(tmp_path, {"index.md": "# Home\n\nSee [part](other.md#part).\n", "other.md": "# Other\n\n## Part\n"})
    cache = tmp_path / "cache"
    assert mkdocs(root, root / "site", cache=cache).returncode == 0
    (root / "docs" / "other.md").write_text("# Other\n\n## Renamed\n", encoding="utf-8")  # index.md itself is unchanged
    result = mkdocs(root, root / "site", cache=cache)
    assert result.returncode != 0 and "does not contain an anchor '#part'" in result.stdout + result.stderr
    (root / "docs" / "other.md").unlink()
    result = mkdocs(root, root / "site", cache=cache)
    assert result.returncode != 0 and "other.md" in result.stdout + result.stderr


LOOKUPS = [("path", "a.md", True), ("url", "b/", True), ("path", "gone.md", False), ("url", "gone/", False), ("path", "a.md", True)]


@pytest.mark.parametrize("lookups", [LOOKUPS, LOOKUPS + [("url", "odd\0name/", False)]], ids=["as text", "as a list"])
def test_a_kept_page_holds_only_while_each_page_it_looked_up_is_still_there_or_still_missing(lookups):
    """What a cached page's links looked for, kept once each (as one string, unless a target holds
    the separator), and asked again of the next build's files."""

    def holds(stored, paths=frozenset({"a.md"}), urls=frozenset({"b/"})) -> bool:
        run = fastbuild._Run.__new__(fastbuild._Run)
        run.by_url, run.lookups_hold = dict.fromkeys(urls), {}
        files = type("Files", (), {"src_uris": dict.fromkeys(paths)})
        return run._still_valid({"lookups": stored}, files)

    stored = fastbuild._lookup_text(lookups)
    assert isinstance(stored, str) == (len(lookups) == len(LOOKUPS))
    if isinstance(stored, str):
        assert len(stored.split("\0")) == 4
    assert holds(stored) and holds(fastbuild._lookup_text([]))
    assert not holds(stored, paths=frozenset())  # a.md went
    assert not holds(stored, urls=frozenset())  # b/ went
    assert not holds(stored, paths=frozenset({"a.md", "gone.md"}))  # gone.md came
    assert not holds(stored, urls=frozenset({"b/", "gone/"}))


# Material's listing pattern (material/plugins/tags/structure/listing/manager/__init__.py), with its default directive.
TAGS_LISTING = re.compile(r"(<!--\s*?material/tags(.*?)\s*-->)", re.I | re.M | re.S)
TAGS_DIRECTIVE = re.compile(r"\s*?material/tags", re.I | re.M | re.S)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["<!--", "-->", " ", "\n", "\t", "material/tags", "MATERIAL/Tags", "material/tag", "materİal/tags", "x", "<!-", "{ include: [a] }"]), max_size=12).map("".join))
def test_a_page_without_a_possible_listing_is_one_the_tags_plugin_finds_none_in(text: str):
    if not tags_scope.may_hold_listing(text, TAGS_DIRECTIVE):
        assert TAGS_LISTING.search(text) is None, text


def test_the_listing_pattern_restated_here_is_the_one_material_uses():
    """tags_scope.py reasons from Material's pattern (a listing opens with '<!--', then the
    directive): a Material that changed it fails here."""
    import inspect

    from material.plugins.tags.structure.listing.manager import ListingManager

    source = inspect.getsource(ListingManager.add)
    assert 'r"(<!--\\s*?{directive}(.*?)\\s*-->)".format(directive = directive)' in source
    assert "flags = re.I | re.M | re.S" in source


@pytest.mark.parametrize("text", ["<!-- material/tags -->", "<!--material/tags{ include: [a] }-->", "<!--\n  MATERIAL/TAGS\n-->", "x <!-- no --> <!-- material/tags -->"])
def test_a_listing_is_seen_wherever_the_tags_plugin_sees_one(text: str):
    assert TAGS_LISTING.search(text) and tags_scope.may_hold_listing(text, TAGS_DIRECTIVE)


def test_a_warning_of_a_cached_page_fails_every_strict_build(tmp_path: Path):
    root = small_site(tmp_path, {"index.md": "# Home\n\nSee [nothing](nothing.md).\n"})
    cache = tmp_path / "cache"
    for _ in range(2):
        result = mkdocs(root, root / "site", cache=cache)
        assert result.returncode != 0 and "nothing.md" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    """The small record set as a docs tree, plus a copy of mkdocs.yml with the plugin switched off."""
    project = make_project(tmp_path_factory.mktemp("engine") / "project", MINI_SOURCES)
    generate(project)
    # Pages outside the nav tree: one at the top of the site, and one beside a section's pages.
    (project.docs / "press.md").write_text("# Press\n\nFor journalists.\n", encoding="utf-8")
    (project.docs / "recommendations" / "archive.md").write_text("# Archive\n\nOlder recommendations.\n", encoding="utf-8")
    config = project.config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n  /press.md\n")
    project.config.write_text(config, encoding="utf-8")
    assert "\n  - smf-build" in config
    off = re.sub(r"\n  - smf-build[^\n]*", "\n  - smf-build:\n      enabled: false", config)
    (project.root / "mkdocs-serial.yml").write_text(off, encoding="utf-8")
    assert "\n  - smf-template-memo" in config
    (project.root / "mkdocs-no-memo.yml").write_text(re.sub(r"\n  - smf-template-memo[^\n]*", "", config), encoding="utf-8")
    return project


@pytest.mark.slow
def test_builds_on_one_core_two_cores_and_without_the_plugins_are_identical(generated, tmp_path: Path):
    """smf-build (every core, the cache) and smf-template-memo (theme parts drawn once per section) change no byte."""
    root = generated.root
    sites = {}
    variants = {"jobs1": {"jobs": 1}, "jobs2": {"jobs": 2}, "plain": {"config": "mkdocs-serial.yml"}, "no-memo": {"config": "mkdocs-no-memo.yml"}}
    for name, options in variants.items():
        result = mkdocs(root, tmp_path / name, **options)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = tmp_path / name
    assert len(list((tmp_path / "jobs2").rglob("*.html"))) > 20
    assert same_tree(sites["jobs1"], sites["jobs2"]) == []
    assert same_tree(sites["plain"], sites["jobs2"]) == []
    assert same_tree(sites["no-memo"], sites["jobs2"]) == []


@pytest.mark.slow
def test_a_warm_rebuild_converts_only_the_changed_pages_and_equals_a_cold_build(tmp_path: Path):
    project = make_project(tmp_path / "project", MINI_SOURCES)
    cache = tmp_path / "cache"
    generate(project)
    first = mkdocs(project.root, tmp_path / "first", jobs=2, cache=cache)
    assert first.returncode == 0, first.stderr
    pages = counts(first)[1]
    case = sorted((project.sources / "case-studies").glob("*.yaml"))[0]
    edit_file(case, "title: ", "title: Edited, ")
    _, stats = generate(project)
    warm = mkdocs(project.root, tmp_path / "warm", jobs=2, cache=cache)
    assert warm.returncode == 0, warm.stderr
    converted, rendered = counts(warm)
    assert 1 <= converted <= stats.written < pages
    assert rendered <= converted + 1  # the changed pages, and the tag listing filled in from every page
    cold = mkdocs(project.root, tmp_path / "cold", jobs=1)
    assert cold.returncode == 0, cold.stderr
    assert same_tree(tmp_path / "cold", tmp_path / "warm") == []
    assert "Edited, " in (tmp_path / "warm" / "case-studies" / case.stem / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_real_site_and_its_search_index_are_the_same_with_materials_own_search_parser(tmp_path: Path):
    """smf-search-scope has search read pages with engine/search_parser.py: a build with Material's
    parser left in place gives the same pages and the same search index, byte for byte."""
    project = make_project(tmp_path / "project")
    generate(project)
    ours = mkdocs(project.root, tmp_path / "ours", jobs=1)
    keep_materials = "import sys; from generator.engine import search_parser; search_parser.install = lambda: None; from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()"
    command = [sys.executable, "-c", keep_materials, "build", "--strict", "-f", str(project.config), "-d", str(tmp_path / "materials")]
    materials = subprocess.run(command, cwd=project.root, env=engine_environment(1), capture_output=True, text=True)
    assert ours.returncode == 0 and materials.returncode == 0, materials.stderr
    assert len(json.loads((tmp_path / "ours" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]) > 100
    assert same_tree(tmp_path / "ours", tmp_path / "materials") == []


@pytest.mark.slow
def test_a_changed_template_or_configuration_rebuilds_every_page(generated, tmp_path: Path):
    root = tmp_path / "project"
    shutil.copytree(generated.root, root)
    cache = tmp_path / "cache"
    pages = counts(mkdocs(root, tmp_path / "a", cache=cache))[1]
    assert counts(mkdocs(root, tmp_path / "b", cache=cache)) == (0, 0)
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# changed #}\n", encoding="utf-8")
    assert counts(mkdocs(root, tmp_path / "c", cache=cache))[1] == pages
    edit_file(root / "mkdocs.yml", "site_name: ", "site_name: Renamed ")
    result = mkdocs(root, tmp_path / "d", cache=cache)
    assert counts(result)[1] == pages
    assert "Renamed " in (tmp_path / "d" / "index.html").read_text(encoding="utf-8")


def test_search_scope_leaves_sections_and_elements_out_of_the_index_not_out_of_the_page(tmp_path: Path):
    page = '# Case\n\n<p class="smf-status other">Status: boilerplate</p>\n\n## Summary\n\nWhat happened, in words.\n\n## Related case studies\n\n- Another case title\n\n## Lessons\n\n- A lesson learned.\n'
    scope = "\n  - smf-search-scope:\n      exclude: ['#related-case-studies', '.smf-status']"
    plain = small_site(tmp_path / "plain", {"index.md": page})
    scoped = small_site(tmp_path / "scoped", {"index.md": page}, build_options=scope)
    for root in (plain, scoped):
        result = mkdocs(root, root / "site", jobs=1)
        assert result.returncode == 0, result.stderr
    assert (plain / "site" / "index.html").read_bytes() == (scoped / "site" / "index.html").read_bytes()
    index = json.loads((scoped / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index["docs"])
    assert "What happened" in text and "A lesson learned" in text and "Case" in text
    assert "Another case title" not in text and "boilerplate" not in text
    assert "Another case title" in (scoped / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_damaged_page_store_means_building_those_pages_again(generated, tmp_path: Path):
    """Bytes of the store overwritten (not cut short, so its index still lists every page): the
    pages whose kept state cannot be read are converted and rendered again, and the site is whole."""
    cache = tmp_path / "cache"
    first = mkdocs(generated.root, tmp_path / "first", jobs=2, cache=cache)
    assert first.returncode == 0, first.stderr
    [data] = cache.glob("pages-*.data")
    damaged = bytearray(data.read_bytes())
    damaged[len(damaged) // 3 : len(damaged) // 3 + 4000] = b"\x00" * 4000
    data.write_bytes(bytes(damaged))
    warm = mkdocs(generated.root, tmp_path / "warm", jobs=2, cache=cache)
    assert warm.returncode == 0, warm.stdout + warm.stderr
    assert counts(warm)[0] >= 1
    assert same_tree(tmp_path / "first", tmp_path / "warm") == []


def test_a_finished_page_gone_from_the_cache_is_rendered_again(generated, tmp_path: Path):
    """The store still lists the finished pages, but some of their files went (removed by hand, say):
    those pages are rendered again while the rest are put in place, and the site is whole."""
    cache = tmp_path / "cache"
    first = mkdocs(generated.root, tmp_path / "first", jobs=2, cache=cache)
    assert first.returncode == 0, first.stderr
    in_site = {path.stat().st_ino for path in (tmp_path / "first").rglob("*.html")}  # put in place as links into the cache
    finished = sorted(path for path in (cache / "html").iterdir() if path.stat().st_ino in in_site)
    assert len(finished) > 3
    for path in finished[::3]:
        path.unlink()
    warm = mkdocs(generated.root, tmp_path / "warm", jobs=2, cache=cache)
    assert warm.returncode == 0, warm.stdout + warm.stderr
    assert same_tree(tmp_path / "first", tmp_path / "warm") == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_pages_whose_converted_html_went_from_the_cache_are_converted_again(generated, tmp_path: Path, jobs: int):
    """Every file under build/cache/html removed by hand, the store left as it was: the pages are
    converted again as they are rendered, and the site is whole and as strict."""
    cache = tmp_path / "cache"
    first = mkdocs(generated.root, tmp_path / "first", jobs=jobs, cache=cache)
    assert first.returncode == 0, first.stderr
    for path in (cache / "html").iterdir():
        path.unlink()
    warm = mkdocs(generated.root, tmp_path / "warm", jobs=jobs, cache=cache)
    assert warm.returncode == 0, warm.stdout + warm.stderr
    assert same_tree(tmp_path / "first", tmp_path / "warm") == []
    again = mkdocs(generated.root, tmp_path / "again", jobs=jobs, cache=cache)  # and the cache is whole again
    assert again.returncode == 0 and counts(again) == (0, 0), again.stdout + again.stderr


def test_a_page_from_the_cache_is_put_in_place_without_touching_what_was_there(tmp_path, monkeypatch: pytest.MonkeyPatch):
    from generator.engine.fastbuild import _place

    kept, other = tmp_path / "kept.html", tmp_path / "other.html"
    kept.write_text("kept", encoding="utf-8")
    other.write_text("other", encoding="utf-8")
    new = tmp_path / "site" / "a" / "b" / "index.html"
    _place(kept, new)  # folders made as needed; a hard link
    assert new.read_text(encoding="utf-8") == "kept" and new.stat().st_ino == kept.stat().st_ino
    _place(other, new)  # what was there (a link into the cache) is replaced, not written through
    assert new.read_text(encoding="utf-8") == "other" and kept.read_text(encoding="utf-8") == "kept"
    with pytest.raises(FileNotFoundError):
        _place(tmp_path / "gone.html", tmp_path / "site" / "c" / "index.html")

    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("os.link", no_links)
    _place(kept, new)  # a file system without hard links gets a copy
    assert new.read_text(encoding="utf-8") == "kept" and new.stat().st_ino != kept.stat().st_ino
    assert other.read_text(encoding="utf-8") == "other"


def test_a_converted_page_is_written_in_place_when_new_and_never_written_through_a_link(tmp_path):
    from generator.engine.fastbuild import _write

    target = tmp_path / "html" / "key"
    target.parent.mkdir()
    _write(target, b"first")
    assert target.read_bytes() == b"first"
    linked = tmp_path / "site-page.html"
    os.link(target, linked)  # as a finished page shares its bytes with the cache
    _write(target, b"second")  # what is there is replaced, not written through
    assert target.read_bytes() == b"second" and linked.read_bytes() == b"first"
    assert sorted(path.name for path in target.parent.iterdir()) == ["key"]  # no temporary file left
