"""The mkdocs.yml settings the generator needs too: the site's name, its public address, its repository
(edit links) and the Markdown extensions (to check record text as MkDocs will render it).

mkdocs.yml stays the one place they are set; `site_url` may come from SMF_SITE_URL through MkDocs'
own `!ENV` tag, so the file is read with MkDocs' YAML loader to resolve it exactly as MkDocs does.
mkdocs.yml is trusted (like overrides/), but a typo in it or a hostile SMF_SITE_URL must still give
one located message, not a traceback or an address printed raw into every page.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from .diagnostics import Diagnostic, RecordError
from .model import Publication
from .release import build_date, git_version

CONFIG_NAME = "mkdocs.yml"
# An absolute http(s) address with a host, and nothing an HTML attribute, a Markdown link or a
# BibTeX field would read as markup: no spaces, quotes, angle brackets, braces or backslashes.
SITE_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/+:@\-]*)?")


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as MkDocs reads it; a syntax error becomes a located RecordError."""
    if not config_file.is_file():
        return {}
    try:
        with config_file.open(encoding="utf-8") as stream:
            config = yaml_load(stream) or {}
    except (yaml.YAMLError, ConfigurationError) as error:
        cause = error if isinstance(error, yaml.YAMLError) else error.__context__  # MkDocs wraps the YAML error
        if isinstance(cause, yaml.MarkedYAMLError):
            mark = cause.problem_mark or cause.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise RecordError([Diagnostic(CONFIG_NAME, line, column, "(yaml)", f"expected valid YAML, found a syntax error: {(cause.problem or 'invalid YAML').strip()}")]) from None
        raise RecordError([Diagnostic(CONFIG_NAME, 1, 1, "(yaml)", "expected valid YAML, found: " + " ".join(str(error).split())[:200])]) from None
    except (UnicodeDecodeError, OSError) as error:
        raise RecordError([Diagnostic(CONFIG_NAME, 1, 1, "(file)", "expected a readable YAML file, found: " + " ".join(str(error).split())[:200])]) from None
    if not isinstance(config, dict):
        raise RecordError([Diagnostic(CONFIG_NAME, 1, 1, "(file)", "expected a mapping of settings, found " + type(config).__name__)])
    return config


def read_publication(config_file: Path, config: dict | None = None) -> Publication:
    config = read_config(config_file) if config is None else config
    url = str(config.get("site_url") or "")
    if url and not SITE_URL.fullmatch(url):
        line = _line_of(config_file, "site_url")
        shown = repr(url) if len(url) <= 80 else repr(url[:77]) + "..."
        raise RecordError([Diagnostic(CONFIG_NAME, line, 1, "site_url", f"expected an http:// or https:// address without spaces, quotes or markup (set here or in SMF_SITE_URL), found {shown}")])
    if url and not url.endswith("/"):
        url += "/"  # MkDocs adds it too, so our links and its canonical links agree
    # The version and build date stamp every download; read here, once, so renderers stay free of I/O.
    return Publication(
        name=str(config.get("site_name") or Publication().name),
        url=url,
        version=git_version(config_file.parent),
        built=build_date(),
        repo_url=str(config.get("repo_url") or ""),
        edit_uri=str(config.get("edit_uri") or "edit/main/"),  # edit_uri: relative to repo_url, as in MkDocs
    )


def _line_of(config_file: Path, key: str) -> int:
    try:
        for number, line in enumerate(config_file.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(f"{key}:"):
                return number
    except OSError:
        pass
    return 1
