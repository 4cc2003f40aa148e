"""Shared fixtures: throwaway copies of the project, and one strict build of the real site per test run.

Tests that run MkDocs are marked `slow` here, so that `make test-fast` (`-m "not slow and not browser"`)
leaves them out: every test that uses a built site (a fixture below that builds one, or one that
depends on it) is marked automatically. A test that runs MkDocs some other way must be marked by hand;
if it is not, it fails, telling so (see `engine_only_when_slow`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

import generator.engine
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


# Fixtures that build a site with MkDocs; a test that uses one, directly or through another fixture, is slow.
ENGINE_FIXTURES = {"real_site", "mini_site", "hostile_server"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        if callspec:  # a fixture parametrized with fixture names: @pytest.fixture(params=["mini_site", "real_site"])
            used |= {value for value in callspec.params.values() if isinstance(value, str)}
        if ENGINE_FIXTURES & used:
            item.add_marker(pytest.mark.slow)


_SPAWN = {"run": subprocess.run, "Popen": subprocess.Popen}


class _NoEngine:
    """Stands in for `subprocess` in generator.engine during tests not marked slow: starting MkDocs fails."""

    def __getattr__(self, name: str):
        current = getattr(subprocess, name)
        if name not in _SPAWN or current is not _SPAWN[name]:
            return current  # not a spawn, or one the test has replaced with a fake

        def refuse(command, *args, **kwargs):
            raise RuntimeError(f"this test runs MkDocs ({' '.join(map(str, command[:4]))} …): mark it @pytest.mark.slow or use a fixture that builds a site")

        return refuse


@pytest.fixture(autouse=True)
def engine_only_when_slow(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("slow") is None:
        monkeypatch.setattr(generator.engine, "subprocess", _NoEngine())
        # `smf build` starts MkDocs ahead of the pages (and kills it if the records have problems);
        # here it is not started ahead, so that only a build that reaches MkDocs is refused.
        monkeypatch.setattr(generator.engine.MkDocsBuild, "start", lambda self: None)


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
