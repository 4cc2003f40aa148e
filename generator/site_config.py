"""The two mkdocs.yml settings the generator needs too: the site's name and its public address.

mkdocs.yml stays the one place they are set; `site_url` may come from SMF_SITE_URL through MkDocs'
own `!ENV` tag, so the file is read with MkDocs' YAML loader to resolve it exactly as MkDocs does.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from .model import Publication
from .release import build_date, git_version


def read_publication(config_file: Path) -> Publication:
    if not config_file.is_file():
        return Publication()
    with config_file.open(encoding="utf-8") as stream:
        config = yaml_load(stream) or {}
    url = str(config.get("site_url") or "")
    if url and not url.endswith("/"):
        url += "/"  # MkDocs adds it too, so our links and its canonical links agree
    # The version and build date stamp every download; read here, once, so renderers stay free of I/O.
    return Publication(name=str(config.get("site_name") or Publication().name), url=url, version=git_version(config_file.parent), built=build_date())
