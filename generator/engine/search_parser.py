"""Material's search parser, with a faster tokenizer and handlers that do the same.

Material's search splits each page's HTML into sections with a subclass of Python's HTMLParser,
which finds each tag, attribute and piece of text in Python, one regular expression at a time, and
whose handlers compare elements through Python methods: about a tenth of a 1,000-case build. The
HTML it reads here is what Markdown and the generator wrote, a small and regular part of HTML.
`tokens()` finds the same tags, attributes and text with one pattern per tag, and `SearchParser`
hands them, in the same order and with the same values as HTMLParser would, to handlers that ask
Material's questions of tag names. So the sections, and the search index, are the same. Anything
outside that part (a tag not listed here, an attribute without quotes, a stray '<', a comment that
some Python would end early, a doctype) and the whole page is read by HTMLParser instead. Tests
compare it with Material's own parser on every page of the site, on made-up HTML and on random mixes
of tags.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

from material.plugins.search import plugin as material_search

from .events import replace_handler

# Only ASCII white space: Python's \s also matches other spaces, where HTMLParser's patterns differ.
_SPACE = "[ \t\n\r\f]"
_START = re.compile(rf"<([a-zA-Z][a-zA-Z0-9]*)((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_SPACE}*={_SPACE}*(?:\"[^\"]*\"|'[^']*'))?)*){_SPACE}*(/?)>")
_ATTRIBUTE = re.compile(rf"{_SPACE}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_SPACE}*={_SPACE}*(?:\"([^\"]*)\"|'([^']*)'))?")
_END = re.compile(rf"</([a-zA-Z][a-zA-Z0-9]*){_SPACE}*>")
_COMMENT_END = re.compile(r"--!?\s*>")  # every way a Python's HTMLParser may end a comment
# Elements whose content HTMLParser reads as plain text (script, style) or may in a later Python
# (title, textarea) are not listed: a page with one is read by HTMLParser.
ELEMENTS = frozenset(
    (  # noqa: SIM905 (a list of words reads better as words)
        "a abbr article aside b blockquote br caption cite code col colgroup dd del details dfn div dl dt em "
        "figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd label li main mark nav ol p pre q "
        "s samp section small span strong sub summary sup table tbody td tfoot th thead time tr u ul"
    ).split()
)

Token = tuple[str, str, list[tuple[str, str | None]] | None]  # (kind, tag or text, attributes)
MaterialParser: type[material_search.Parser] = material_search.Parser  # as Material ships it, before install()


def tokens(html: str) -> list[Token] | None:
    """The calls HTMLParser would make for `html` (fed whole, then closed): ('start', tag, attributes),
    ('startend', …), ('end', tag, None), ('data', text, None); comments left out (Material ignores
    them). None if `html` holds anything this does not read exactly as HTMLParser does."""
    out: list[Token] = []
    position, length = 0, len(html)
    while position < length:
        opening = html.find("<", position)
        if opening == -1:
            out.append(("data", unescape(html[position:]), None))
            break
        if opening > position:
            out.append(("data", unescape(html[position:opening]), None))
        if html.startswith("<!--", opening):
            # Python 3.11's HTMLParser ends a comment at the first '--' and '>' with spaces between,
            # later ones at '--!>' too, and read '<!-->' as a whole comment: a comment is read here
            # only where all of them end it, at its first '-->'.
            closing = _COMMENT_END.search(html, opening + 4)
            if closing is None or closing.group() != "-->" or html.startswith((">", "->"), opening + 4):
                return None
            position = closing.end()
        elif html.startswith("</", opening):
            found = _END.match(html, opening)
            if found is None or (tag := found.group(1).lower()) not in ELEMENTS:
                return None
            out.append(("end", tag, None))
            position = found.end()
        else:
            found = _START.match(html, opening)
            if found is None or (tag := found.group(1).lower()) not in ELEMENTS:
                return None
            attributes: list[tuple[str, str | None]] = []
            for attribute in _ATTRIBUTE.finditer(found.group(2)):
                name, double, single = attribute.groups()
                value = double if double is not None else single  # None: no value at all
                attributes.append((name.lower(), unescape(value) if value else value))
            out.append(("startend" if found.group(3) else "start", tag, attributes))
            position = found.end()
    return out


class SearchParser(material_search.Parser):
    """Material's parser (9.x), with the tokens found by tokens() when it can, else by HTMLParser, and
    its three handlers written again to test tags as strings.

    Material keeps the open elements and the elements to skip as `Element`s, which compare and hash
    by tag, so that every piece of text asked a set for each open element through two Python calls:
    half the parser's time. Here the same questions are asked of their tags (`context_tags`,
    `skip_tags`): an element is skipped, or in a heading, or in `pre`, exactly when Material finds
    it so, tag for tag. Material feeds each page whole, once: a second feed goes to HTMLParser.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.skip_tags = {element if isinstance(element, str) else element.tag for element in self.skip}
        self.context_tags: list[str] = []
        self.smf_fed = False

    def feed(self, data: str) -> None:
        found = tokens(data) if not self.smf_fed else None
        self.smf_fed = True
        if found is None:
            HTMLParser.feed(self, data)
            return
        for kind, text, attributes in found:
            if kind == "data":
                self.handle_data(text)
            elif kind == "start":
                self.handle_starttag(text, attributes)
            elif kind == "end":
                self.handle_endtag(text)
            else:
                self.handle_startendtag(text, attributes)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        el = material_search.Element(tag, attrs)
        if tag in material_search.void:
            return
        self.context.append(el)
        self.context_tags.append(tag)

        if tag in _HEADINGS:
            depth = len(self.context)
            if "id" in attrs:
                if tag != "h1" and not self.data:
                    self.section = material_search.Section(material_search.Element("hx"), depth)
                    self.data.append(self.section)
                self.section = material_search.Section(el, depth)
                if self.data:
                    self.section.id = attrs["id"]
                self.data.append(self.section)

        if not self.section:
            self.section = material_search.Section(material_search.Element("hx"))
            self.data.append(self.section)

        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip_tags.add(tag)
                return

        if tag in self.keep and self.skip_tags.isdisjoint(self.context_tags):
            data = self.section.title if self.section.el.tag in self.context_tags else self.section.text
            data.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if not self.context or self.context[-1].tag != tag:
            return

        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break

        el = self.context.pop()
        self.context_tags.pop()
        if el.tag in self.skip_tags:
            if el.tag not in ("script", "style", "object"):
                self.skip_tags.remove(el.tag)
            return

        if tag in self.keep and self.skip_tags.isdisjoint(self.context_tags):
            data = self.section.title if self.section.el.tag in self.context_tags else self.section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skip_tags.isdisjoint(self.context_tags):
            return

        if "pre" not in self.context_tags:
            data = " " if data.isspace() else data.replace("\n", " ")

        if not self.section:
            self.section = material_search.Section(material_search.Element("hx"))
            self.data.append(self.section)

        if self.section.el.tag in self.context_tags:
            permalink = any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context)
            if not permalink:
                self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not self.section.text or not self.section.text[-1].isspace() or "pre" in self.context_tags:
                self.section.text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))


_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


def install() -> None:
    """Material's search reads pages with SearchParser from now on, in this process and those it forks."""
    material_search.Parser = SearchParser


# What Material's search takes out of each page once it has indexed it (SearchPlugin.on_page_context).
# The pattern's optional first character keeps Python's engine from looking for its text ahead: it
# tries the pattern at every character, 14 ms over a 1.7 MB list page, on every page of a build.
MATERIAL_STRIP = r"\s?data-search-\w+=\"[^\"]+\""
_ATTRIBUTE_TEXT = re.compile(r'data-search-\w+="[^"]+"')


def strip_search_attributes(html: str) -> str:
    """re.sub(MATERIAL_STRIP, "", html), by finding each attribute by its text: the same string, in a
    fifteenth of the time. The white space before an attribute goes with it, as there (Python's \\s
    is what str.isspace() says; a match ends with a quote, so it is never the one before the next)."""
    if "data-search-" not in html:
        return html
    parts, kept_from = [], 0
    for found in _ATTRIBUTE_TEXT.finditer(html):
        start = found.start()
        if start > kept_from and html[start - 1].isspace():
            start -= 1
        parts.append(html[kept_from:start])
        kept_from = found.end()
    parts.append(html[kept_from:])
    return "".join(parts)


def install_strip(plugins) -> None:
    """Have Material's search take its attributes out with strip_search_attributes, in `plugins` (a
    loaded MkDocs configuration's), if its on_page_context is the one this was written against."""
    search = plugins.get("material/search")
    original = getattr(search, "on_page_context", None)
    if search is None or original is None or not _is_material_context(type(search).on_page_context):
        return
    if original not in plugins.events["page_context"]:
        return

    def on_page_context(context, *, page, config, nav):
        if not search.config.enabled:
            return None
        search.search_index.add_entry_from_context(page)
        page.content = strip_search_attributes(page.content)
        return None

    replace_handler(plugins, "page_context", original, on_page_context)


def _is_material_context(function) -> bool:
    """Whether `function` is Material 9's SearchPlugin.on_page_context, which indexes the page and
    strips its attributes and does nothing else: the constants and names its code uses are those."""
    code = getattr(function, "__code__", None)
    return code is not None and code.co_consts == (None, MATERIAL_STRIP, "") and code.co_names == _MATERIAL_CONTEXT_NAMES


_MATERIAL_CONTEXT_NAMES = ("config", "enabled", "search_index", "add_entry_from_context", "re", "sub", "content")
