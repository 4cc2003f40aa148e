"""Text that the `smf new` templates (generator/templates/) put in a record for the editor to replace.

Left in a record, it would be published as if it were a fact, so `smf check` reports it with the
file, line and field, like any other problem. tests/test_cli.py checks that every placeholder the
templates write is listed here.
"""

from __future__ import annotations

PLACEHOLDERS = (
    "Title as published",
    "Name as the organization writes it",
    "Publisher as named on the source",
    "Everything above that is still a placeholder or commented out.",
    "https://example.org/replace-with-",
)


def placeholder_problem(text: str) -> str | None:
    """The diagnostic message for text that still holds a template placeholder, or None."""
    for placeholder in PLACEHOLDERS:
        if placeholder in text:
            return f"expected the record's own text in place of the template's placeholder, found {placeholder!r}"
    return None
