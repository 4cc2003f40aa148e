"""The engine's front-matter reader gives exactly what MkDocs' own gives, for the front matter the
generator writes and for any other text, and takes its fast path for every page the generator writes."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta

from generator.engine import front_matter
from generator.pipeline import generate
from generator.render.text import front_matter as write_front_matter
from tests.conftest import make_project

KEYS = st.sampled_from(["title", "description", "tags", "search", "json_ld", "citation_meta", "edit_url", "on", "No", "hide", "x-y", "_k"])
TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(["1e+20", "yes", "~", "\u2028", "\x85", "\ufeff", "a: b", "# c", "\\ud83d", "---", "..."])
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12)
BODY = st.sampled_from(["# Title\n\nText.\n", "", "\n\nText\n---\nmore\n"])


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=6), BODY)
@example({"title": "A", "search": {"boost": 2}, "tags": ["Research"]}, "# A\n")
@example({"json_ld": {"x" * 1100: 1}}, "")
@example({"description": "line\u2028separator"}, "")
@example({"title": 1e20}, "")
def test_generated_front_matter_reads_as_mkdocs_reads_it(fields, body):
    source = write_front_matter(fields) + body
    assert front_matter.get_data(source) == meta.get_data(source)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=30)), max_size=5), BODY)
@example([("title", '"\\ud83d\\ude00"')], "")
@example([("title", '"a"'), ("title", '"b"')], "")
@example([("title", "[1,\t2]")], "")
@example([("yes", '"a"')], "")
def test_any_front_matter_reads_as_mkdocs_reads_it(lines, body):
    source = "---\n" + "".join(f"{key}: {value}\n" for key, value in lines) + "---\n" + body
    assert front_matter.get_data(source) == meta.get_data(source)


def test_pages_the_generator_writes_take_the_fast_path(tmp_path):
    """Every generated record page is read without YAML (else the engine pays for it again)."""
    project = make_project(tmp_path / "real")
    generate(project)
    built_docs, read = project.docs, 0
    for page in built_docs.rglob("*.md"):
        source = page.read_text(encoding="utf-8")
        found = meta.YAML_RE.match(source)
        if found is None or page.relative_to(built_docs).parts[0] not in ("case-studies", "organizations", "references", "recommendations"):
            continue
        assert front_matter._json_lines(found.group(1)) is not None, page
        assert front_matter.get_data(source) == meta.get_data(source)
        read += 1
    assert read > 50


PIECES = st.lists(st.sampled_from(["---", "...", "-", ".", " ", "\t", "\n", "\r", "a: 1", "x", "\u2028", "--- ", ".... "]), max_size=16).map("".join)


@settings(max_examples=600, deadline=None)
@given(PIECES)
@example("---\n---\n")
@example("---\n\n---\n")
@example("--- \t\na: 1\n... \nbody")
@example("----\na\n---\n")
def test_the_front_matter_block_is_the_one_mkdocs_pattern_finds(text):
    found = meta.YAML_RE.match(text)
    assert front_matter.front_block(text) == (None if found is None else (found.group(1), found.end()))


@settings(max_examples=600, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=30) | st.lists(st.sampled_from(["a", " ", "\n", "\t", "\x7f", "\x1f", "\\u", "d", "D", "8", "c", "\\ud83d", "é", "\u2028", "\ufeff", "\x85"]), max_size=10).map("".join))
@example("\\uD800")
@example("\\udc00x")
@example("\\u00e9")
def test_special_characters_are_found_where_the_pattern_finds_them(text):
    assert front_matter.has_yaml_special(text) == (front_matter._YAML_SPECIAL.search(text) is not None)
