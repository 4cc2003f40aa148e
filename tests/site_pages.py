"""The real site's pages as the engine's Markdown and search see them, built without MkDocs: for
tests that compare a faster part of the engine with the library part it stands in for."""

from __future__ import annotations

import re
import types
from pathlib import Path

import markdown
import yaml

from generator.engine import front_matter, inline_patterns, plugins
from generator.engine.markdown import extensions_of
from generator.pipeline import generate

from .conftest import ROOT, make_project


def site_markdown(skipping: bool) -> markdown.Markdown:
    """A converter with the site's extensions, as MkDocs builds it (mkdocs.yml's `!ENV` tag read as
    plain), with the engine's skipping inline pass or Python-Markdown's own."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    names, settings = extensions_of(yaml.safe_load(text))
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    if skipping:
        inline_patterns.install(md)
    return md


def spliced_markdown(folder: Path) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Every page the generator writes for the real records into `folder`, as Markdown reaches
    MkDocs' converter, each with the finished HTML blocks smf-splice took out of it (searched_html
    puts them back)."""
    project = make_project(folder)
    generate(project)
    splice = plugins.SpliceHtml()
    pages = []
    for path in sorted(Path(project.docs).rglob("*.md")):
        text, _ = front_matter.get_data(path.read_text(encoding="utf-8"))
        page = types.SimpleNamespace()
        pages.append((splice.on_page_markdown(text, page=page, config=None, files=None), getattr(page, "smf_spliced", None) or []))
    return pages


def searched_html(pages: list[tuple[str, list[tuple[str, bool]]]]) -> list[str]:
    """Each page's HTML as Material's search reads it: converted, its blocks put back as smf-splice
    puts them (those search skips inside a comment), and the headings smf-search-scope excludes marked."""
    md = site_markdown(skipping=True)
    scope = plugins.SearchScope()
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    [options] = [item["smf-search-scope"] for item in config["plugins"] if isinstance(item, dict) and "smf-search-scope" in item]
    scope.load_config(options)
    scope.on_config(types.SimpleNamespace(plugins={}))  # no Material search plugin to speed up here
    out = []
    for text, blocks in pages:
        md.reset()
        html = md.convert(text)

        def put_back(found: re.Match, blocks=blocks) -> str:
            block, indexed = blocks[int(found.group(1))]
            return block if indexed else f"{plugins.WRAP_OPEN}{block}{plugins.WRAP_CLOSE}{found.group(2)}"

        page = types.SimpleNamespace(content=plugins._PLACEHOLDER.sub(put_back, html))
        scope.on_page_context(None, page=page, config=None, nav=None)
        out.append(page.content)
    return out
