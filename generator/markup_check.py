"""Record text as readers get it: each Markdown field rendered the way MkDocs renders it on the page,
and the HTML judged by the link policy (generator/link_policy.py). Also the limits that keep that
rendering cheap, and the check that relative links in record text and content pages reach a page."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .engine.markdown import SiteMarkdown
from .link_policy import check_html
from .render.text import markdown_text

MAX_BRACKETS = 100  # the schemas' markdown pattern says the same
MAX_NESTING = 15
# More than MAX_NESTING list markers or quote marks at the start of one line: Python-Markdown recurses
# once per level (6,000 '1. ' overflow its stack) and slows down with the square of the depth.
_DEEP_NESTING = re.compile(rf"^[ \t]*(?:(?:>|[-*+][ \t]|[0-9]{{1,9}}[.)][ \t])[ \t]*){{{MAX_NESTING + 1}}}", re.MULTILINE)
# What Python-Markdown leaves of '![text][name]' or '![name]' when no definition of name is in the text.
_UNRESOLVED_IMAGE = re.compile(r"!\[[^\]]*\](?:\s?\[[^\]]*\])?")
# Pages the generator writes besides one per record (a test checks them against the renderers).
FIXED_PAGES = frozenset(
    {
        "framework.md",
        "recommendations/index.md",
        "case-studies/index.md",
        "organizations/index.md",
        "references/index.md",
        "open-questions.md",
        "coverage.md",
        "graph.md",
        "tags.md",
        "data/index.md",
    }
)
_DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


@dataclass
class TextReport:
    problems: list[str] = field(default_factory=list)
    relative_links: list[str] = field(default_factory=list)


class MarkupChecker:
    def __init__(self, markdown: SiteMarkdown, without_attribute_lists: SiteMarkdown | None = None):
        self.markdown = markdown
        # An attribute list can hide a link's real target from a check of the field alone
        # ('[x](javascript:…){: href="https://…" }'), and may not apply where the page places the
        # text: text with a brace is also judged as it renders without them.
        self.without_attribute_lists = without_attribute_lists
        # What the checks depend on besides the text: the extensions and their settings.
        settings = repr([converter.settings_key() for converter in (markdown, without_attribute_lists) if converter is not None])
        self.key = hashlib.blake2b(settings.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    @classmethod
    def for_config(cls, config: dict) -> MarkupChecker:
        plain = dict(config, markdown_extensions=[item for item in config.get("markdown_extensions") or [] if item != "attr_list" and not (isinstance(item, dict) and "attr_list" in item)])
        return cls(SiteMarkdown(config), SiteMarkdown(plain))

    @classmethod
    def default(cls) -> MarkupChecker:
        """The extensions of this checkout's mkdocs.yml (for callers that have no project at hand)."""
        from .site_config import read_config

        return cls.for_config(read_config(_DEFAULT_CONFIG) if _DEFAULT_CONFIG.is_file() else {"markdown_extensions": ["attr_list", "abbr", "def_list", "admonition", "md_in_html"]})

    def check_record_text(self, text: str) -> TextReport:
        """A record field as it is placed on a page (generator.render.text.markdown_text), rendered and judged."""
        report = TextReport()
        if _DEEP_NESTING.search(text):
            report.problems.append(f"expected lists and quotes nested at most {MAX_NESTING} levels deep, found a line with more")
            return report
        # Links, images and attribute lists all need a bracket or a brace; text without either renders
        # to no attribute at all (raw HTML is escaped), and most fields are like that.
        if ("[" not in text and "{" not in text) or text.count("[") > MAX_BRACKETS or len(text) > 10_000:
            return report  # (too many brackets or characters: the schema reports it, and rendering would be slow)
        report = self.check_markdown(markdown_text(text))
        # The same text reads differently where the renderers place it: after other words on a line (a
        # source's note), as a list item, or on one line (an open question). Alone, '[a]: <x>[t](javascript:…)'
        # is a link definition and a tab-indented line is code; in those places, either can be a link.
        for placed in ("Note: " + text, "- " + text, " ".join(text.split())):
            if report.problems:
                break
            report.problems = self.check_markdown(markdown_text(placed)).problems
        return report

    def check_markdown(self, text: str) -> TextReport:
        report = self._check_with(self.markdown, text)
        if "{" in text and self.without_attribute_lists is not None and not report.problems:
            report.problems = self._check_with(self.without_attribute_lists, text).problems
        return report

    def _check_with(self, converter: SiteMarkdown, text: str) -> TextReport:
        try:
            markup, definitions = converter.render(text)
        except RecursionError:
            return TextReport([f"expected lists and quotes nested at most {MAX_NESTING} levels deep, found deeper nesting"])
        html_report = check_html(markup, definitions)
        if _UNRESOLVED_IMAGE.search(markup):
            # A definition is page-wide: one in another field (or another record shown on the same page)
            # could make this an image from anywhere, and no check of this field alone would see it.
            html_report.problems.append("expected images written with their path (![text](path)), found a reference-style image ![text][name] whose definition is not in this field")
        return TextReport(html_report.problems, html_report.relative_links)


def relative_link_problem(href: str, from_page: str, pages: Collection[str]) -> str | None:
    """A relative link from a docs page must reach a page MkDocs knows, as its .md file ('../framework.md')."""
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None  # '#anchor' on the same page (MkDocs checks anchors itself)
    if path.startswith("/"):
        return f"expected a relative link to a page's .md file (like '../framework.md'), found the absolute path {href!r}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))
    if target.startswith("../") or target == "..":
        return f"expected a link to a page of this site, found {href!r}, which leads outside it"
    if target.endswith("/") or not posixpath.splitext(target)[1]:
        return f"expected a link to a page's .md file (like '../framework.md'), found {href!r}"
    if target.startswith(("data/", "assets/")):
        return None  # downloads and theme files are not pages; MkDocs checks the ones that are
    if target not in pages:
        return f"expected a link to a page of this site, found {href!r}, which leads to {target!r}, a page that does not exist"
    return None


# What checking each hand-written page found, by page, Markdown settings and bytes (_content_key):
# its problems, and its relative links with where they stand, to check against the pages there are.
ContentFindings = dict[str, tuple[tuple[Diagnostic, ...], tuple[tuple[str, int, int], ...]]]


def check_content_pages(content: dict[str, bytes], markup: MarkupChecker, pages: Collection[str], kept: ContentFindings | None = None) -> list[Diagnostic]:
    """The hand-written pages are not trusted either: the same link policy (raw HTML is allowed in them,
    but no script, event handler or resource from another host), and every relative link must reach a page.

    With `kept` (what the last build found, source_cache.py), a page whose bytes and Markdown settings
    are the same is not converted again; `kept` is left holding what this build found.
    """
    problems: list[Diagnostic] = []
    found_now: ContentFindings = {}
    for path, data in content.items():
        if not path.endswith(".md"):
            continue
        key = _content_key(path, data, markup)
        found = kept.get(key) if kept is not None else None
        if found is None:
            found = _content_findings(path, data, markup)
        found_now[key] = found
        own, links = found
        problems.extend(own)
        for href, line, column in links:
            broken = relative_link_problem(href, path, pages)
            if broken:
                problems.append(Diagnostic(f"content/{path}", line, column, "(link)", broken))
    if kept is not None:
        kept.clear()
        kept.update(found_now)
    return problems


def _content_key(path: str, data: bytes, markup: MarkupChecker) -> str:
    return f"{path}\0{markup.key}\0{hashlib.blake2b(data, digest_size=16).hexdigest()}"


def _content_findings(path: str, data: bytes, markup: MarkupChecker) -> tuple[tuple[Diagnostic, ...], tuple[tuple[str, int, int], ...]]:
    """A page's own problems, and its relative links with where each stands."""
    from mkdocs.utils.meta import get_data

    display = f"content/{path}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return (Diagnostic(display, line, 1, "(encoding)", f"expected UTF-8 text, found the byte 0x{data[error.start]:02x} which is not UTF-8"),), ()
    try:
        body, _meta = get_data(text)
        markup_html, definitions = markup.markdown.render(body)
    except Exception as error:  # a page MkDocs could not convert either: say so, located
        return (Diagnostic(display, 1, 1, "(markdown)", f"expected Markdown that converts, found an error: {type(error).__name__}: {error}"[:300]),), ()
    report = check_html(markup_html, definitions, raw_html=True)
    own = tuple(Diagnostic(display, *_locate(text, problem), "(markdown)", problem) for problem in report.problems)
    return own, tuple((href, *_locate(text, href)) for href in report.relative_links)


def _locate(text: str, needle: str) -> tuple[int, int]:
    """Line and column of the first occurrence of `needle` (or of the quoted URL in a problem) in the page's text."""
    quoted = re.search(r"'([^']+)'", needle)
    element = re.search(r"<([a-z0-9]+)>", needle)
    for candidate in (needle, quoted.group(1) if quoted else None, f"<{element.group(1)}" if element else None):
        if candidate and candidate in text:
            at = text.index(candidate)
            return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    return 1, 1
