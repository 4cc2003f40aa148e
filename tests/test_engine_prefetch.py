"""Pages read ahead while MkDocs waits (generator/engine/prefetch.py): handed out only while the file
is as it was read, and then equal to what MkDocs' own reading gives."""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from generator.engine import front_matter
from generator.engine.prefetch import Prefetch, read_page, stamp_of

from .test_engine_build import mkdocs, same_tree, small_site
from generator.engine import MkDocsBuild

PAGE = '---\ntitle: "A page"\ntags: ["x"]\n---\n# A page\r\n\r\nText.\n'


def _read_all(docs, limit=10_000_000) -> Prefetch:
    prefetch = Prefetch(str(docs), limit).start()
    prefetch._thread.join()
    prefetch.stop()
    return prefetch


def _as_mkdocs_reads(path) -> tuple[str, dict]:
    with open(path, encoding="utf-8-sig", errors="strict") as stream:  # File.content_string
        return front_matter.get_data(stream.read())


def test_an_unchanged_page_is_what_mkdocs_would_read_and_is_handed_out_once(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("index.md", "sub/page.md"):
        (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + PAGE.encode())
    prefetch = _read_all(tmp_path)
    for name in ("index.md", "sub/page.md"):
        path = str(tmp_path / name)
        markdown, meta, digest, stamp = prefetch.take(path)
        assert (markdown, meta) == _as_mkdocs_reads(path)
        assert stamp == stamp_of(os.stat(path))
        assert digest == hashlib.blake2b((tmp_path / name).read_bytes(), digest_size=20).hexdigest()
        assert prefetch.take(path) is None


@pytest.mark.parametrize("data", [b"a\r\nb\rc\n", b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n\r\n# T\r", "caf\u00e9 \u2028 x\n".encode(), b"\xef\xbb\xbf", b""])
def test_a_page_file_is_read_as_mkdocs_reads_it(tmp_path, data):
    page = tmp_path / "page.md"
    page.write_bytes(data)
    with open(page, encoding="utf-8-sig", errors="strict") as stream:  # File.content_string
        assert read_page(str(page))[1] == stream.read()


def test_a_page_written_since_is_read_again(tmp_path):
    replaced, rewritten, gone = (tmp_path / name for name in ("replaced.md", "rewritten.md", "gone.md"))
    for page in (replaced, rewritten, gone):
        page.write_text(PAGE, encoding="utf-8")
    prefetch = _read_all(tmp_path)
    time.sleep(0.01)  # past the file system's clock tick
    new = tmp_path / "new.md"
    new.write_text(PAGE.replace("A page", "B page"), encoding="utf-8")
    os.replace(new, replaced)  # as the generator writes: a new file in its place
    rewritten.write_text(PAGE.replace("A page", "C page"), encoding="utf-8")  # in place, the same size
    gone.unlink()
    assert [prefetch.take(str(page)) for page in (replaced, rewritten, gone)] == [None, None, None]


def test_it_holds_no_more_than_its_limit_taking_a_folders_index_first(tmp_path):
    for name in ("a.md", "b.md", "index.md"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    prefetch = _read_all(tmp_path, limit=1)  # full after the first page
    assert prefetch.take(str(tmp_path / "index.md")) is not None
    assert prefetch.take(str(tmp_path / "a.md")) is None and prefetch.take(str(tmp_path / "b.md")) is None


def test_a_page_the_build_will_not_read_is_not_read_ahead(tmp_path):
    for name in ("index.md", "known.md", "known-but-rewritten.md"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    stamps = {name: stamp_of(os.stat(tmp_path / name)) for name in ("known.md", "known-but-rewritten.md")}
    (tmp_path / "new.md").write_text(PAGE, encoding="utf-8")
    os.replace(tmp_path / "new.md", tmp_path / "known-but-rewritten.md")
    asked = []

    def known(path, stamp):
        asked.append(path)
        return stamps.get(path) == stamp

    prefetch = Prefetch(str(tmp_path), skip=known).start()
    prefetch._thread.join()
    prefetch.stop()
    assert sorted(asked) == ["index.md", "known-but-rewritten.md", "known.md"]
    assert prefetch.take(str(tmp_path / "known.md")) is None
    assert prefetch.take(str(tmp_path / "index.md")) is not None and prefetch.take(str(tmp_path / "known-but-rewritten.md")) is not None


def test_a_file_that_is_not_utf8_is_left_for_mkdocs_to_report(tmp_path):
    (tmp_path / "index.md").write_bytes(b"# Caf\xe9\n")
    assert _read_all(tmp_path).take(str(tmp_path / "index.md")) is None


@pytest.mark.slow
def test_a_build_after_pages_changed_while_they_were_read_ahead_is_mkdocs_build(tmp_path):
    pages = {"index.md": "# Home\n\nSee [the part](part.md#part).\n", "part.md": "# Part\n\n## Part\n\nFirst version.\n", "kept.md": "# Kept\n\nThe same.\n"}
    root = small_site(tmp_path / "project", pages)
    with MkDocsBuild(root / "mkdocs.yml", tmp_path / "site", jobs=2) as engine:
        engine.start()
        time.sleep(2)  # MkDocs has loaded and read the pages ahead
        docs = root / "docs"
        (docs / "next.md").write_text("# Part\n\n## Part\n\nSecond version.\n", encoding="utf-8")
        os.replace(docs / "next.md", docs / "part.md")
        (docs / "index.md").write_text("# Home\n\nSee [the part](part.md#gone).\n", encoding="utf-8")
        ahead = engine.run()
    assert ahead.returncode != 0 and "gone" in ahead.stdout + ahead.stderr  # the anchor is checked on the new text
    (root / "docs" / "index.md").write_text(pages["index.md"], encoding="utf-8")
    with MkDocsBuild(root / "mkdocs.yml", tmp_path / "site", jobs=2) as engine:
        engine.start()
        time.sleep(2)
        (root / "docs" / "later.md").write_text("# Later\n", encoding="utf-8")
        ahead = engine.run()
    assert ahead.returncode == 0, ahead.stdout + ahead.stderr
    assert "Second version" in (tmp_path / "site" / "part" / "index.html").read_text(encoding="utf-8")
    direct = mkdocs(root, tmp_path / "direct", jobs=2)
    assert direct.returncode == 0, direct.stderr
    assert same_tree(tmp_path / "site", tmp_path / "direct") == []
