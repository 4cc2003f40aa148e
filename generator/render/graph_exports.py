"""/data/graph.json and /data/graph.graphml: the whole typed graph, with each edge's evidence, for other tools.

Nodes come in kind order, then by id; edges by source, type, target: the same records give the
same bytes. Both are written from `site.graph`, like every page.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from ..graph import EDGE_TYPES, NODE_KINDS, Edge, edge_order, node_order
from ..model import AnyRecord, Site
from .. import urls

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("label", "string"), ("kind", "string"), ("url", "string"), ("cited_by", "int"), ("degree", "int"))
EDGE_KEYS = (("type", "string"), ("label", "string"), ("evidence", "string"))


def graph_json(site: Site) -> str:
    data = {
        "description": "The typed graph of relations between the site's records. URLs are relative to the site root.",
        "node_kinds": list(NODE_KINDS),
        "edge_types": EDGE_TYPES,
        "nodes": [_node_fields(site, r) for r in _nodes(site)],
        "edges": [
            {
                "source": e.source.id,
                "target": e.target.id,
                "type": e.type,
                "label": EDGE_TYPES[e.type],
                "evidence": [{"reference": c.reference.id, "note": c.note} for c in e.evidence],
            }
            for e in _edges(site)
        ],
    }
    # '<' as \u003c: the file stays valid JSON and can never close a <script> element it is pasted into.
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c") + "\n"


def graph_graphml(site: Site) -> str:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, type in keys:
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": f"{scope[0]}_{name}", "for": scope, "attr.name": name, "attr.type": type})
    body = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "smf", "edgedefault": "directed"})
    for record in _nodes(site):
        node = ET.SubElement(body, f"{{{GRAPHML_NS}}}node", {"id": record.id})
        fields = _node_fields(site, record)
        for name, _ in NODE_KEYS:
            _data(node, f"n_{name}", fields["title"] if name == "label" else fields[name])
    for number, edge in enumerate(_edges(site), 1):
        element = ET.SubElement(body, f"{{{GRAPHML_NS}}}edge", {"id": f"e{number}", "source": edge.source.id, "target": edge.target.id})
        _data(element, "e_type", edge.type)
        _data(element, "e_label", EDGE_TYPES[edge.type])
        _data(element, "e_evidence", "; ".join(c.reference.id + (f" ({c.note})" if c.note else "") for c in edge.evidence))
    ET.indent(root, space=" ")
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue().decode("utf-8") + "\n"


def _nodes(site: Site) -> list[AnyRecord]:
    return sorted(site.graph.nodes.values(), key=node_order)


def _edges(site: Site) -> list[Edge]:
    return sorted(site.graph.edges, key=edge_order)


def _node_fields(site: Site, record: AnyRecord) -> dict:
    graph = site.graph
    return {
        "id": record.id,
        "kind": record.kind,
        "title": record.title,
        "url": urls.url_of(record),
        "cited_by": graph.cited_by_count(record),
        "degree": graph.degree(record),
    }


def _data(parent: ET.Element, key: str, value: object) -> None:
    ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": key}).text = str(value)
