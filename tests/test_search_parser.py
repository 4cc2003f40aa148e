"""The engine's search parser divides a page into the sections Material's own parser does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine import search_parser

from .site_pages import searched_html, spliced_markdown


def sections(parser_class, html: str) -> list[tuple]:
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.is_excluded(), s.title, s.text) for s in parser.data]


def same_sections(html: str) -> bool:
    return sections(search_parser.MaterialParser, html) == sections(search_parser.SearchParser, html)


@pytest.fixture(scope="module")
def real_html(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return searched_html(spliced_markdown(tmp_path_factory.mktemp("search") / "project"))


def test_every_page_of_the_real_site_gives_the_sections_material_gives(real_html: list[str]):
    assert len(real_html) > 100
    different = [index for index, html in enumerate(real_html) if not same_sections(html)]
    assert different == []
    # and the pages were read by the fast tokenizer, not handed back to HTMLParser
    assert sum(search_parser.tokens(html) is None for html in real_html) == 0


SAMPLES = [
    '<h1 id="title">Title<a class="headerlink" href="#title">¶</a></h1>\n<p>Lead &amp; more, &lt;b&gt; &copy; &#169;</p>',
    '<p>Before any heading</p><h2 id="a">A <em>b</em></h2><ul>\n<li>one</li>\n<li> </li>\n</ul><pre><code>x\n  y</code></pre>',
    '<h2 id="x" data-search-exclude="smf">Hidden</h2><p>gone</p><h2 id="y">Shown</h2><p>kept</p>',
    "<div data-search-exclude><p>skipped</p><div><p>also skipped</p></div></div><p>after</p>",
    '<div class="linenodiv"><pre>1\n2</pre></div><p>text</p><br><br/><img src="a.png" alt="x"/><hr>',
    '<!--smf:spliced\n<figure class="smf-graph smf-e--by"><svg><title>x</title></svg></figure>\n/smf:spliced--><p>after</p>',
    "<P CLASS='Upper'>Upper <B>case</B></P><p title=\"a &amp; b\" hidden data-x=''>attributes</p>",
    '<section><h3 id="nested">Nested</h3><p>in</p></section><p>out of the section</p>',
    "<p>a stray < sign and a > sign</p>",  # HTMLParser reads this; the tokenizer hands it over
    '<script>var x = "<p>not text</p>";</script><p>after a script</p>',
    "<p>unquoted <a href=x.html>link</a></p><!DOCTYPE html><?pi?>",
    "<p>comment <!-- a -- > b --> end</p><!-- x --!> y -->",
    "<p>tail with an &amp",
    '<p\u00a0class="x">no-break space</p><p>&nbsp;text</p>',
    "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td><sup>1</sup><sub>2</sub></td></tr></tbody></table>",
]


@pytest.mark.parametrize("html", SAMPLES)
def test_made_up_html_gives_the_sections_material_gives(html: str):
    assert same_sections(html)


def test_what_the_tokenizer_cannot_read_exactly_goes_to_htmlparser():
    for html in ("<p>a < b</p>", "<script>x</script>", "<a href=x>y</a>", "<!-- a -- > b -->", "<!--->", "<title>t</title>", '<p\u00a0class="x">'):
        assert search_parser.tokens(html) is None, html
    assert search_parser.tokens('<p class="a">x &amp; y</p><!-- c -->') == [("start", "p", [("class", "a")]), ("data", "x & y", None), ("end", "p", None)]


PIECES = [
    "text",
    " ",
    "\n",
    "  ",
    "&amp;",
    "&lt;",
    "&copy",
    "&#169;",
    "<p>",
    "</p>",
    '<h1 id="t">',
    "</h1>",
    '<h2 id="a">',
    "<h2>",
    "</h2>",
    '<h3 id="b" data-search-exclude="smf">',
    "</h3>",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    '<a class="headerlink" href="#a">',
    '<a href="x">',
    "</a>",
    "<div data-search-exclude>",
    '<div class="linenodiv">',
    "<div>",
    "</div>",
    "<br>",
    "<br/>",
    '<img src="x" alt="y"/>',
    "<em>",
    "</em>",
    "<sup>",
    "</sup>",
    "<!-- c -->",
    "<!-- a--b -->",
    "<!-->",
    "<",
    ">",
    "<script>",
    "</script>",
    "<object>",
    "</object>",
    "<P>",
    "</P >",
    "<a href=x>",
    "<span hidden>",
    "</span>",
    "<section>",
    "</section>",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_mix_of_tags_gives_the_sections_material_gives(html: str):
    assert same_sections(html)


# What search takes out of a page once it has indexed it: Material's re.sub, found faster.

STRIP_PIECES = [
    'data-search-exclude="smf"',
    'data-search-exclude="x y"',
    "data-search-exclude",
    'data-search-="1"',
    'data-search-a_b="2"',
    'data-search-x=""',
    'data-search-é="3"',
    " ",
    "\n",
    "\t",
    "\u00a0",
    "\u2003",
    "\x1c",
    "<p ",
    ">",
    '"',
    "=",
    "text",
    "data-",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(STRIP_PIECES), max_size=25).map("".join))
def test_the_attributes_are_taken_out_as_material_takes_them_out(html: str):
    import re

    assert search_parser.strip_search_attributes(html) == re.sub(search_parser.MATERIAL_STRIP, "", html)


def test_every_page_of_the_real_site_is_stripped_as_material_strips_it(real_html: list[str]):
    import re

    marked = [html.replace("<h2", '<h2 data-search-exclude="smf"') for html in real_html]
    assert all(search_parser.strip_search_attributes(html) == re.sub(search_parser.MATERIAL_STRIP, "", html) for html in marked)


def test_the_strip_stands_in_for_materials_only_while_its_method_is_the_one_it_was_written_against():
    from material.plugins.search.plugin import SearchPlugin

    assert search_parser._is_material_context(SearchPlugin.on_page_context)

    def other(self, context, *, page, config, nav):
        page.content = page.content.upper()

    assert not search_parser._is_material_context(other)
