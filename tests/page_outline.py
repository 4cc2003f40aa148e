"""A built page read the way a reader scans it: the visible text, and per section (h2 anchor) its paragraphs and lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

SKIPPED = {"script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Section:
    paragraphs: list[str] = field(default_factory=list)
    lists: list[int] = field(default_factory=list)  # number of items of each top-level list, in order
    list_items: list[list[str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href) in paragraphs
    table_rows: int = 0


class PageOutline(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []  # every visible text node of the page (scripts and styles aside)
        self.sections: dict[str, Section] = {"": Section()}
        self.meta = ""  # the line under the title
        self.badges: list[str] = []
        self.h1_id = ""
        self._stack: list[tuple[str, dict]] = []
        self._current = ""
        self._in_article = 0
        self._paragraph: list[str] | None = None
        self._paragraph_links: list[tuple[str, str]] = []
        self._link: tuple[str, list[str]] | None = None
        self._list_depth = 0
        self._item: list[str] | None = None
        self._heading: str | None = None
        self._skip = 0

    @property
    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())

    def section(self, anchor: str) -> Section:
        return self.sections.get(anchor, Section())

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag in VOID:
            return
        self._stack.append((tag, a))
        if tag in SKIPPED:
            self._skip += 1
        if tag == "article" and "md-content__inner" in a.get("class", ""):
            self._in_article = len(self._stack)
        if not self._in_article:
            return
        if tag == "h1":
            self.h1_id = a.get("id", "")
        if tag == "h2" and a.get("id"):
            self._heading = a["id"]
            self._current = a["id"]
            self.sections.setdefault(self._current, Section())
        elif tag == "p" and self._list_depth == 0:
            self._paragraph, self._paragraph_links = [], []
            if "smf-record-meta" in a.get("class", "") and not self.meta:
                self._paragraph.append("\0meta")
        elif tag in ("ul", "ol"):
            self._list_depth += 1
            if self._list_depth == 1:
                self.sections[self._current].lists.append(0)
                self.sections[self._current].list_items.append([])
        elif tag == "li" and self._list_depth == 1:
            self.sections[self._current].lists[-1] += 1
            self._item = []
        elif tag == "tr" and "data-org" in a:
            self.sections[self._current].table_rows += 1
        elif tag == "a":
            self._link = (a.get("href", ""), [])
            if "smf-badge" in a.get("class", ""):
                self._badge = True

    def handle_endtag(self, tag):
        if tag in VOID or not self._stack:
            return
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag in SKIPPED:
                self._skip -= 1
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag):
        if self._in_article and len(self._stack) < self._in_article:
            self._in_article = 0
        if tag == "a" and self._link:
            href, words = self._link
            text = " ".join("".join(words).split())
            if self._paragraph is not None:
                self._paragraph_links.append((text, href))
            if getattr(self, "_badge", False):
                self.badges.append(text)
                self._badge = False
            self._link = None
        elif tag == "p" and self._paragraph is not None:
            text = " ".join("".join(self._paragraph).split())
            if text.startswith("\0meta"):
                self.meta = text[len("\0meta") :].strip()
            else:
                self.sections[self._current].paragraphs.append(text)
                self.sections[self._current].links.extend(self._paragraph_links)
            self._paragraph = None
        elif tag in ("ul", "ol") and self._list_depth:
            self._list_depth -= 1
        elif tag == "li" and self._list_depth == 1 and self._item is not None:
            self.sections[self._current].list_items[-1].append(" ".join("".join(self._item).split()))
            self._item = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if not self._in_article:
            return
        if self._paragraph is not None:
            self._paragraph.append(data)
        if self._item is not None:
            self._item.append(data)
        if self._link is not None:
            self._link[1].append(data)


def outline(page: Path) -> PageOutline:
    parser = PageOutline()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def number_before(text: str, words: str) -> int | None:
    """The number written in digits right before `words` (e.g. number_before('3 open questions', 'open question') == 3)."""
    match = re.search(rf"(\d+) {words}", text)
    return int(match.group(1)) if match else None
