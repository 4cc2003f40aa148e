"""Downloads: the data files under /data/ (JSON, CSV, BibTeX, CSL-JSON, GraphML), built from the Site."""

from __future__ import annotations

from collections.abc import Callable

from ...model import Site
from .bibtex import bibliography
from .case_csv import case_studies_csv
from .csl import csl_json
from .graph_exports import graph_graphml, graph_json
from .site_json import SCHEMA_FILE, site_json, site_schema_json

DATA = "data/"


# (docs path, what renders it) of each download, the slowest first. Each can be tens of megabytes on a large site.
DOWNLOADS: tuple[tuple[str, Callable[[Site], str]], ...] = (
    (DATA + "graph.json", graph_json),
    (DATA + "site.json", site_json),
    (DATA + "graph.graphml", graph_graphml),
    (DATA + "case-studies.csv", case_studies_csv),
    (DATA + "references.csl.json", csl_json),
    (DATA + "references.bib", bibliography),
    (DATA + SCHEMA_FILE, site_schema_json),
)
