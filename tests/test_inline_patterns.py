"""The inline pass that skips patterns which cannot match gives the HTML Python-Markdown's own gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine import inline_patterns

from .site_pages import site_markdown, spliced_markdown


def convert_both(texts: list[str]) -> tuple[list[str], list[str]]:
    out = []
    for skipping in (False, True):
        md = site_markdown(skipping)
        converted = []
        for text in texts:
            md.reset()
            converted.append(md.convert(text))
        out.append(converted)
    return out[0], out[1]


def test_every_inline_pattern_of_the_site_is_known_so_none_is_tried_in_vain():
    """A Python-Markdown that changes a pattern's expression still converts right (the pattern is
    tried in full), but slowly: this says which pattern to look at again."""
    md = site_markdown(skipping=True)
    known = inline_patterns.needs_of(md)
    names = [name for name in inline_patterns.NEEDS if name in md.inlinePatterns]
    unknown = [name for name in names if id(md.inlinePatterns[name]) not in known]
    assert unknown == [] and len(known) == len(list(md.inlinePatterns))
    assert isinstance(md.treeprocessors["inline"], inline_patterns.SkippingInlineProcessor)


def test_a_markdown_whose_registry_hides_its_priorities_keeps_its_own_inline_pass(monkeypatch: pytest.MonkeyPatch):
    md = site_markdown(skipping=False)
    monkeypatch.setattr(md.treeprocessors, "_priority", [])
    inline_patterns.install(md)
    assert type(md.treeprocessors["inline"]) is not inline_patterns.SkippingInlineProcessor


def test_a_pattern_registered_after_the_install_is_tried():
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md = site_markdown(skipping=True)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 5)
    assert "<del>gone</del>" in md.convert("Some ~~gone~~ text.")


SAMPLES = [
    "Plain prose with nothing special in it at all.",
    "A [link](https://example.org/a_b) and ![an image](x.png) and [a reference][r].\n\n[r]: https://example.org/r",
    "Code `with * and _ inside` and ``double `tick` `` and an escaped \\*star\\* and \\\\`not code`.",
    'An <https://example.org/auto> link, <someone@example.org>, and raw <span class="x">HTML</span>.',
    "Entities &amp; &#169; &#x2014; and a bare & and a < sign.",
    "*em*, **strong**, ***both***, _under_, __double__, snake_case_name and * lonely star.",
    "Only _underscores_ here, __strong__ and a snake_case_name.",
    "See [the report][r] and [r][] and [r] with no parenthesis anywhere.\n\n[r]: https://example.org/r",
    "A line break  \nafter two spaces, and a hard one at the end  ",
    "- a list with [links](other.md#part) and `code`\n- and **bold** [text][missing]\n",
    "# Heading with *em* {#anchor}\n\n| a | b |\n|---|---|\n| *x* | [y](z) |\n",
    '<div class="smf-lead" id="summary" markdown>\n\nLead with [a link](a.md) and **strong**.\n\n</div>\n',
    "Nested *emphasis with a [link *inside*](x) and `code`* and [![img](a.png)](b).",
]


def test_tricky_texts_convert_the_same_both_ways():
    plain, skipping = convert_both(SAMPLES)
    assert skipping == plain


# Pieces of markup, whole and broken, so that random texts often hold a match of each pattern alone.
PIECES = [
    "a",
    "b c",
    " ",
    "\n",
    "  \n",
    "\n\n",
    "*",
    "_",
    "**",
    "[",
    "]",
    "(",
    ")",
    "!",
    "<",
    ">",
    "&",
    ";",
    "#",
    "`",
    "\\",
    "*e*",
    "_u_",
    "__s__",
    "`code`",
    "[l](u)",
    "[r][x]",
    "![i](p.png)",
    "<b>",
    "</b>",
    "<!-- c -->",
    "&amp;",
    "&#169;",
    "<https://e.org/x>",
    "<x@y.org>",
    "{#id}",
    "- ",
    "1. ",
    "> ",
    "    ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), min_size=1, max_size=4))
def test_any_mix_of_markup_converts_the_same_both_ways(pieces: list[str]):
    plain, skipping = convert_both(pieces)
    assert skipping == plain


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return [text for text, _ in spliced_markdown(tmp_path_factory.mktemp("inline") / "project")]


def test_every_page_of_the_real_site_converts_the_same_both_ways(real_pages: list[str]):
    assert len(real_pages) > 100
    plain, skipping = convert_both(real_pages)
    different = [index for index, (a, b) in enumerate(zip(plain, skipping, strict=True)) if a != b]
    assert different == []
