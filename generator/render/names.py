"""People's names, split once for every citation format (APA text, CSL-JSON), as BibTeX reads them.

pybtex parses a name the way BibTeX does: 'First Middle Last', 'Last, First', and lowercase
particles ('Ludwig van Beethoven': family name 'van Beethoven'). A name it reads as having no given
name although it has several words ('danah boyd', all lowercase) is split at its last word instead.
"""

from __future__ import annotations

from pybtex.database import Person
from pybtex.errors import set_strict_mode

set_strict_mode(False)  # a stray brace in a name is kept as text, not raised


def split_name(name: str) -> tuple[str, str] | None:
    """(given names, family name), or None for a name of one word (an organization, 'Plato')."""
    words = name.split()
    if len(words) < 2 and "," not in name:
        return None
    person = Person(" ".join(words))
    given = " ".join(person.first_names + person.middle_names)
    family = " ".join(person.prelast_names + person.last_names + person.lineage_names)
    if not given or not family:
        if "," in name or len(words) < 2:
            return None
        given, family = " ".join(words[:-1]), words[-1]
    return given, family
