"""Problems found in the records, in the one format editors read: `path:line:column: error: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.field}: {self.message}"


class RecordError(Exception):
    """Raised when the records cannot be turned into a site; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def describe_value(value: object) -> str:
    """A short, quoted rendering of a value for 'found …' in messages."""
    kind = {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }.get(type(value), type(value).__name__)
    if isinstance(value, (list, dict)):
        return kind
    if isinstance(value, int) and value.bit_length() > 64:
        # repr() of an int with more than 4,300 digits raises; nobody reads them anyway
        return f"{kind} with {value.bit_length():,} bits"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{kind} {text}" if value is not None else kind


class BuildFailed(Exception):
    """MkDocs failed on the generated pages; the message says where, in the records' terms."""


class PublishError(Exception):
    """A fault while writing or swapping in the site (disk full, read-only, …); the message is one line."""


class UnsafeOutputError(Exception):
    """The docs folder holds files smf did not write: it refuses to write into it."""
