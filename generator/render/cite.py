"""'Cite this page' blocks and the site-wide bibliography exports (owned by issue 5)."""

from __future__ import annotations

from ..model import AnyRecord, Site


def cite_section(site: Site, record: AnyRecord, page: str) -> str:
    """Markdown for a record page: a suggested citation and a BibTeX entry, each with a copy button."""
    return ""
