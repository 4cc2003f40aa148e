"""Markdown as MkDocs converts it for this site: the same Python-Markdown extensions and settings,
read from mkdocs.yml, so that a check of what record text *renders to* sees what readers get."""

from __future__ import annotations

import json

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
    """One converter, reused: building it loads every extension and compiles their patterns, which
    costs more than a short text (20 to 40 ms here). It is built on the first text that needs it:
    most builds of the real site need one of the two the markup check keeps, not both."""

    def __init__(self, config: dict):
        self._names, self._settings = extensions_of(config)
        self._converter: markdown.Markdown | None = None

    def settings_key(self) -> str:
        """The extensions and their settings, as text: two converters with the same key convert alike."""
        return json.dumps([self._names, self._settings], sort_keys=True, default=repr)

    def render(self, text: str) -> tuple[str, dict[str, str]]:
        """The HTML of `text` and the URL of every reference definition in it (`[name]: url`), used or not:
        a definition applies to the whole page the text lands on, so one in one field can be used by another."""
        converter = self._converter
        if converter is None:
            converter = self._converter = markdown.Markdown(extensions=self._names, extension_configs=self._settings)
        converter.reset()
        html = converter.convert(text)
        definitions = {name: url for name, (url, _title) in converter.references.items()}
        return html, definitions
