"""The page listing the downloads under /data/ (site.json, case-studies.csv, references.bib, …).

The listing is rendered last, from the files every renderer produced, so it shows each download
that exists (the graph exports included) with its real size. The files themselves are rendered by
the `downloads` package.
"""

from __future__ import annotations

import posixpath

from ...model import PartialDate, Site
from ..cite import apa_date, code_block
from ..downloads import DATA
from ..downloads.bibtex import date_fields, format_entry, latex_text, latex_url
from ..downloads.site_json import SECTION_MEANINGS, TYPES, fields_of
from ..feed import FEED_PATH
from ..licence import DATA_LICENCE_NAME, DATA_LICENCE_TITLE, DATA_LICENCE_URL
from ..markup import MARKDOWN, heading_attributes
from ..structured_data import json_ld_text
from ..text import front_matter, inline

INDEX = DATA + "index.md"

# (media type, one-line description) of each download we know; the order is the order on the page.
DOWNLOADS = {
    "site.json": (
        "application/json",
        "Every record (the framework, stakeholder groups, recommendations, collections, tags, case studies, organizations, references), resolved: links between records are ids, dates keep their precision, and each record has its address here as `page_url`. Its fields are listed below.",
    ),
    "site.schema.json": ("application/schema+json", "The JSON Schema of site.json, for checking a copy or generating code to read it."),
    "case-studies.csv": ("text/csv", "One row per case study: organization, collection, date, role, status, practices and tags (ids joined with '; '), authors and lessons (one per line in the cell), summary, original address."),
    "references.bib": ("application/x-bibtex", "The bibliography in BibTeX, one entry per source, keyed `smf:references/<id>`; UTF-8."),
    "references.csl.json": ("application/vnd.citationstyles.csl+json", "The same bibliography in CSL-JSON, which Zotero, Mendeley and pandoc import."),
    "graph.json": ("application/json", "The citation graph: every record a node, every typed relation (cites, about, exercises, …) an edge."),
    "graph.graphml": ("application/graphml+xml", "The same graph in GraphML, for Gephi, Cytoscape or networkx."),
}
# The CSV's columns: (type, meaning), in the file's order; a test checks every column is here.
CSV_COLUMNS = {
    "id": ("id", "The case study's stable id; also the last part of its page address."),
    "title": ("text", "Its title, as published where known."),
    "organization": ("id", "The organization whose practice it describes."),
    "organization_name": ("text", "That organization's name."),
    "collection": ("id", "The collection it was published in."),
    "collection_title": ("text", "That collection's title."),
    "published": ("date or empty", "When it was published: YYYY, YYYY-MM or YYYY-MM-DD, as precisely as the sources say."),
    "role": ("text or empty", "The organization's role: builder, creator, distributor or analysis."),
    "status": ("text", "confirmed, partial (some facts unknown) or unverified (seen only in weak sources)."),
    "practices": ("ids joined with '; '", "Recommendations it exercises."),
    "practice_titles": ("text, one per line", "Their titles, in the same order."),
    "tags": ("ids joined with '; '", "Topics."),
    "authors": ("text, one per line", "Its authors, when known."),
    "summary": ("Markdown text", "A summary in this site's words."),
    "lessons": ("text, one per line", "Lessons it draws, in this site's words."),
    "original_url": ("URL or empty", "The address of the case study as published."),
    "references": ("ids joined with '; '", "The sources behind the record."),
    "updated": ("date or empty", "When the record was last checked against its sources."),
    "page_url": ("URL", "The case study's page on this site."),
    "data_version": ("text", "The version of the records this file was built from (a git commit), or empty when unknown."),
    "data_built": ("date", "The day this file was built."),
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
        if path.startswith(DATA) and path != INDEX and "/" not in path[len(DATA) :]:
            found[path[len(DATA) :]] = size
    order = list(DOWNLOADS)
    return sorted(found.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]))


def data_modified(site: Site) -> PartialDate | None:
    """The latest `updated` date of any record: when the data last changed."""
    updated = [r.updated for r in site.all_records() if r.updated]
    return max(updated, key=lambda d: d.sort_key) if updated else None


DATASET_DESCRIPTION = (
    "The records behind a sourced research site about the Partnership on AI's Responsible Practices for Synthetic Media: "
    "the framework, its recommendations, supporters, case studies and the publications about it, as JSON (with a JSON Schema), "
    "CSV, BibTeX, CSL-JSON and a citation graph in JSON and GraphML."
)


def dataset_title(site: Site) -> str:
    return f"{site.publication.name}: data"


def _dataset_json_ld(site: Site, files: list[tuple[str, int]]) -> str:
    publication = site.publication
    creator = {"@type": "Organization", "name": publication.name, "url": publication.permalink("")}
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": publication.permalink(DATA),
        "url": publication.permalink(DATA),
        "name": dataset_title(site),
        "description": DATASET_DESCRIPTION,
        "creator": creator,
        "publisher": creator,
        "license": DATA_LICENCE_URL,
        "isAccessibleForFree": True,
        "inLanguage": "en",
        "isBasedOn": {"@type": "CreativeWork", "name": site.framework.title, "url": site.framework.url},
        "distribution": [{"@type": "DataDownload", "name": name, "contentUrl": publication.permalink(DATA + name), "encodingFormat": DOWNLOADS.get(name, FALLBACK)[0], "contentSize": human_size(size)} for name, size in files],
    }
    if publication.version:
        data["version"] = publication.version
    modified = data_modified(site)
    if modified:
        data["dateModified"] = modified.iso
    return json_ld_text(data)


def dataset_citation(site: Site) -> str:
    """APA's form for a data set: author, date, title, version, [Data set], address."""
    publication = site.publication
    version = f" (Version {publication.version})" if publication.version else ""
    return f"{publication.name}. {apa_date(data_modified(site))}. {dataset_title(site)}{version} [Data set]. {publication.permalink(DATA)}"


def dataset_entry(site: Site) -> str:
    publication = site.publication
    modified = data_modified(site)
    fields = [
        ("title", "{" + latex_text(dataset_title(site)) + "}"),
        ("author", "{" + latex_text(publication.name) + "}"),
        *date_fields(modified),
        ("version", latex_text(publication.version) if publication.version else None),
        ("url", latex_url(publication.permalink(DATA))),
        ("note", latex_text(f"Data set, licensed {DATA_LICENCE_NAME}")),
    ]
    return format_entry("misc", "smf:data", fields)


def _dictionary() -> list[str]:
    lines = ["## Data dictionary { #data-dictionary }", "", "### site.json { #site-json }", ""]
    lines.append("One object with a section per kind of record. Each section is a list of records, except `site` and `framework`, which are single objects. Every field is always present; an unknown value is `null` or an empty list.")
    for section, meaning in SECTION_MEANINGS.items():
        lines += ["", f"#### `{section}` {{ #fields-{section.replace('_', '-')} }}", "", meaning, "", "| Field | Type | Meaning |", "|---|---|---|"]
        for field in fields_of(section):
            lines.append(f"| `{field.name}` | {TYPES[field.type][0]} | {field.meaning.replace('|', '&#124;')} |")
    lines += ["", "### case-studies.csv { #case-studies-csv }", "", "One row per case study, newest first; UTF-8 with a header row. Empty cells are unknown values.", "", "| Column | Type | Meaning |", "|---|---|---|"]
    lines += [f"| `{name}` | {kind} | {meaning} |" for name, (kind, meaning) in CSV_COLUMNS.items()]
    return lines


def render_data_index(site: Site, sizes: dict[str, int]) -> str:
    """`sizes`: bytes of each file the renderers produced, by docs path."""
    listed = downloads(sizes)
    publication = site.publication
    built = f"on {publication.built}" if publication.built else "at an unrecorded date"
    version = f"version `{publication.version}`" if publication.version else "an unrecorded version"
    lines = [
        front_matter({"title": "Data", "description": "Every record of this site as downloadable files: JSON, CSV, BibTeX, CSL-JSON and the citation graph, under CC BY 4.0.", "json_ld": _dataset_json_ld(site, listed)}),
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
        "## Version { #version }",
        "",
        f"These files were built {built}, from {version} of the records. Each file says so too: `site.json` in its `site` "
        "section, the CSV in its last two columns, the BibTeX file in its opening comment, the CSL-JSON in each item's "
        "`custom` field, and the graph files at their top.",
        "",
        "## Licence { #licence }",
        "",
        f"The records, the summaries in this site's words and every file above are published under the [{DATA_LICENCE_TITLE} licence]({DATA_LICENCE_URL}) "
        f"({DATA_LICENCE_NAME}). You may copy, adapt and republish them, commercially too, provided you credit this site, for example with "
        "the citation below, and link the licence. It was chosen because it asks of a reuser no more than a citation already gives, "
        "and because data portals and dataset search engines recognise it by name. The sources the records cite keep their own terms: "
        "quote them under those.",
        "",
        f"## Cite this dataset {heading_attributes('cite-this-dataset', search_exclude=True)}",
        "",
        f'<div class="smf-cite" {MARKDOWN}>',
        "",
        "Suggested citation:",
        "",
        code_block(dataset_citation(site), "text"),
        "BibTeX:",
        "",
        code_block(dataset_entry(site), "text"),
        "</div>",
        "",
        "## Citing a page",
        "",
        "Each case-study page and the framework page first cite the original work they summarize, as its publisher "
        "published it, and then this site's summary. Reference pages cite the source itself; organization pages cite the page. "
        "BibTeX keys are addresses on this site, such as `smf:case-studies/<id>`, and stay the same as long as the address does.",
        "",
        "## Following new case studies",
        "",
        f"New and updated case studies and publications appear in the site's [Atom feed](../{FEED_PATH}), which any feed reader can follow.",
        "",
        *_dictionary(),
        "",
    ]
    return "\n".join(lines)
