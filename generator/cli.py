"""The `smf` command: parse arguments, run the stages, turn problems into messages and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

# Only what every command needs first: `smf build` starts MkDocs before it imports the generator.
from .diagnostics import BuildFailed, PublishError, RecordError, UnsafeOutputError
from .engine import mkdocs_serve
from .progress import Progress, Timings
from .project import Project, engine_for

if TYPE_CHECKING:
    from .load import LoadCache
    from .markup_check import ContentFindings

TEMPLATES = Path(__file__).parent / "templates"
NEW_RECORD_FOLDERS = {"case-study": "case-studies", "organization": "organizations", "reference": "references"}  # `smf new <kind>`
CHANGE_EVENTS = {"created", "modified", "deleted", "moved", "closed"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="smf", description="Build the Synthetic Media Framework research site from YAML records.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml, sources/ and content/ (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate the records only")
    check_parser.add_argument("--format", choices=["text", "github"], default="text", help="github: each problem as a GitHub Actions annotation on its file and line")
    build_parser = commands.add_parser("build", help="check, generate the pages and build site/")
    build_parser.add_argument("--timings", action="store_true", help="print the time each stage took")
    build_parser.add_argument("--no-engine", action="store_true", help="stop after writing build/docs (skip mkdocs)")
    build_parser.add_argument("--jobs", type=_jobs, default=None, metavar="N", help="processes that convert and render pages (default: one per core)")
    serve_parser = commands.add_parser("serve", help="build, then preview with live reload")
    serve_parser.add_argument("--address", default="127.0.0.1:8000")
    serve_parser.add_argument("--full", action="store_true", help="rebuild every page on each save, strictly (slower; default: only the pages that changed)")
    new_parser = commands.add_parser("new", help="write a commented template record")
    new_parser.add_argument("kind", choices=list(NEW_RECORD_FOLDERS))
    new_parser.add_argument("id")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        if args.command == "check":
            from .pipeline import check

            site = check(project)
            print(f"ok: {len(site.case_studies)} case studies, {len(site.organizations)} organizations, {len(site.references)} references, {len(site.recommendations)} recommendations")
        elif args.command == "build":
            return _build(project, args.timings, args.no_engine, args.jobs)
        elif args.command == "serve":
            return _serve(project, args.address, args.full)
        elif args.command == "new":
            return _new_record(project, args.kind, args.id)
    except RecordError as error:
        if args.command == "check" and args.format == "github":
            return _annotate(error)
        return _report(error)
    except (BuildFailed, UnsafeOutputError, PublishError) as error:
        print(f"error: the site was not built; the previous site/ is unchanged.\n{error}", file=sys.stderr)
        return 1
    return 0


def _report(error: RecordError) -> int:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = len(error.diagnostics)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was generated or built.", file=sys.stderr)
    return 1


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, found {text!r}")
    return int(text)


def _annotate(error: RecordError) -> int:
    """Workflow commands that GitHub shows on the lines of a pull request's changed files."""
    for d in error.diagnostics:
        print(f"::error file={_property(d.path)},line={d.line},col={d.column},title={_property(d.field)}::{_data(d.message)}")
    count = len(error.diagnostics)
    print(f"{count} problem{'s' if count != 1 else ''} found in the records.", file=sys.stderr)
    return 1


def _data(text: str) -> str:
    """A workflow command's message: '%' and line breaks are escaped, as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _build(project: Project, show_timings: bool, no_engine: bool, jobs: int | None = None) -> int:
    timings = Timings(progress=Progress())  # a status line on a terminal only
    engine = None if no_engine else engine_for(project, verbose=timings.progress.enabled, jobs=jobs)
    if engine is not None:
        # MkDocs loads itself and mkdocs.yml on another core while the generator's code loads and
        # runs. It builds nothing until the pages are written, and nothing at all if the records
        # have problems. It needs the docs folder to exist (empty on a first build); if that cannot
        # be made, build() reports why, in its own words.
        with contextlib.suppress(OSError):
            project.docs.mkdir(parents=True, exist_ok=True)
            engine.start()
    from .parallel import default_jobs
    from .pipeline import build, generate_locked

    try:
        if engine is None:
            _, stats = generate_locked(project, timings, jobs=jobs or default_jobs())
        else:
            stats = build(project, timings, jobs=jobs, engine=engine)
    finally:
        timings.progress.clear()
    print(f"built: {stats.written} pages written, {stats.unchanged} unchanged, {stats.deleted} removed" + ("" if no_engine else f"; site in {project.site}"))
    if show_timings:
        print(timings.table())
    return 0


def _serve(project: Project, address: str, full: bool) -> int:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from .pipeline import generate_locked as generate

    cache: LoadCache = {}  # parsed records, kept from one save to the next
    content_checks: ContentFindings = {}  # and what checking the hand-written pages found
    generate(project, cache=cache, content_checks=content_checks)
    changed = threading.Event()
    edited: set[str] = set()  # the saved source files, as 'sources/…' paths

    class Regenerate(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # Only changes count: watchdog also reports files being opened and closed, and every
            # regeneration opens all the records, which would start the next one, forever.
            if not event.is_directory and event.event_type in CHANGE_EVENTS:
                for path in (event.src_path, getattr(event, "dest_path", "")):
                    if path and Path(path).is_relative_to(project.sources):
                        edited.add("sources/" + Path(path).relative_to(project.sources).as_posix())
                changed.set()

    observer = Observer()
    for folder in (project.sources, project.content):
        observer.schedule(Regenerate(), str(folder), recursive=True)
    observer.start()
    server = mkdocs_serve(project.config, address, full)
    try:
        while server.poll() is None:
            if changed.wait(0.3):
                time.sleep(0.2)  # let an editor finish saving before reading
                changed.clear()
                saved = set(edited)
                edited.difference_update(saved)
                started = time.perf_counter()
                try:
                    _, stats = generate(project, edited=saved, cache=cache, content_checks=content_checks)
                    print(f"smf: regenerated in {(time.perf_counter() - started) * 1000:.0f} ms, {stats.written} files changed", file=sys.stderr)
                except RecordError as error:
                    _report(error)
                    print("smf: still serving the last good pages", file=sys.stderr)
                except Exception as error:  # a fault in the generator must not end the preview: report it, keep watching
                    print(f"smf: the pages could not be regenerated: {type(error).__name__}: {error}", file=sys.stderr)
                    print("smf: still serving the last good pages; save again to retry", file=sys.stderr)
    except KeyboardInterrupt:
        server.terminate()
    finally:
        observer.stop()
    return server.wait()


def _new_record(project: Project, kind: str, record_id: str) -> int:
    """Write a commented template for a new record, dated today; its placeholders fail `smf check` until replaced."""
    from .validate import id_problem

    problem = id_problem(record_id)
    if problem:
        print(f"error: expected an id of lowercase letters, digits and single hyphens, found {problem}", file=sys.stderr)
        return 1
    target = project.sources / NEW_RECORD_FOLDERS[kind] / f"{record_id}.yaml"
    if target.exists():
        print(f"error: {target.relative_to(project.root)} already exists; not overwriting it", file=sys.stderr)
        return 1
    template = (TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8")
    values = {"{organization}": "organization-id", "{collection}": "collection-id", "{reference}": "reference-id", "{today}": datetime.date.today().isoformat()}
    text = template
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as stream:  # 'x': never overwrite a file that appeared meanwhile
            stream.write(text)
    except OSError as error:
        print(f"error: could not write {target.relative_to(project.root)}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {target.relative_to(project.root)}; fill it in, then run `make check`")
    return 0


def run() -> None:
    """The `smf` command itself: main(), then the process ends as soon as its output is flushed.
    Python would first take apart everything the build held, the whole model of the site among it
    (60 to 75 ms at 1,000 case studies, after the site is finished). main() leaves nothing behind
    that needs it: the lock is released, MkDocs has ended, and no file is open."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
