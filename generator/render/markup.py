"""Engine-specific markup the renderers share: blocks of finished HTML that skip Markdown.

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
indexes the same either way.
"""

from __future__ import annotations

from html import escape

OPEN = "<!--smf:html-->"
CLOSE = "<!--/smf:html-->"


def spliced_html(html: str) -> str:
    """A block of finished HTML, kept out of Markdown. Like any HTML block in Markdown, it must stand
    alone between blank lines (the caller places it, as it placed the HTML before)."""
    if "-->" in html or "--!>" in html or "<!--" in html:
        raise ValueError("a spliced HTML block may not contain HTML comments (the engine carries it inside one)")
    return f"{OPEN}\n{html}\n{CLOSE}"


def code_block_html(text: str, language: str) -> str:
    """A code block as `pymdownx.highlight` (without Pygments) writes a fenced block: same bytes."""
    return f'<pre class="highlight"><code class="language-{escape(language)}">{escape(text.rstrip(), quote=False)}</code></pre>'
