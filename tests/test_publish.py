"""The write stage: the docs tree ends up holding exactly the generated files, and only changed files are touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish import MARKER, DocsTree, UnsafeOutputError, write_tree


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != MARKER}


def test_write_tree_rewrites_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = write_tree({"index.md": "home", "case-studies/a.md": "A", "case-studies/old/b.md": b"B", "data/x.json": "{}"}, docs)
    assert (first.written, first.unchanged, first.deleted) == (4, 0, 0)
    untouched = docs / "case-studies" / "a.md"
    os.utime(untouched, ns=(1_000_000_000, 1_000_000_000))
    second = write_tree({"index.md": "home, edited", "case-studies/a.md": "A", "data/x.json": "{}"}, docs)
    assert (second.written, second.unchanged, second.deleted) == (1, 2, 1)
    assert _tree(docs) == {"index.md": b"home, edited", "case-studies/a.md": b"A", "data/x.json": b"{}"}
    assert untouched.stat().st_mtime_ns == 1_000_000_000
    assert not (docs / "case-studies" / "old").exists()  # emptied folders go too
    assert not list(docs.rglob(".tmp-*"))


def test_nested_folders_left_empty_go_and_a_link_to_a_folder_stays(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree({"index.md": "home", "a/b/c/deep.md": "deep", "a/keep.md": "kept"}, docs)
    (docs / "empty" / "inside").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "theirs.md").write_text("theirs")
    (docs / "linked").symlink_to(outside, target_is_directory=True)
    stats = write_tree({"index.md": "home", "a/keep.md": "kept"}, docs)
    assert stats.deleted == 1
    assert not (docs / "a" / "b").exists() and (docs / "a" / "keep.md").exists()
    assert not (docs / "empty").exists()
    assert (docs / "linked").is_symlink() and (outside / "theirs.md").read_text() == "theirs"


@pytest.mark.parametrize("hold_back", [True, False])
def test_the_tree_is_the_same_whether_files_are_held_back_or_written_as_they_come(tmp_path: Path, hold_back: bool) -> None:
    docs = tmp_path / "docs"
    write_tree({"index.md": "home", "old/page.md": "old", "data/x.json": "{}"}, docs)
    tree = DocsTree(docs, hold_back=hold_back)
    tree.write("index.md", "home, edited")
    assert (docs / "index.md").read_text() == ("home" if hold_back else "home, edited")
    tree.write("data/x.json", "{}")
    tree.write("new/page.md", "new")
    stats = tree.finish()
    assert (stats.written, stats.unchanged, stats.deleted) == (2, 1, 1)
    assert _tree(docs) == {"index.md": b"home, edited", "data/x.json": b"{}", "new/page.md": b"new"}


def test_write_tree_sees_a_change_that_keeps_the_length(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_tree({"page.md": "abc"}, docs)
    stats = write_tree({"page.md": "abd"}, docs)
    assert stats.written == 1 and (docs / "page.md").read_text() == "abd"


def test_write_tree_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.txt").write_text("mine")
    with pytest.raises(UnsafeOutputError):
        write_tree({"index.md": "home"}, docs)
    assert (docs / "notes.txt").read_text() == "mine"


def test_the_old_site_becomes_the_spare_and_the_spare_the_next_staging_folder(tmp_path: Path) -> None:
    from generator.publish import swap_in, take_spare

    site, new, spare = tmp_path / "site", tmp_path / "new", tmp_path / "spare"
    site.mkdir(), new.mkdir()
    (site / "old.html").write_text("old"), (new / "new.html").write_text("new")
    (site / ".git").mkdir()  # a deployment's own, which MkDocs' cleaning would leave in place
    swap_in(new, site, spare)
    assert [p.name for p in site.iterdir()] == ["new.html"] and not new.exists()
    assert (spare / "old.html").read_text() == "old"
    staging = tmp_path / "staging"
    take_spare(spare, staging)
    assert not spare.exists() and [p.name for p in staging.iterdir()] == ["old.html"]
    take_spare(spare, tmp_path / "another")  # no spare: a new, empty folder
    assert list((tmp_path / "another").iterdir()) == []


def test_the_pages_a_build_will_put_in_place_stay_when_the_site_folder_is_emptied(tmp_path: Path) -> None:
    from generator.engine.site_folders import empty_keeping_folders

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    for file in ("a/index.html", "a/old.html", "style.css"):
        (site / file).write_text("old")
    (site / "linked.html").symlink_to(site / "a" / "index.html")
    keep = {os.path.normpath(str(site / name)) for name in ("a/index.html", "linked.html")}
    folders = empty_keeping_folders(str(site) + "/", keep=keep)  # however the folder is named
    assert [Path(f).relative_to(site).as_posix() for f in folders] == ["a"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if not p.is_dir()) == ["a/index.html"]  # a link is never kept


def test_site_folders_are_emptied_of_files_and_the_unused_ones_removed_after(tmp_path: Path) -> None:
    from generator.engine.site_folders import clear_way, empty_keeping_folders, remove_empty

    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the site's")
    for folder in ("a/b", "c", ".hidden", "d/index.html"):
        (site / folder).mkdir(parents=True)
    for file in ("index.html", "a/index.html", "a/b/index.html", "c/x.css", ".hidden/x", ".top"):
        (site / file).write_text("old")
    (site / "c" / "link").symlink_to(outside, target_is_directory=True)
    folders = empty_keeping_folders(str(site))
    assert sorted(Path(f).relative_to(site).as_posix() for f in folders) == ["a", "a/b", "c", "d", "d/index.html"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if not p.is_dir()) == [".hidden/x", ".top"]
    assert (outside / "keep.txt").exists()  # a link is removed, not followed
    clear_way([str(site / "d" / "index.html"), str(site / "e" / "index.html")], folders)  # a file will go where a folder is
    assert not (site / "d" / "index.html").exists()
    (site / "a" / "b" / "index.html").write_text("new")
    remove_empty(folders)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [".hidden", ".hidden/x", ".top", "a", "a/b", "a/b/index.html"]


def test_a_changed_file_is_written_beside_the_tree_and_moved_in(tmp_path: Path, monkeypatch) -> None:
    """MkDocs may list the tree while the generator writes it (engine/files_ahead.py): no temporary file appears there."""
    import generator.publish as publish

    docs = tmp_path / "docs"
    write_tree({"index.md": "home", "a/page.md": "old"}, docs)
    moved = []
    replace = os.replace
    monkeypatch.setattr(publish.os, "replace", lambda source, target: (moved.append(str(source)), replace(source, target))[1])
    write_tree({"index.md": "home, edited", "a/page.md": "new"}, docs)
    assert len(moved) == 2 and not any(path.startswith(str(docs) + os.sep) for path in moved)
    assert _tree(docs) == {"index.md": b"home, edited", "a/page.md": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # nothing left beside it
