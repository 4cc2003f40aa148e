"""Shared fixtures: throwaway copies of the project, and one strict build of the real site per test run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from generator.pipeline import Project, build

# In CI the property tests replay the same examples every run, so a landing never depends on luck;
# on a developer's machine they explore new examples each time (and keep failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_SOURCES = FIXTURES / "mini" / "sources"


def make_project(target: Path, sources: Path = ROOT / "sources") -> Project:
    """A copy of the project (config, pages, theme overrides) with the given records, ready to build."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, dirs_exist_ok=True)
    shutil.copytree(sources, target / "sources", dirs_exist_ok=True)
    return Project(target)


def edit_file(path: Path, old: str, new: str) -> None:
    """An editor's save: the first `old` in the file becomes `new` (which must be there to replace)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def mini_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "mini", MINI_SOURCES)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real records, built strictly once per session; returns the site/ folder."""
    project = make_project(tmp_path_factory.mktemp("real"))
    build(project)
    return project.site


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("mini-built"), MINI_SOURCES)
    build(project)
    return project.site
