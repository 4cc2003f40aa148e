"""`mkdocs build`, started before the docs tree is ready.

`smf build` starts this process first thing: while it imports and runs the generator on one core,
MkDocs imports itself, its theme and plugins and loads mkdocs.yml on the other (0.2 to 0.35 s here,
a quarter to a third of rebuilding the real site after an edit). The process then waits for one line on
stdin: `go` runs `mkdocs build` with the arguments it was started with; anything else, or stdin
closed, ends it without building.

The build is MkDocs' own command line, unchanged (its logging, `--strict` counting, messages and exit
codes), except that its call to load the configuration gets the one loaded ahead: loading reads
only mkdocs.yml and the environment, never the docs tree, so loading it earlier gives the same
configuration. What loading logged is logged again at that point, where MkDocs' handlers hear it,
and an error it raised is raised there. Any other call loads as MkDocs would.
"""

from __future__ import annotations

import gc
import logging
import os
import sys


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def main(arguments: list[str]) -> int:
    import click
    from mkdocs import __main__ as mkdocs_cli
    from mkdocs import config

    from . import files_ahead, mkdocs_page
    from .fastbuild import pages_known
    from .prefetch import Prefetch

    with click.Context(mkdocs_cli.cli) as context:
        # The options MkDocs' `build` command hands to load_config, parsed as it parses them.
        command = mkdocs_cli.cli.get_command(context, "build")
        assert command is not None and arguments[0] == "build"
        options = dict(command.make_context("build", list(arguments[1:]), parent=context).params)
    options.pop("clean", None)
    config_file = options.pop("config_file", None)
    config_path = getattr(config_file, "name", config_file)

    logger = logging.getLogger("mkdocs")
    recorder, propagate = _Recorder(), logger.propagate
    logger.addHandler(recorder)
    logger.propagate = False
    try:
        prepared, failure = config.load_config(config_file, **options), None
    except Exception as error:  # raised again where MkDocs' command would have raised it
        prepared, failure = None, error
    finally:
        logger.removeHandler(recorder)
        logger.propagate = propagate
        if config_file is not None:
            config_file.close()

    # While the generator works, the docs tree as the last build left it is read ahead (engine/prefetch.py),
    # but for the pages this build will not read (engine/known_reads.py).
    prefetch = Prefetch(prepared.docs_dir, skip=pages_known(prepared)).start() if prepared is not None and os.path.isdir(prepared.docs_dir) else None
    # And the list of its files is made, for the build to take if the tree still holds the same (files_ahead.py).
    files = files_ahead.list_ahead(prepared) if prepared is not None and os.path.isdir(prepared.docs_dir) else None
    # What is loaded so far (MkDocs, the theme, the configuration, the files) lives until the end:
    # the collector need not look at it again on each full collection of the build.
    gc.freeze()
    go = sys.stdin.readline().strip() == "go"
    if prefetch is not None:
        prefetch.stop()  # before MkDocs forks its workers
    if not go:
        return 0
    mkdocs_page.read_ahead = prefetch
    if files is not None:
        files_ahead.install(files)
    load_config = config.load_config

    def load_prepared(config_file=None, **given):
        if getattr(config_file, "name", config_file) != config_path or given != options:
            return load_config(config_file, **given)
        for record in recorder.records:
            logging.getLogger(record.name).handle(record)
        if failure is not None:
            raise failure
        return prepared

    config.load_config = load_prepared
    return mkdocs_cli.cli.main(args=arguments, prog_name="mkdocs", standalone_mode=True)


if __name__ == "__main__":
    try:
        status = main(sys.argv[1:])
    except SystemExit as exit:  # MkDocs' command line ends with sys.exit(), as Python would end it:
        status = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        if exit.code is not None and not isinstance(exit.code, int):
            print(exit.code, file=sys.stderr)
    # Everything is written and its workers are gone: skip the interpreter's teardown of MkDocs'
    # objects (a tenth of a second of a small site's rebuild here).
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
