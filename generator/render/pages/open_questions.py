"""/open-questions/: every gap in the records, grouped by kind, so a researcher can pick one and know what to look for."""

from __future__ import annotations

from ...kinds import KIND_LIST
from ...model import AnyRecord, Site
from ... import urls
from ..text import STATUS_LABELS, citation_inline, front_matter, inline, markdown_text

PAGE = "open-questions.md"
GROUPS = tuple((kind.name, kind.heading) for kind in KIND_LIST if kind.name != "tag")  # tags have no status


def has_gap(record: AnyRecord) -> bool:
    return record.status != "confirmed" or bool(record.missing)


def render_open_questions(site: Site) -> str:
    records = site.all_records()
    gaps = [r for r in records if has_gap(r)]
    conflicts = [(r, c) for r in records for c in r.conflicts]
    counts = {status: sum(1 for r in records if r.status == status) for status in STATUS_LABELS}
    out = [
        front_matter({"title": "Open questions", "description": f"{len(gaps)} records with unknown facts and {len(conflicts)} conflicts between sources."}),
        "# Open questions\n\n",
        f"Of {len(records)} records, {counts['confirmed']} are confirmed, {counts['partial']} partial and "
        f"{counts['unverified']} unverified. {len(gaps)} records list facts that are still unknown, and sources "
        f"disagree in {len(conflicts)} places. Each item below names the fact to look for; the record page shows what is known.\n\n",
    ]
    out.append("## Conflicts between sources {#conflicts}\n\n")
    if conflicts:
        for record, conflict in conflicts:
            sources = "; ".join(citation_inline(c, PAGE) for c in conflict.citations)
            out.append(f"- **{inline(conflict.about)}** ([{inline(record.title)}]({urls.link(PAGE, record)})): {markdown_text(conflict.description)} Sources: {sources}.\n")
        out.append("\n")
    else:
        out.append("None recorded.\n\n")
    for kind, heading in GROUPS:
        group = sorted((r for r in gaps if r.kind == kind), key=lambda r: (r.status == "confirmed", r.title.lower()))
        out.append(f"## {heading} ({len(group)}) {{#{kind}}}\n\n")
        if not group:
            out.append("No open questions.\n\n")
            continue
        for record in group:
            out.append(f"### [{inline(record.title)}]({urls.link(PAGE, record)})\n\n")
            out.append(f"Status: **{STATUS_LABELS[record.status]}**. Record file: `{record.source_path}`.\n\n")
            if record.missing:
                out.append("Still unknown:\n\n" + "".join(f"- {markdown_text(item)}\n" for item in record.missing) + "\n")
    return "".join(out)
