"""The case index's text filter matches without accents: what each row holds is folded as the filter's script folds the query."""

from __future__ import annotations

import dataclasses
import unicodedata

from hypothesis import given, strategies as st

from generator.render.pages import case_index


def _folded(text: str) -> str:
    """The rule, stated plainly: decompose, then drop the combining marks."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


@given(st.text())
def test_folding_drops_every_combining_mark_and_nothing_else(text: str):
    assert case_index._BEYOND_ASCII.sub(case_index._without_marks, unicodedata.normalize("NFD", text)) == _folded(text)


def test_a_row_is_found_by_a_name_typed_without_accents(mini_project):
    from generator.pipeline import check

    site = check(mini_project)
    case = site.case_studies["platform-labels"]
    renamed = dataclasses.replace(case, title="Étiquettes: Ångström's café")
    assert "etiquettes: angstrom's cafe" in case_index.search_text(renamed)
