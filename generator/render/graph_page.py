"""The citation graph: /graph/ and each record's neighbourhood (owned by the graph work, issue 4)."""

from __future__ import annotations

from ..model import AnyRecord, Site


def render_graph_pages(site: Site) -> dict[str, str]:
    """Pages and files for the whole network (e.g. graph.md, data/graph.json)."""
    return {}


def local_graph_section(site: Site, record: AnyRecord, page: str) -> str:
    """Markdown for a record page: its one- or two-hop neighbourhood, with a text alternative."""
    return ""
