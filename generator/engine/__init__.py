"""Stage 6, engine: the thin MkDocs part. It only runs `mkdocs build`/`serve` on the docs tree we wrote."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def engine_environment(jobs: int | None = None, cache: Path | None = None) -> dict[str, str]:
    # Material prints an end-of-life banner on every run; it is not a warning, just noise in logs.
    # The smf-build plugin (engine/fastbuild.py) reads how many processes to use and where its cache is.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if jobs:
        environment["SMF_JOBS"] = str(jobs)
    if cache is not None:
        environment["SMF_CACHE"] = str(cache)
    return environment


def mkdocs_build(config_file: Path, site_dir: Path, on_page: Callable[[str, int], None] | None = None, *, jobs: int | None = None, cache: Path | None = None) -> subprocess.CompletedProcess:
    """A strict build into site_dir; any warning (dead link, missing anchor) fails it.

    With `on_page`, MkDocs runs verbosely and on_page(phase, count) hears of each page it reads and
    builds ('reading' or 'building'); its debug lines are left out of the output returned.
    `jobs` worker processes convert and render the pages (default: one per core); with `cache`, pages
    whose Markdown and surroundings did not change since the last build are taken from there.
    """
    with MkDocsBuild(config_file, site_dir, verbose=on_page is not None, jobs=jobs, cache=cache) as build:
        return build.run(on_page)


class MkDocsBuild:
    """mkdocs_build() in two steps: start() starts MkDocs, which loads itself and mkdocs.yml and then
    waits (engine/standby.py), so that this can happen while the generator works; run() lets it build
    (starting it first if need be). Leaving the `with` block without run() ends it, having built nothing."""

    def __init__(self, config_file: Path, site_dir: Path, *, verbose: bool = False, jobs: int | None = None, cache: Path | None = None):
        self.site_dir = site_dir
        self.command = [sys.executable, "-m", "generator.engine.standby", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
        if verbose:
            self.command.append("--verbose")
        self._folder, self._environment, self._verbose = config_file.parent, engine_environment(jobs, cache), verbose
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        """Let MkDocs load now, ahead of run(); once is enough."""
        self._spawn()

    def _spawn(self) -> None:
        # Apart from start() so that turning the early start off (as the fast tests do) leaves run() whole.
        if self._process is None:
            self._process = subprocess.Popen(
                self.command,
                cwd=self._folder,
                env=self._environment,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT if self._verbose else subprocess.PIPE,
                text=True,
            )

    def run(self, on_page: Callable[[str, int], None] | None = None, meanwhile: Callable[[], object] | None = None) -> subprocess.CompletedProcess:
        """Build now, once; what MkDocs printed and its exit status, as mkdocs_build() returns them.
        `meanwhile` is called once MkDocs has been told to build, while it builds."""
        self._spawn()
        process, self._process = self._process, None
        assert process is not None and process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write("go\n")
            process.stdin.flush()
        except BrokenPipeError:  # it ended before building; what it printed says why
            pass
        if meanwhile is not None:
            try:
                meanwhile()
            except BaseException:
                process.kill()
                process.communicate()
                raise
        if on_page is None:
            stdout, stderr = process.communicate()
            return subprocess.CompletedProcess(self.command, process.returncode, stdout, stderr)
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        kept, level, counts = [], "", {"reading": 0, "building": 0}
        with process:
            for line in process.stdout:
                found = _LEVEL.match(line)
                level = found.group(1) if found else level
                if level != "DEBUG":
                    kept.append(line)
                    continue
                phase = "reading" if "-  Reading: " in line else "building" if "-  Building page " in line else None
                if phase:
                    counts[phase] += 1
                    on_page(phase, counts[phase])
        return subprocess.CompletedProcess(self.command, process.returncode, "".join(kept), "")

    def cancel(self) -> None:
        """End MkDocs if it was started and not run: it has built nothing."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.communicate()

    def __enter__(self) -> MkDocsBuild:
        return self

    def __exit__(self, *exception) -> None:
        self.cancel()


_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-")


def mkdocs_serve(config_file: Path, address: str, full: bool = False) -> subprocess.Popen:
    """The live preview. By default MkDocs rebuilds only the pages whose files changed (`--dirty`):
    the generator rewrites exactly the pages an edit affects, so that is what needs rebuilding,
    and it takes seconds instead of rebuilding every page. MkDocs warns about every dirty build,
    which strict mode would turn into a failure, so the preview is not strict; `smf build` always is.
    With `full`, every save rebuilds the whole site, strictly, from the same page cache as `smf build`
    (unchanged pages are not converted again), in one process: the server's threads and forked
    workers do not mix.
    """
    options = [] if full else ["--dirty", "--no-strict"]
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", address, "--livereload", *options],
        cwd=config_file.parent,
        env=engine_environment(jobs=1, cache=config_file.parent / "build" / "cache") if full else engine_environment(),
    )
