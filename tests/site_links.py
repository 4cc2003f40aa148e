"""A link check over a built site: every internal href/src resolves to a file, every #fragment to an id."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = dict(attrs).get("rel") or ""
        if tag == "link":
            tag = f"link[rel={rel}]"
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name in ("href", "src") or (name == "xlink:href"):
                self.links.append((tag, name, value))


@dataclass
class LinkReport:
    pages: int = 0
    links_checked: int = 0
    broken: list[str] = field(default_factory=list)
    third_party_loads: list[str] = field(default_factory=list)


def check_site(site: Path) -> LinkReport:
    parsed: dict[Path, _PageParser] = {}
    for page in site.rglob("*.html"):
        parser = _PageParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    report = LinkReport(pages=len(parsed))
    for page, parser in parsed.items():
        for tag, attribute, value in parser.links:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") or value.startswith("//"):
                # Links out are fine; loading anything from another host is not.
                if attribute == "src" or (tag.startswith("link[") and _loads(tag)):
                    report.third_party_loads.append(f"{page.relative_to(site)}: <{tag} {attribute}={value}>")
                continue
            if parts.scheme in ("mailto", "data", "javascript", "tel"):
                if parts.scheme == "javascript":
                    report.broken.append(f"{page.relative_to(site)}: javascript: link {value}")
                continue
            report.links_checked += 1
            target = _resolve(site, page, unquote(parts.path))
            if target is None:
                report.broken.append(f"{page.relative_to(site)}: {value} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if unquote(parts.fragment) not in ids:
                    report.broken.append(f"{page.relative_to(site)}: {value} (no element with id {parts.fragment!r})")
    return report


def _loads(link_tag: str) -> bool:
    """<link rel="canonical"> names an address; stylesheet, preload, icon and preconnect fetch from it."""
    return any(word in link_tag for word in ("stylesheet", "preload", "icon", "preconnect", "dns-prefetch", "manifest"))


def _resolve(site: Path, page: Path, path: str) -> Path | None:
    if path == "":
        return page
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    try:
        target.relative_to(site.resolve())
    except ValueError:
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None
