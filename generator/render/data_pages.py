"""Downloads under /data/ (site.json, case-studies.csv, references.bib, …) and the page listing them (issue 5)."""

from __future__ import annotations

from ..model import Site


def render_data_files(site: Site) -> dict[str, str]:
    return {}
