"""Pages whose reading smf-build skips because their file is the one the last build read
(generator/engine/known_reads.py): the site, its search index and `--strict` stay what a build that
reads every page gives."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from generator.engine import MkDocsBuild, known_reads, plugins, tags_scope
from generator.engine.known_reads import KnownReads

from .test_engine_build import mkdocs, same_tree, small_site

TAGGED = '---\ntitle: "Tagged"\ntags: ["alpha"]\njson_ld: "{}"\n---\n# Tagged\n\nSee [the part](part.md#section).\n'
PAGES = {
    "index.md": "# Home\n\nSee [the part](part.md#section) and [the tags](tags.md).\n",
    "part.md": "# Part\n\n## Section\n\nFirst version.\n",
    "tagged.md": TAGGED,
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
}


def _engine_build(root: Path, site: Path, cache: Path) -> subprocess.CompletedProcess:
    """`mkdocs build` as smf build runs it: started ahead, so that it reads the docs tree ahead."""
    with MkDocsBuild(root / "mkdocs.yml", site, jobs=2, cache=cache) as engine:
        engine.start()
        time.sleep(2)  # MkDocs has loaded and read the pages ahead
        return engine.run()


def _pages_read(result: subprocess.CompletedProcess) -> int:
    found = re.search(r"smf-build: (\d+) pages read", result.stdout + result.stderr)
    assert found, result.stdout + result.stderr
    return int(found.group(1))


def _replace(path: Path, text: str) -> None:
    """As the generator writes a page: a new file in its place."""
    path.with_suffix(".new").write_text(text, encoding="utf-8")
    os.replace(path.with_suffix(".new"), path)


@pytest.mark.slow
def test_a_rebuild_reads_only_changed_pages_and_the_site_is_what_reading_every_page_gives(tmp_path: Path):
    config = small_site(tmp_path / "project", PAGES).joinpath("mkdocs.yml")
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - tags:\n      export: false\n"), encoding="utf-8")
    root, cache, docs = config.parent, tmp_path / "cache", config.parent / "docs"

    def same_as_reading_every_page(result: subprocess.CompletedProcess, name: str) -> None:
        assert result.returncode == 0, result.stdout + result.stderr
        direct = mkdocs(root, tmp_path / f"{name}-direct", jobs=1)
        assert direct.returncode == 0, direct.stderr
        assert same_tree(tmp_path / name, tmp_path / f"{name}-direct") == []

    first = _engine_build(root, tmp_path / "first", cache)
    assert _pages_read(first) == 4
    same_as_reading_every_page(first, "first")

    again = _engine_build(root, tmp_path / "again", cache)
    assert _pages_read(again) == 1  # the tag listing, which may change with any page's tags
    same_as_reading_every_page(again, "again")

    _replace(docs / "part.md", "# Part\n\n## Section\n\nSecond version.\n")
    _replace(docs / "tagged.md", TAGGED.replace('"alpha"', '"beta"'))
    edited = _engine_build(root, tmp_path / "edited", cache)
    assert _pages_read(edited) == 3
    assert "Second version" in (tmp_path / "edited" / "part" / "index.html").read_text(encoding="utf-8")
    assert "beta" in (tmp_path / "edited" / "tags" / "index.html").read_text(encoding="utf-8")
    same_as_reading_every_page(edited, "edited")

    # A page kept as read is still checked: its link to an anchor that went fails the strict build.
    _replace(docs / "part.md", "# Part\n\nNo section now.\n")
    broken = _engine_build(root, tmp_path / "broken", cache)
    assert broken.returncode != 0 and "does not contain an anchor '#section'" in broken.stdout + broken.stderr
    assert _pages_read(broken) == 2  # the page that changed and the tag listing: the others' links were checked as kept


STAMP = (1, 2, 3, 4, 5)


def test_a_page_is_known_only_from_a_file_with_the_same_stamp_and_the_same_common_part(tmp_path: Path):
    known = KnownReads(tmp_path, "common-a", ("json_ld",))
    known.note("part.md", STAMP, "key-1", {"title": "Part", "tags": ["x"], "json_ld": "{...}"})
    known.save()
    again = KnownReads(tmp_path, "common-a", ("json_ld",))
    assert again.has("part.md", STAMP) and not again.has("part.md", (1, 2, 3, 4, 6)) and not again.has("other.md", STAMP)
    assert again.take("part.md", STAMP) == ("key-1", {"title": "Part", "tags": ["x"]}, ("json_ld",))  # the large field is read when the page is rendered
    assert again.take("part.md", STAMP) is None  # once a build
    assert KnownReads(tmp_path, "common-a", ("citation_meta",)).take("part.md", STAMP) is None  # other large fields: read again
    assert KnownReads(tmp_path, "common-b", ("json_ld",)).take("part.md", STAMP) is None
    KnownReads(tmp_path, "common-b", ("json_ld",)).save()
    assert [path.name for path in tmp_path.glob("reads-*")] == ["reads-common-b.data"]  # the other common part's went


def test_front_matter_that_marshal_cannot_keep_is_kept_all_the_same(tmp_path: Path):
    known = KnownReads(tmp_path, "common", ())
    known.note("page.md", STAMP, "key", {"date": datetime.date(2023, 2, 27)})  # YAML front matter gives dates
    known.save()
    assert KnownReads(tmp_path, "common", ()).take("page.md", STAMP) == ("key", {"date": datetime.date(2023, 2, 27)}, ())
    (tmp_path / "reads-common.data").write_bytes(b"m\x00cut short")
    assert KnownReads(tmp_path, "common", ()).take("page.md", STAMP) is None


class _Plugins:
    def __init__(self, markdown: list, read_source: list | None = None):
        self.events = {"page_markdown": markdown, "page_read_source": read_source or []}


def test_reading_is_skipped_only_with_plugins_known_to_read_no_more_than_front_matter_there():
    ours = [plugins.SpliceHtml().on_page_markdown, plugins.EditLinks().on_page_markdown, plugins.PreviewMerge().on_page_markdown]

    def scoped_tags(markdown, **kwargs):
        return markdown

    scoped_tags.smf_tags_scope = True  # type: ignore[attr-defined]
    assert tags_scope.is_scoped(scoped_tags)
    assert known_reads.skippable(_Plugins(ours + [scoped_tags]))

    def another_plugin(markdown, **kwargs):
        return markdown

    assert not known_reads.skippable(_Plugins(ours + [another_plugin]))
    assert not known_reads.skippable(_Plugins(ours, read_source=[another_plugin]))
