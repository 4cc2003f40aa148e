"""Markup that only MkDocs Material and the Markdown extensions it runs understand, in one place.

Everything else under render/ writes plain Markdown and plain HTML; what is here is the engine-specific
surface a move to another engine would have to redo:

- `data-search-exclude`: Material's search plugin leaves the element (or the heading's section) out;
- front matter `search: {boost: n}` (Material's search ranks the page higher) and `tags:` (Material's
  tags plugin lists the page under each tag, printing the names as given, so they are escaped here);
- md_in_html's `markdown` attribute: Markdown is read inside an HTML block (`markdown`) or inside an
  inline element only (`markdown="span"`);
- attr_list's `{ #id … }` after a heading, and the values that may go inside its braces.
- finished HTML blocks that skip Markdown (`spliced_html`), below.

Finished HTML that skips Markdown
---------------------------------

Engine-specific markup the renderers share: blocks of finished HTML that skip Markdown.

Python-Markdown reads every line it is given, even a block that is already HTML: it scans raw HTML
blocks with Python's HTML parser (twice, once for MkDocs' anchor check), and Material's search
plugin parses the converted page once more. A drawing is a quarter of a record page's bytes and was
about a third of the build. `spliced_html(html)` wraps such a block between two marker comments;
the `smf-splice` MkDocs plugin (generator/engine/plugins.py) takes it out of the Markdown before
conversion, leaves a one-line placeholder, and puts the block back into the finished page, so the
reader gets the same bytes. It also does what MkDocs would have done with the block:

- links written as links to Markdown files (`../organizations/bbc.md#x`, as in Markdown) become
  page addresses, exactly as MkDocs turns Markdown links into addresses, with the same checks;
- links already written as page addresses (`../../organizations/bbc/`) are checked against the
  pages and files of the site, and their anchors against the target page's ids;
- every `id` in the block counts as an anchor of the page (others may link to it).

So `--strict` keeps its power over these blocks. Without the plugin (an engine that ignores MkDocs
plugins), the markers are plain HTML comments and Markdown passes the block through as raw HTML.

A spliced block is not indexed by search: put `data-search-exclude` on it anyway, so that the page
indexes the same either way. A block made with `indexed=True` (lists of facts and of links, which
Markdown would only have turned into the same bytes) is put back before search reads the page, and
is indexed as the Markdown it replaces was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import urls
from ..model import AnyRecord
from . import escape

SEARCH_EXCLUDE = "data-search-exclude"
MARKDOWN = "markdown"  # md_in_html: the block's content is Markdown
MARKDOWN_SPAN = 'markdown="span"'  # md_in_html: the element's content is inline Markdown


def search_boost(factor: float) -> dict[str, Any]:
    """Front matter that ranks the page higher in Material's search."""
    return {"search": {"boost": factor}}


def page_tags(titles: Iterable[str]) -> dict[str, Any]:
    """Front matter for Material's tags plugin (None when there are none, so the key is left out)."""
    return {"tags": [escape.attr(title) for title in titles] or None}


def heading_attributes(anchor: str, search_exclude: bool = False) -> str:
    """attr_list after a heading: its anchor, and whether search skips its section."""
    return "{ #" + anchor + (f" {SEARCH_EXCLUDE}" if search_exclude else "") + " }"


def attr_list_value(text: str) -> str:
    """Text as an attr_list value: nothing that could end the quotes or the braces."""
    return "".join(ch for ch in text if ch not in '"{}\\<>&')


OPEN = "<!--smf:html-->"
INDEXED_OPEN = "<!--smf:html indexed-->"
CLOSE = "<!--/smf:html-->"


def spliced_html(html: str, *, indexed: bool = False) -> str:
    """A block of finished HTML, kept out of Markdown. Like any HTML block in Markdown, it must stand
    alone between blank lines (the caller places it, as it placed the HTML before). Search skips it,
    unless it is `indexed`."""
    if "-->" in html or "--!>" in html or "<!--" in html:
        raise ValueError("a spliced HTML block may not contain HTML comments (the engine carries it inside one)")
    return f"{INDEXED_OPEN if indexed else OPEN}\n{html}\n{CLOSE}"


def code_block_html(text: str, language: str) -> str:
    """A code block as `pymdownx.highlight` (without Pygments) writes a fenced block: same bytes."""
    return f'<pre class="highlight"><code class="language-{escape.attr(language)}">{escape.text(text.rstrip())}</code></pre>'


def record_link_html(page: str, record: AnyRecord, label: str | None = None) -> str:
    """A link to a record in finished HTML, the bytes MkDocs makes of Markdown's `[label](…)`: the
    record's page address, relative to `page`'s, which smf-splice checks against the site's pages
    and anchors. (A link to the Markdown file would give the same page through smf-splice, but
    would be broken in an engine without it.) On the record's own page the link is what Markdown
    writes there and MkDocs leaves alone: '' or '#anchor'. `label` defaults to the record's title;
    both are plain text."""
    href = urls.link(page, record) if urls.page_of(record) == page else urls.relative_url(page, record)
    return f'<a href="{escape.attr(href)}">{escape.text(record.title if label is None else label)}</a>'


def link_list_html(page: str, items: Iterable[tuple[AnyRecord, str]], *, indexed: bool = False) -> str:
    """A list of records as finished HTML, the bytes Markdown made of `- [title](…) (note)`.

    `items` are (record, note), the note plain text ('' for none). Search skips the list unless it
    is `indexed`.
    """
    lines = "\n".join(f"<li>{record_link_html(page, record)}" + (f" ({escape.text(note)})" if note else "") + "</li>" for record, note in items)
    return spliced_html(f"<ul>\n{lines}\n</ul>", indexed=indexed)


def fact_list_html(facts: Iterable[tuple[str, str | None]]) -> str:
    """A record's facts as finished HTML that search indexes, the bytes Markdown made of `- **Label:** value`.

    Each value is finished HTML (escape.text, record_link_html, url_link_html, text.date_html); a
    fact whose value is None or '' is left out.
    """
    items = "".join(f"<li><strong>{escape.text(label)}:</strong> {value}</li>\n" for label, value in facts if value)
    return spliced_html(f"<ul>\n{items}</ul>", indexed=True)


def url_link_html(url: str) -> str:
    """A web address shown as itself and linked, the bytes Markdown made of `<https://…>`."""
    return f'<a href="{escape.attr(url)}">{escape.text(url)}</a>'
