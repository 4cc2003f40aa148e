"""'Cite this page': the suggested citation, BibTeX keys and escaping, and the block on every record page."""

from __future__ import annotations

import dataclasses
import json
import re

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator.load import load_sources
from generator.model import PartialDate, Publication
from generator.render.downloads.bibtex import citation_key, latex_text, name_list, page_entry, reference_entry
from generator.render.cite import apa_date, apa_person, cite_section, code_block, page_citation, reference_citation
from generator.resolve import build_site

from .conftest import MINI_SOURCES

PUBLICATION = Publication(name="Synthetic Media Framework Research", url="https://research.example/smf/")


def mini_site():
    loaded, problems = load_sources(MINI_SOURCES)
    assert problems == []
    return build_site(loaded, PUBLICATION)


@pytest.fixture(scope="module")
def site():
    return mini_site()


# pylatexenc reads \textasciicircum as U+02C6; LaTeX prints it as the ASCII '^' its name says.
_CONTEXT = get_default_latex_context_db()
_CONTEXT.add_context_category("latex-meaning", macros=[MacroTextSpec("textasciicircum", "^")], prepend=True)
DECODER = LatexNodes2Text(latex_context=_CONTEXT)


def parse_one(bibtex: str):
    library = bibtexparser.parse_string(bibtex)
    assert library.failed_blocks == []
    assert len(library.entries) == 1
    return library.entries[0]


def decoded(value: str) -> str:
    return DECODER.latex_to_text(value)


# --- the suggested citation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date, expected",
    [(None, "(n.d.)"), (PartialDate(2024), "(2024)"), (PartialDate(2024, 3), "(2024, March)"), (PartialDate(2024, 3, 19), "(2024, March 19)")],
)
def test_apa_date_shows_only_the_known_precision(date, expected):
    assert apa_date(date) == expected


def test_apa_person_gives_family_name_and_initials():
    assert apa_person("Claire R. Leibowicz") == "Leibowicz, C. R."
    assert apa_person("Jean-Paul Sartre") == "Sartre, J.-P."
    assert apa_person("Plato") == "Plato"


def test_page_citation_names_the_site_the_update_date_and_the_permanent_url(site):
    case = site.case_studies["studio-face-swap"]
    assert page_citation(site, case) == ("Synthetic Media Framework Research. (2026, November 29). How the studio swapped faces to protect interviewees. https://research.example/smf/case-studies/studio-face-swap/")


def test_page_citation_without_an_update_date_says_nd(site):
    org = dataclasses.replace(site.organizations["platform"], updated=None)
    assert "(n.d.)" in page_citation(site, org)


def test_reference_citation_puts_authors_first_and_the_publisher_after_the_title(site):
    ref = site.references["ref-secondary"]
    assert reference_citation(ref) == "Müller, A. (2024, March). News: 100% of {braces} & more. Example News. https://news.example/article"


def test_reference_citation_without_authors_uses_the_publisher_as_author(site):
    ref = site.references["ref-weak"]
    assert reference_citation(ref) == "Aggregator. (n.d.). An aggregator page. https://aggregator.example/page"


# --- BibTeX ------------------------------------------------------------------------------------------


def test_citation_key_is_the_page_address(site):
    assert citation_key(site.case_studies["studio-face-swap"]) == "smf:case-studies/studio-face-swap"
    assert citation_key(site.framework) == "smf:framework"
    assert citation_key(site.references["ref-primary"]) == "smf:references/ref-primary"


def test_page_entry_parses_with_key_site_author_and_permanent_url(site):
    entry = parse_one(page_entry(PUBLICATION, site.case_studies["studio-face-swap"]))
    assert entry.key == "smf:case-studies/studio-face-swap"
    assert entry.entry_type == "misc"
    assert decoded(entry["author"]) == "Synthetic Media Framework Research"
    assert entry["url"] == "https://research.example/smf/case-studies/studio-face-swap/"
    assert entry["year"] == "2026"
    assert entry["note"] == "Last updated 29 November 2026"


def test_reference_entry_of_the_fixture_title_with_percent_braces_and_ampersand_round_trips(site):
    ref = site.references["ref-secondary"]
    entry = parse_one(reference_entry(ref))
    assert decoded(entry["title"]) == "News: 100% of {braces} & more"
    assert decoded(entry["author"]) == "Ana Müller"
    assert entry["journal"] == "Example News"
    assert entry["date"] == "2024-03"


TITLE_CHARACTERS = st.one_of(
    st.sampled_from(list("&%{}#_$~^\\<>|-`'!?,.:;\"@=()[]/* ")),
    st.characters(categories=["Lu", "Ll", "Lo", "Nd"], exclude_characters="\u02c6"),
)


@settings(max_examples=300, deadline=None)
@given(title=st.text(TITLE_CHARACTERS, min_size=1, max_size=60).filter(str.strip))
def test_any_title_round_trips_through_bibtexparser(site, title):
    ref = dataclasses.replace(site.references["ref-secondary"], title=title)
    entry = parse_one(reference_entry(ref))
    assert decoded(entry["title"]) == " ".join(title.split())


@settings(max_examples=100, deadline=None)
@given(names=st.lists(st.text(TITLE_CHARACTERS, min_size=1, max_size=20).filter(lambda n: n.strip() and "," not in n), min_size=1, max_size=3))
def test_author_lists_keep_each_name_apart(names):
    value = name_list([" ".join(n.split()) for n in names])
    # BibTeX splits authors on ' and ' at brace depth 0 only.
    depth, parts, current = 0, [], ""
    for token in re.split(r"( and |[{}])", value):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        if token == " and " and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += token
    parts.append(current)
    assert len(parts) == len(names)


def test_latex_text_keeps_braces_balanced():
    text = latex_text("a { b } } { \\")
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


def test_url_with_percent_and_hash_is_written_as_is(site):
    ref = dataclasses.replace(site.references["ref-primary"], url="https://x.example/a_b%20c?d=1#e")
    assert parse_one(reference_entry(ref))["url"] == "https://x.example/a_b%20c?d=1#e"


# --- the block on the page ---------------------------------------------------------------------------


def test_code_fence_is_longer_than_any_backtick_run_in_the_text():
    block = code_block("a ```` b", "text")
    assert block.startswith("````` text\n") and block.rstrip().endswith("`````")


def test_cite_section_of_a_case_study_cites_the_original_first_then_the_summary_out_of_search(site):
    text = cite_section(site, site.case_studies["studio-face-swap"], "case-studies/studio-face-swap.md")
    assert text.startswith("## How to cite { #cite-this-page data-search-exclude }")
    original = text.index("### Cite the case study { #cite-the-case-study data-search-exclude }")
    summary = text.index("### Cite this summary { #cite-this-summary data-search-exclude }")
    assert original < summary
    # Finished code blocks (what Markdown made of a fenced block), spliced in after conversion.
    assert '<pre class="highlight"><code class="language-text">Doe, J., &amp; Roe, S. Q. (2024, March 19). Face swapping for privacy: the studio\'s case. Convener Org. https://example.org/cases/studio/' in text[original:summary]
    assert "@techreport{smf:references/ref-studio-case," in text[original:summary]
    assert "A PDF of it: <https://example.org/cases/studio.pdf>" in text[original:summary]
    assert '<pre class="highlight"><code class="language-text">Synthetic Media Framework Research. (2026, November 29).' in text[summary:]
    assert '<pre class="highlight"><code class="language-text">@misc{smf:case-studies/studio-face-swap,' in text[summary:]


def test_cite_section_of_a_reference_cites_the_source_and_links_the_bibliography(site):
    text = cite_section(site, site.references["ref-secondary"], "references/ref-secondary.md")
    assert "@article{smf:references/ref-secondary," in text
    assert "(../data/references.bib)" in text
    assert "https://research.example/smf/references/ref-secondary/" in text


RECORD_PAGES = ["framework", "case-studies/studio-face-swap", "organizations/studio", "references/ref-secondary"]


@pytest.mark.parametrize("page", RECORD_PAGES)
def test_built_record_page_has_cite_block_with_code_blocks(mini_site, page):
    html = (mini_site / page / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="cite-this-page"') :]
    assert len(re.findall(r"<pre[^>]*><code", section)) >= 2  # Material adds a copy button to each <pre><code> at view time
    assert "smf:" + page in section


def test_search_index_leaves_out_the_cite_blocks(mini_site):
    index = json.loads((mini_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["title"] + " " + doc["text"] for doc in index["docs"]]
    assert not [t for t in texts if "Suggested citation" in t or "@misc" in t or "Cite this page" in t]
