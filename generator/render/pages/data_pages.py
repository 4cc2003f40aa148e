"""The page listing the downloads under /data/ (site.json, case-studies.csv, references.bib, …).

The listing is rendered last, from the files every renderer produced, so it shows each download
that exists (the graph exports included) with its real size. The files themselves are rendered by
the `downloads` package.
"""

from __future__ import annotations

import posixpath

from ...model import Site
from ..downloads import DATA
from ..structured_data import json_ld_text
from ..text import front_matter, inline

INDEX = DATA + "index.md"

# (media type, one-line description) of each download we know; the order is the order on the page.
DOWNLOADS = {
    "site.json": ("application/json", "Every record (the framework, stakeholder groups, recommendations, collections, tags, case studies, organizations, references), resolved: links between records are ids, dates keep their precision, and each record has its address here as `page_url`."),
    "case-studies.csv": ("text/csv", "One row per case study: organization, collection, date, role, status, practices and tags (ids joined with '; '), authors and lessons (one per line in the cell), summary, original address."),
    "references.bib": ("application/x-bibtex", "The bibliography in BibTeX, one entry per source, keyed `smf:references/<id>`; UTF-8."),
    "references.csl.json": ("application/vnd.citationstyles.csl+json", "The same bibliography in CSL-JSON, which Zotero, Mendeley and pandoc import."),
    "graph.json": ("application/json", "The citation graph: every record a node, every typed relation (cites, about, exercises, …) an edge."),
    "graph.graphml": ("application/graphml+xml", "The same graph in GraphML, for Gephi, Cytoscape or networkx."),
}
FALLBACK = ("application/octet-stream", "Generated from the records at each build.")


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def downloads(sizes: dict[str, int]) -> list[tuple[str, int]]:
    """(name, size in bytes) of every file directly under data/ except the page itself, known ones first."""
    found = {}
    for path, size in sizes.items():
        if path.startswith(DATA) and path != INDEX and "/" not in path[len(DATA):]:
            found[path[len(DATA):]] = size
    order = list(DOWNLOADS)
    return sorted(found.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]))


def _dataset_json_ld(site: Site, files: list[tuple[str, int]]) -> str:
    updated = [r.updated for r in site.all_records() if r.updated]
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": site.publication.permalink("data/"),
        "url": site.publication.permalink("data/"),
        "name": f"{site.publication.name}: data",
        "description": "The records behind this site as downloadable files: all records as JSON, the case studies as CSV, the bibliography as BibTeX and CSL-JSON, and the citation graph.",
        "creator": {"@type": "Organization", "name": site.publication.name, "url": site.publication.permalink("")},
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "name": name, "contentUrl": site.publication.permalink(DATA + name), "encodingFormat": DOWNLOADS.get(name, FALLBACK)[0], "contentSize": human_size(size)}
            for name, size in files
        ],
    }
    if updated:
        data["dateModified"] = max(updated, key=lambda d: d.sort_key).iso
    return json_ld_text(data)


def render_data_index(site: Site, sizes: dict[str, int]) -> str:
    """`sizes`: bytes of each file the renderers produced, by docs path."""
    listed = downloads(sizes)
    lines = [
        front_matter({"title": "Data", "description": "Every record of this site as downloadable files: JSON, CSV, BibTeX, CSL-JSON and the citation graph.", "json_ld": _dataset_json_ld(site, listed)}),
        "# Data\n",
        "The records behind every page, as files. They are generated from the same sources as the pages, "
        "at every build, so they always agree with what the site shows. Dates keep the precision of the "
        "sources: `2024-03` means March 2024, with the day unknown.\n",
        "| File | Size | What it holds |",
        "|---|---|---|",
    ]
    for name, size in listed:
        description = DOWNLOADS.get(name, FALLBACK)[1].replace("|", "\\|")
        lines.append(f"| [{inline(name)}]({posixpath.basename(name)}) | {human_size(size)} | {description} |")
    lines += [
        "",
        "## Citing",
        "",
        "Each case-study, organization and reference page, and the framework page, ends with a suggested "
        "citation and a BibTeX entry. BibTeX keys are the page's address on this site, such as "
        "`smf:case-studies/<id>`, and stay the same as long as the address does.",
        "",
    ]
    return "\n".join(lines)
