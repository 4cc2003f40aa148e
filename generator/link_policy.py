"""What HTML made from untrusted text (record fields, content pages) may contain, judged on the HTML
itself, the way a browser reads it — not on the Markdown source, which no pattern reads the way
Python-Markdown does (a link definition inside a quote, after a lone carriage return, …).

Allowed: links to http, https and mailto addresses and relative links; images and other resources
from this site only (relative paths); no event-handler or style attributes; no element outside the
ones Markdown makes. A maintained sanitiser (nh3, the Python binding of Rust's ammonia) judges the
same HTML independently: a URL it would remove is refused even when the checks here missed it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes whose value a browser follows or loads; `src`-like ones load without a click.
LINK_ATTRIBUTES = frozenset({"href", "xlink:href", "action", "formaction", "cite", "longdesc", "ping"})
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest", "codebase", "archive"})
# What Python-Markdown and the site's extensions make from text (admonitions, details, tables, …).
MARKDOWN_TAGS = frozenset(
    [
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "ins",
        "li",
        "ol",
        "p",
        "pre",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Browsers drop these anywhere in a URL, and strip leading C0 controls and spaces.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SANITISER_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "align"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start", "type"},
    "details": {"open"},
}


@dataclass
class HtmlReport:
    problems: list[str] = field(default_factory=list)
    relative_links: list[str] = field(default_factory=list)  # hrefs within the site, for the link check


def scheme_of(url: str) -> str | None:
    """The scheme a browser sees in a URL (lowercase), or None for a relative URL."""
    cleaned = _URL_IGNORED.sub("", url).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else None


def is_other_host(url: str) -> bool:
    """Whether loading `url` from a page of this site would reach another host."""
    cleaned = _URL_IGNORED.sub("", url).strip()
    return scheme_of(url) is not None or cleaned[:2].replace("\\", "/") == "//"


def link_problem(url: str) -> str | None:
    scheme = scheme_of(url)
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return None
    return f"expected links to http(s), mailto or pages of this site, found a {scheme}: link {_short(url)}"


def resource_problem(url: str) -> str | None:
    if not is_other_host(url):
        return None
    return f"expected images and other embedded files from this site only (a relative path), found one loaded from {_short(url)}"


def _short(text: str) -> str:
    text = repr(text)
    return text if len(text) <= 60 else text[:56] + "...'"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, [(name, value or "") for name, value in attrs]))

    handle_startendtag = handle_starttag


def _elements(markup: str) -> list[tuple[str, list[tuple[str, str]]]]:
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector.elements


# Raw HTML is allowed in hand-written pages, but not these: they run or load things.
DANGEROUS_TAGS = frozenset(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base", "form", "svg", "math", "template", "portal", "noscript"])


def check_html(markup: str, definitions: dict[str, str] | None = None, raw_html: bool = False) -> HtmlReport:
    """Every way `markup` (HTML made from untrusted text) breaks the policy, once each. With
    `raw_html` (hand-written pages), any element but DANGEROUS_TAGS is allowed."""
    report = HtmlReport()
    problems: dict[str, None] = {}
    urls: list[tuple[str, str, str]] = []
    for tag, attributes in _elements(markup):
        if (tag in DANGEROUS_TAGS) if raw_html else (tag not in MARKDOWN_TAGS):
            problems[f"expected only the elements Markdown makes, found a <{tag}> element"] = None
        for name, value in attributes:
            if name.startswith("on"):
                problems[f"expected no event-handler attributes, found {name!r} on <{tag}>"] = None
            elif name == "style":
                problems[f"expected no style attributes, found one on <{tag}>"] = None
            elif name in LINK_ATTRIBUTES:
                urls.append((tag, name, value))
                problem = link_problem(value)
                if problem:
                    problems[problem] = None
                elif scheme_of(value) is None and not value.startswith("#"):
                    report.relative_links.append(value)
            elif name in RESOURCE_ATTRIBUTES:
                urls.append((tag, name, value))
                for part in value.split(",") if name == "srcset" else [value]:
                    problem = resource_problem(part.strip().split(" ")[0] if name == "srcset" else part)
                    if problem:
                        problems[problem] = None
    for raw_url in (definitions or {}).values():
        # A definition's URL is judged even if this text does not use it: another field on the same page
        # may. It is the text as written, which becomes an attribute value: entities in it are decoded.
        url = html.unescape(raw_url)
        problem = link_problem(url) or (resource_problem(url) if url.lstrip().startswith("//") else None)
        if problem:
            problems[problem] = None
    if not problems and urls and not raw_html:
        problems.update(dict.fromkeys(_sanitiser_disagrees(markup, urls)))
    report.problems = list(problems)
    return report


def _sanitiser_disagrees(markup: str, urls: list[tuple[str, str, str]]) -> list[str]:
    """The second opinion: URLs that nh3 removes from the same HTML though the checks above let them pass."""
    cleaned = nh3.clean(markup, tags=set(MARKDOWN_TAGS), attributes=_SANITISER_ATTRIBUTES, url_schemes=set(ALLOWED_SCHEMES), link_rel=None, strip_comments=False)
    kept = {(tag, name, value) for tag, attributes in _elements(cleaned) for name, value in attributes}
    return [f"expected a URL that a sanitiser keeps, found {_short(value)} on <{tag}> {name}" for tag, name, value in urls if (tag, name, value) not in kept and (tag, name) in {("a", "href"), ("img", "src")}]


def unescape(text: str) -> str:
    return html.unescape(text)
