"""/data/graph.json and /data/graph.graphml: the whole typed graph, with each edge's evidence, for other tools.

Nodes come in kind order, then by id; edges by source, type, target: the same records give the
same bytes. Both are written from `site.graph`, like every page.

Both files are written a line at a time, one node or edge per line, rather than built as one
document tree first: at 10,000 case studies the graph has over 100,000 edges, and an ElementTree
or a nested dict of them took half a gigabyte before a byte was written.
"""

from __future__ import annotations

import functools

from ...graph import EDGE_TYPES, NODE_KINDS, Edge, edge_order, node_order
from ...model import AnyRecord, Site
from ... import urls
from ..escape import xml_attr, xml_text
from ..licence import DATA_LICENCE_URL
from ...line_memo import kept_lines
from . import json_lines

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("label", "string"), ("kind", "string"), ("url", "string"), ("cited_by", "int"), ("degree", "int"))
EDGE_KEYS = (("type", "string"), ("label", "string"), ("evidence", "string"))
GRAPH_KEYS = (("description", "string"), ("version", "string"), ("built", "string"), ("license", "string"))
DESCRIPTION = "The typed graph of relations between the site's records. Each node's url is its page on the site."


def graph_json(site: Site) -> str:
    """One JSON document; each node and each edge sits on a line of its own, so that diffs stay readable.

    A node's line, and the lines of the edges from one record, are kept from the last build while
    they are made from the same (line_memo.py): the edges from a record, and what they show (their
    type, the other end's id, the evidence), come from that record's own fields.
    """
    publication = site.publication
    with kept_lines("graph.json") as kept:

        def node(record: AnyRecord) -> json_lines.Encoded:
            made = kept.line(record.id, kept.made_from(record, *_counts(site, record)), functools.partial(_node_json, site, record))
            return json_lines.Encoded(made)

        def edges_from(source: AnyRecord, edges: list[Edge]) -> json_lines.Encoded:
            made = kept.line(f"{source.id}\0edges", kept.made_from(source), functools.partial(_edges_json, edges))  # ids hold no NUL
            return json_lines.Encoded(made)

        return json_lines.document(
            {
                "description": DESCRIPTION,
                "site": publication.permalink(""),
                "version": publication.version,
                "built": publication.built,
                "license": DATA_LICENCE_URL,
                "node_kinds": tuple(NODE_KINDS),
                "edge_types": EDGE_TYPES,
                "nodes": (node(r) for r in _nodes(site)),
                "edges": (edges_from(source, edges) for source, edges in _edges_by_source(site)),
            },
            _json,
        )


def _node_json(site: Site, record: AnyRecord) -> str:
    return _json(_node_fields(site, record))


def _edges_json(edges: list[Edge]) -> str:
    """The lines of `edges`, as the document's list of edges holds them one after another."""
    return json_lines.consecutive(
        [
            _json(
                {
                    "source": e.source.id,
                    "target": e.target.id,
                    "type": e.type,
                    "label": EDGE_TYPES[e.type],
                    "evidence": [{"reference": c.reference.id, "note": c.note} for c in e.evidence],
                }
            )
            for e in edges
        ]
    )


def _json(value) -> str:
    # '<' as \u003c: the file stays valid JSON and can never close a <script> element it is pasted into.
    if type(value) is json_lines.Encoded:
        return value
    return json_lines.encode(value).replace("<", "\\u003c")


def graph_graphml(site: Site) -> str:
    ns = xml_attr(GRAPHML_NS)
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f"<graphml xmlns={ns}>"]
    for scope, keys in (("graph", GRAPH_KEYS), ("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, type in keys:
            lines.append(f' <key id="{scope[0]}_{name}" for="{scope}" attr.name="{name}" attr.type="{type}" />')
    lines.append(' <graph id="smf" edgedefault="directed">')
    publication = site.publication
    for name, value in (("description", DESCRIPTION), ("version", publication.version), ("built", publication.built), ("license", DATA_LICENCE_URL)):
        lines.append(_data(f"g_{name}", value))
    # One string per node and per record's edges, not per line: a million small strings cost more
    # than the file. Kept from the last build as graph_json's are; an edge's id is its place in the
    # list, so a record's edges are kept only at the same place.
    with kept_lines("graph.graphml") as kept:
        for record in _nodes(site):
            lines.append(kept.line(record.id, kept.made_from(record, *_counts(site, record)), functools.partial(_graphml_node, site, record)))
        number = 1
        for source, edges in _edges_by_source(site):
            lines.append(kept.line(f"{number}\0{source.id}", kept.made_from(source), functools.partial(_graphml_edges, number, edges)))
            number += len(edges)
    lines += [" </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _graphml_node(site: Site, record: AnyRecord) -> str:
    fields = _node_fields(site, record)
    data = "\n".join(_data(f"n_{name}", fields["title"] if name == "label" else fields[name]) for name, _ in NODE_KEYS)
    return f"  <node id={xml_attr(record.id)}>\n{data}\n  </node>"


def _graphml_edges(first: int, edges: list[Edge]) -> str:
    out = []
    for number, edge in enumerate(edges, first):
        evidence = "; ".join(c.reference.id + (f" ({c.note})" if c.note else "") for c in edge.evidence)
        out.append(f'  <edge id="e{number}" source={xml_attr(edge.source.id)} target={xml_attr(edge.target.id)}>\n{_data("e_type", edge.type)}\n{_data("e_label", EDGE_TYPES[edge.type])}\n{_data("e_evidence", evidence)}\n  </edge>')
    return "\n".join(out)


def _nodes(site: Site) -> list[AnyRecord]:
    return sorted(site.graph.nodes.values(), key=node_order)


def _edges_by_source(site: Site) -> list[tuple[AnyRecord, list[Edge]]]:
    """The edges in their order, in runs from one record (they are ordered by source first)."""
    runs: list[tuple[AnyRecord, list[Edge]]] = []
    for edge in sorted(site.graph.edges, key=edge_order):
        if runs and runs[-1][0] is edge.source:
            runs[-1][1].append(edge)
        else:
            runs.append((edge.source, [edge]))
    return runs


def _node_fields(site: Site, record: AnyRecord) -> dict:
    cited_by, degree = _counts(site, record)
    return {
        "id": record.id,
        "kind": record.kind,
        "title": record.title,
        "url": site.publication.permalink(urls.url_of(record)),  # absolute: a downloaded file links back to the page
        "cited_by": cited_by,
        "degree": degree,
    }


def _counts(site: Site, record: AnyRecord) -> tuple[int, int]:
    """What a node shows that its record does not hold: how many records cite it, and its links."""
    return site.graph.cited_by_count(record), site.graph.degree(record)


def _data(key: str, value: object) -> str:
    text = str(value)
    return f'   <data key="{key}">{xml_text(text)}</data>' if text else f'   <data key="{key}" />'
