"""Downloads: the data files under /data/ (JSON, CSV, BibTeX, CSL-JSON, GraphML), built from the Site."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Site
from .bibtex import bibliography
from .case_csv import case_studies_csv
from .csl import csl_json
from .graph_exports import graph_graphml, graph_json
from .site_json import SCHEMA_FILE, site_json, site_schema_json

DATA = "data/"


def render_downloads(site: Site) -> Iterator[tuple[str, str]]:
    """(docs path, text) of each download, one at a time: each can be tens of megabytes on a large site."""
    yield DATA + "graph.json", graph_json(site)
    yield DATA + "graph.graphml", graph_graphml(site)
    yield DATA + "site.json", site_json(site)
    yield DATA + SCHEMA_FILE, site_schema_json(site)
    yield DATA + "case-studies.csv", case_studies_csv(site)
    yield DATA + "references.bib", bibliography(site)
    yield DATA + "references.csl.json", csl_json(site)
