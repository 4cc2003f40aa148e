"""Faults while publishing: the last good site/ survives every one of them, byte for byte, and the
next build cleans up after a killed one. Mounts need root (CI and the development machine run as
root); without it those tests are skipped with the reason."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import publish
from generator.cli import main
from generator.pipeline import Project, build

from .conftest import MINI_SOURCES, edit_file, make_project
from .test_bad_input import tree_digest

pytestmark = pytest.mark.slow
CASE = "case-studies/platform-labels.yaml"


def _mount_tmpfs(target: Path, size: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.strip()}")


@pytest.fixture
def mounts():
    mounted: list[Path] = []

    def mount(target: Path, size: str = "64m") -> Path:
        _mount_tmpfs(target, size)
        mounted.append(target)
        return target

    yield mount
    for target in reversed(mounted):
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def _debris(project: Project) -> list[str]:
    found = [p.name for p in project.root.iterdir() if p.name.startswith("site.")]
    build_dir = project.root / "build"
    if build_dir.is_dir():
        found += [p.name for p in build_dir.iterdir() if p.name.startswith(publish.STAGING_PREFIX)]
        found += [str(p) for p in (build_dir / "docs").rglob(".tmp-*")]
    return found


def _smf(project: Project, *arguments: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(project.root), *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def test_build_folder_on_another_file_system_than_site(tmp_path: Path, mounts) -> None:
    project = make_project(tmp_path / "p", MINI_SOURCES)
    mounts(project.root / "build")
    build(project)
    edit_file(project.sources / CASE, "How the platform changed its labels", "How the platform relabelled")
    build(project)  # the second swap replaces an existing site/ across file systems
    page = (project.site / "case-studies" / "platform-labels" / "index.html").read_text(encoding="utf-8")
    assert "How the platform relabelled" in page
    assert not _debris(project)


def test_full_disk_fails_in_one_line_and_keeps_the_site(tmp_path: Path, mounts, capsys) -> None:
    project = make_project(tmp_path / "p", MINI_SOURCES)
    build(project)
    before = tree_digest(project.site)
    shutil.rmtree(project.root / "build")
    mounts(project.root / "build", "48k")
    edit_file(project.sources / CASE, "How the platform changed its labels", "How the platform relabelled")

    status = main(["--root", str(project.root), "build"])

    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert "No space left on device" in err and len(err.strip().splitlines()) == 2, err
    assert tree_digest(project.site) == before


def test_read_only_disk_fails_in_one_line_and_keeps_the_site(tmp_path: Path, mounts, capsys) -> None:
    root = mounts(tmp_path / "disk")
    project = make_project(root / "p", MINI_SOURCES)
    build(project)
    before = tree_digest(project.site)
    edit_file(project.sources / CASE, "How the platform changed its labels", "How the platform relabelled")
    subprocess.run(["mount", "-o", "remount,ro", str(root)], check=True)

    status = main(["--root", str(project.root), "build"])

    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert "Read-only file system" in err and len(err.strip().splitlines()) == 2, err
    assert tree_digest(project.site) == before


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", MINI_SOURCES)
    build(project)
    edit_file(project.sources / CASE, "How the platform changed its labels", "How the platform relabelled")
    first, second = _smf(project, "build"), _smf(project, "build")
    results = [process.communicate(timeout=300) + (process.returncode,) for process in (first, second)]
    assert [status for _, _, status in results] == [0, 0], results
    assert "Traceback" not in "".join(out + err for out, err, _ in results)
    assert "How the platform relabelled" in (project.site / "case-studies" / "platform-labels" / "index.html").read_text(encoding="utf-8")
    assert not _debris(project)


@pytest.mark.parametrize("delay", [0.2, 0.7, 1.2, 2.0, 3.0, 4.5])
def test_a_killed_build_leaves_a_whole_site_and_the_next_build_cleans_up(delay: float, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", MINI_SOURCES)
    build(project)
    old = tree_digest(project.site)
    edit_file(project.sources / CASE, "How the platform changed its labels", "How the platform relabelled")
    process = _smf(project, "build", start_new_session=True)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)  # MkDocs too, which runs as a child
    process.communicate()

    after_kill = tree_digest(project.site)
    if after_kill != old:  # the kill came after the swap: then the new site is whole
        assert "case-studies/platform-labels/index.html" in after_kill and "index.html" in after_kill
    assert (project.site / "index.html").is_file()
    build(project)
    assert not _debris(project), _debris(project)
    assert "How the platform relabelled" in (project.site / "case-studies" / "platform-labels" / "index.html").read_text(encoding="utf-8")


def test_a_crash_between_the_two_renames_is_repaired_by_the_next_run(tmp_path: Path, capsys) -> None:
    """Where an atomic exchange is not available, the swap renames twice; a crash between them leaves
    site/ under its outgoing name, and the next build (even a failing one) puts it back first."""
    project = make_project(tmp_path / "p", MINI_SOURCES)
    build(project)
    before = tree_digest(project.site)
    _, outgoing = publish._swap_names(project.site)
    os.replace(project.site, outgoing)  # the state right after the first rename
    edit_file(project.sources / CASE, "organization: platform", "organization: nobody")

    assert main(["--root", str(project.root), "build"]) == 1

    assert tree_digest(project.site) == before
    assert not outgoing.exists()


def test_swap_without_an_atomic_exchange_keeps_the_old_site_when_the_second_rename_fails(tmp_path: Path, monkeypatch) -> None:
    site, new = tmp_path / "site", tmp_path / "new"
    site.mkdir(), new.mkdir()
    (site / "index.html").write_text("old"), (new / "index.html").write_text("new")
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    real_replace, calls = os.replace, []

    def failing_replace(source, target):
        calls.append((source, target))
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(publish.os, "replace", failing_replace)
    with pytest.raises(OSError):
        publish.swap_in(new, site)
    assert (site / "index.html").read_text() == "old"


def test_swap_uses_one_atomic_exchange_where_the_system_has_it(tmp_path: Path, monkeypatch) -> None:
    if publish._renameat2() is None:
        pytest.skip("no renameat2 on this system")
    site, new = tmp_path / "site", tmp_path / "new"
    site.mkdir(), new.mkdir()
    (site / "index.html").write_text("old"), (new / "index.html").write_text("new")
    monkeypatch.setattr(publish.os, "replace", lambda *a: pytest.fail("renamed in two steps"))
    publish.swap_in(new, site)
    assert (site / "index.html").read_text() == "new" and not new.exists()


def test_an_unreadable_record_is_a_located_error(mini_project: Project, monkeypatch, capsys) -> None:
    """As root every file is readable, so the refusal is simulated where the loader opens files."""
    from generator import load

    real_open = load.os.open

    def refusing_open(path, flags, *rest):
        if str(path).endswith("studio.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *rest)

    monkeypatch.setattr(load.os, "open", refusing_open)
    assert main(["--root", str(mini_project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "sources/organizations/studio.yaml:1:1: error: (file): expected a readable file, found an error: Permission denied" in err
    assert "Traceback" not in err


def test_a_fifo_does_not_block_the_loader(mini_project: Project) -> None:
    """Run in a subprocess with a time limit: the old loader waited forever for a writer."""
    os.mkfifo(mini_project.sources / "case-studies" / "pipe.yaml")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(mini_project.root), "check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "named pipe (FIFO)" in result.stderr
