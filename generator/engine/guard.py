"""The last line of defence, inside MkDocs: every page's HTML, as MkDocs made it from the Markdown
the generator wrote (and from content/), is searched for event-handler attributes, links outside
http/https/mailto/relative and resources from other hosts. Each one is neutralised on the page and
reported as a warning naming the page; strict builds (`smf build`) fail on it, and the generator
maps the warning back to the record field (generator/engine/messages.py).

`smf check` catches these from each field alone (generator/markup_check.py); this catches what only
the page's context makes (a field inside a list item, definitions from another field)."""

from __future__ import annotations

import logging
import re

from mkdocs.plugins import BasePlugin, event_priority

from ..link_policy import is_other_host, link_problem

log = logging.getLogger("mkdocs.plugins.smf-link-guard")
# Python-Markdown writes every tag with double-quoted attributes and escapes '<' in text, so a '<'
# followed by a letter opens a tag, and its attributes end at the next '>'. Linear: no nesting.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^<>]*)>")
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_LINKS = frozenset({"href", "xlink:href", "action", "formaction"})
_RESOURCES = frozenset({"src", "srcset", "poster", "data"})


def unsafe_attributes(page_html: str) -> list[str]:
    """What is wrong with the page, one entry per offending attribute."""
    found = []
    for tag in _TAG.finditer(page_html):
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name = attribute.group(1).lower()
            value = _unescape(attribute.group(2) or attribute.group(3) or attribute.group(4) or "")
            if name.startswith("on"):
                found.append(f"an event-handler attribute {name!r} on <{tag.group(1)}>")
            elif name in _LINKS and link_problem(value):
                found.append(f"a link to {value!r}"[:120])
            elif name in _RESOURCES and any(is_other_host(part.strip().split(" ")[0]) for part in (value.split(",") if name == "srcset" else [value])):
                found.append(f"a resource loaded from {value!r}"[:120])
    return found


def neutralise(page_html: str) -> str:
    def clean(tag: re.Match) -> str:
        attributes = _ATTRIBUTE.sub(lambda a: "" if _is_unsafe(a) else a.group(0), tag.group(2))
        return f"<{tag.group(1)}{attributes}>"

    return _TAG.sub(clean, page_html)


def _is_unsafe(attribute: re.Match) -> bool:
    name = attribute.group(1).lower()
    value = _unescape(attribute.group(2) or attribute.group(3) or attribute.group(4) or "")
    return name.startswith("on") or (name in _LINKS and bool(link_problem(value))) or (name in _RESOURCES and is_other_host(value))


def _unescape(value: str) -> str:
    import html

    return html.unescape(value) if "&" in value else value


class LinkGuard(BasePlugin):
    @event_priority(100)  # before any plugin that frees or rewrites the page's HTML
    def on_page_content(self, html, *, page, config, files):
        problems = unsafe_attributes(html)
        if not problems:
            return html
        for problem in dict.fromkeys(problems):
            log.warning(f"Doc file '{page.file.src_uri}' renders {problem}, which was removed")
        return neutralise(html)
