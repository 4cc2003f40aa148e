"""Markdown as MkDocs converts it for this site: the same Python-Markdown extensions and settings,
read from mkdocs.yml, so that a check of what record text *renders to* sees what readers get."""

from __future__ import annotations

import markdown

# MkDocs always loads these before the ones mkdocs.yml lists (config_options.MarkdownExtensions builtins).
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")


def extensions_of(config: dict) -> tuple[list[str], dict[str, dict]]:
    """The `markdown_extensions` of a loaded mkdocs.yml, as Python-Markdown's two arguments."""
    names, settings = list(MKDOCS_BUILTINS), {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                settings[name] = options or {}
        else:
            names.append(str(item))
    return list(dict.fromkeys(names)), settings


class SiteMarkdown:
    """One converter, reused: building it loads every extension, which costs more than a short text."""

    def __init__(self, config: dict):
        names, settings = extensions_of(config)
        self._converter = markdown.Markdown(extensions=names, extension_configs=settings)

    def render(self, text: str) -> tuple[str, dict[str, str]]:
        """The HTML of `text` and the URL of every reference definition in it (`[name]: url`), used or not:
        a definition applies to the whole page the text lands on, so one in one field can be used by another."""
        converter = self._converter
        converter.reset()
        html = converter.convert(text)
        definitions = {name: url for name, (url, _title) in converter.references.items()}
        return html, definitions
