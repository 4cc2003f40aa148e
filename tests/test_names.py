"""One reading of people's names for every citation format (render/names.py)."""

from __future__ import annotations

import pytest

from generator.render.cite import apa_person
from generator.render.downloads.csl import csl_name
from generator.render.names import split_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Claire R. Leibowicz", ("Claire R.", "Leibowicz")),
        ("Jean-Paul Sartre", ("Jean-Paul", "Sartre")),
        ("Leibowicz, Claire", ("Claire", "Leibowicz")),  # BibTeX's 'Last, First'
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),  # a particle belongs to the family name
        ("danah boyd", ("danah", "boyd")),  # all lowercase: split at the last word
        ("Plato", None),
        ("  Plato  ", None),
    ],
)
def test_split_name(name: str, expected: tuple[str, str] | None) -> None:
    assert split_name(name) == expected


def test_apa_and_csl_read_a_name_the_same_way() -> None:
    for name in ("Ludwig van Beethoven", "Leibowicz, Claire R.", "Jean-Paul Sartre"):
        given, family = split_name(name) or ("", "")
        assert csl_name(name) == {"family": family, "given": given}
        assert apa_person(name).startswith(family + ", ")
    assert apa_person("Ludwig van Beethoven") == "van Beethoven, L."
    assert csl_name("Plato") == {"literal": "Plato"}


def test_a_stray_brace_is_text_not_an_error() -> None:
    assert split_name("Ana {Lopez") == ("Ana", "{Lopez")
