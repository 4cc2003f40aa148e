"""MkDocs' list of the docs tree's files, made ahead while MkDocs waits (generator/engine/files_ahead.py):
taken only while it is what MkDocs' own get_files gives."""

from __future__ import annotations

import logging
import time

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from generator.engine.files_ahead import FilesAhead, install

from .test_engine_build import mkdocs, same_tree, small_site


def _described(files) -> list[tuple]:
    return [(f.src_uri, f.dest_uri, f.url, f.abs_src_path, f.abs_dest_path, f.inclusion) for f in files]


@pytest.fixture
def site(tmp_path):
    root = small_site(tmp_path / "project", {"index.md": "# Home\n", "a/page.md": "# A\n", "a/picture.svg": "<svg/>", "draft.md": "# Draft\n"})
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as stream:
        stream.write("exclude_docs: draft.md\nnot_in_nav: a/page.md\n")
    return root


def _config(root):
    return load_config(str(root / "mkdocs.yml"))


def test_the_list_made_ahead_is_what_mkdocs_lists(site):
    config = _config(site)
    ahead = FilesAhead(config)
    taken = ahead.take(config)
    assert taken is not None and _described(taken) == _described(get_files(config))
    assert ahead.take(config) is None  # once


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "docs" / "new.md").write_text("# New\n"),
        lambda root: (root / "docs" / "a" / "picture.svg").unlink(),
        lambda root: (root / "docs" / "a" / "page.md").rename(root / "docs" / "a" / "moved.md"),
    ],
)
def test_a_file_added_removed_or_moved_since_means_mkdocs_lists_them(site, change):
    config = _config(site)
    ahead = FilesAhead(config)
    change(site)
    assert ahead.take(config) is None


def test_a_changed_setting_means_mkdocs_lists_them(site):
    config = _config(site)
    ahead = FilesAhead(config)
    config["not_in_nav"] = None
    assert ahead.take(config) is None


def test_what_listing_says_is_left_for_mkdocs_to_say(site, caplog):
    (site / "docs" / "README.md").write_text("# Readme\n")  # beside index.md: MkDocs warns that it is left out
    config = _config(site)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        ahead = FilesAhead(config)
    assert ahead.take(config) is None
    assert not caplog.records


def test_the_build_takes_the_list_only_while_it_holds(site, monkeypatch):
    from mkdocs.commands import build

    config = _config(site)
    monkeypatch.setattr(build, "get_files", build.get_files)  # undone after the test
    ahead = FilesAhead(config)
    made = ahead._files
    install(ahead)
    assert build.get_files(config) is made
    install(FilesAhead(config))
    (site / "docs" / "late.md").write_text("# Late\n")
    assert "late.md" in [f.src_uri for f in build.get_files(config)]


@pytest.mark.slow
def test_a_page_removed_after_mkdocs_started_is_not_built(tmp_path):
    from generator.engine import MkDocsBuild

    root = small_site(tmp_path / "project", {"index.md": "# Home\n", "gone.md": "# Gone\n"})
    with MkDocsBuild(root / "mkdocs.yml", tmp_path / "site") as engine:
        engine.start()
        time.sleep(3)  # it has listed the files by then (it lists them before it waits to be told to build)
        (root / "docs" / "gone.md").unlink()
        result = engine.run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "site" / "gone").exists()
    direct = mkdocs(root, tmp_path / "direct")
    assert direct.returncode == 0, direct.stderr
    assert same_tree(tmp_path / "site", tmp_path / "direct") == []
