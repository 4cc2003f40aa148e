"""/open-questions/: every gap in the records, so a researcher can pick one and know what to look for.

The page is an overview (one line per section, with its count) followed by the sections, each folded
(<details>) except the conflicts between sources. Each section comes from one function returning a
`Section`; a new kind of open question is one more function in `sections()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...kinds import KIND_LIST
from ...model import AnyRecord, Conflict, Site
from ... import urls
from ..cite import bibliography_gaps_section
from ..text import STATUS_LABELS, citation_inline, front_matter, inline, markdown_text

PAGE = "open-questions.md"
# Record kinds in the order shown; each kind's name is its section's anchor, which is public (linked from elsewhere).
GROUPS = tuple((kind.name, kind.heading) for kind in KIND_LIST if kind.name != "tag")  # tags have no status


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    count: int  # the number of items listed in `body`
    noun: str  # what `count` counts, singular and plural ("conflict", "conflicts")
    nouns: str
    body: str  # Markdown
    folded: bool = True
    detail: str = ""  # more about what is listed, shown after the count ("12 unknown facts")
    intro: str = ""  # Markdown shown above the folded list

    @property
    def count_text(self) -> str:
        return f"{self.count} {self.noun if self.count == 1 else self.nouns}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def has_gap(record: AnyRecord) -> bool:
    return record.status != "confirmed" or bool(record.missing)


def distinct_conflicts(site: Site) -> list[tuple[Conflict, list[AnyRecord]]]:
    """Each disagreement once, with every record that notes it.

    The same disagreement is often noted twice: on the record the facts belong to, and on the
    source that disagrees. Two notes citing the same sources are the same disagreement.
    """
    found: dict[frozenset[str], tuple[Conflict, list[AnyRecord]]] = {}
    for record in site.all_records():
        for conflict in record.conflicts:
            key = frozenset(c.reference.id for c in conflict.citations) or frozenset([f"{record.kind}:{record.id}:{conflict.about}"])
            if key in found:
                found[key][1].append(record)
            else:
                found[key] = (conflict, [record])
    return list(found.values())


def sections(site: Site) -> list[Section]:
    return [conflicts_section(site), *(gaps_section(site, kind, heading) for kind, heading in GROUPS), bibliography_section(site)]


def render_open_questions(site: Site) -> str:
    records = site.all_records()
    gaps = [r for r in records if has_gap(r)]
    conflicts = distinct_conflicts(site)
    counts = {status: sum(1 for r in records if r.status == status) for status in STATUS_LABELS}
    parts = sections(site)
    out = [
        front_matter({"title": "Open questions", "description": f"{_plural(len(gaps), 'record')} with unknown facts and {_plural(len(conflicts), 'conflict')} between sources."}),
        "# Open questions\n\n",
        f"Of {len(records)} records, {counts['confirmed']} are confirmed, {counts['partial']} partial and "
        f"{counts['unverified']} unverified. {_plural(len(gaps), 'record lists', 'records list')} facts that are still unknown, and sources "
        f"disagree in {_plural(len(conflicts), 'place')}. Each item names the fact to look for; the record's page shows what is known.\n\n",
        '<ul class="smf-oq-overview" aria-label="Sections of this page" markdown>\n',
        *(f'<li markdown="span">[{section.heading}](#{section.anchor}): {section.count_text}{section.detail}</li>\n' for section in parts),
        "</ul>\n\n",
    ]
    for section in parts:
        out.append(f"## {section.heading} {{#{section.anchor}}}\n\n{section.intro}")
        if not section.count:
            out.append(section.body)
        elif section.folded:
            out.append(f'<details class="smf-fold" markdown>\n<summary>Show {section.count_text}{section.detail}</summary>\n\n{section.body}\n</details>\n\n')
        else:
            out.append(section.body)
    return "".join(out)


def conflicts_section(site: Site) -> Section:
    conflicts = distinct_conflicts(site)
    lines = []
    for conflict, records in conflicts:
        sources = "; ".join(citation_inline(c, PAGE) for c in conflict.citations)
        noted = ", ".join(f"[{inline(r.title)}]({urls.link(PAGE, r)})" for r in records)
        lines.append(f"- **{inline(conflict.about)}**: {markdown_text(conflict.description)} Sources: {sources}. Noted on: {noted}.\n")
    body = "".join(lines) + "\n" if lines else "None recorded.\n\n"
    return Section("conflicts", "Conflicts between sources", len(conflicts), "conflict", "conflicts", body, folded=False)


def gaps_section(site: Site, kind: str, heading: str) -> Section:
    """The records of one kind with unknown facts: the least certain first, then by title."""
    group = sorted((r for r in site.all_records() if r.kind == kind and has_gap(r)), key=lambda r: (r.status == "confirmed", r.title.lower()))
    if not group:
        return Section(kind, heading, 0, "record", "records", "No open questions.\n\n")
    lines = []
    for record in group:
        status = f" ({STATUS_LABELS[record.status]})" if record.status != "confirmed" else ""
        lines.append(f"- [{inline(record.title)}]({urls.link(PAGE, record)}){status}\n")
        if record.missing:
            lines.append("\n" + "".join(f"    - {markdown_text(' '.join(item.split()))}\n" for item in record.missing) + "\n")
    facts = sum(len(r.missing) for r in group)
    detail = f", {facts} unknown fact{'s' if facts != 1 else ''}" if facts else ""
    return Section(kind, heading, len(group), "record", "records", "".join(lines) + "\n", detail=detail)


def bibliography_section(site: Site) -> Section:
    """The sources whose date or authors are not yet recorded (render/cite.py), folded like the rest: one item per gap."""
    heading_line, _, rest = bibliography_gaps_section(site, PAGE).partition("\n\n")
    intro, _, lists = rest.partition("\n\n")
    heading = heading_line.removeprefix("## ").split(" {", 1)[0]
    anchor = heading_line.rsplit("#", 1)[1].rstrip(" }")
    items = sum(1 for line in lists.splitlines() if line.startswith("- "))
    return Section(anchor, heading, items, "missing fact", "missing facts", lists, intro=intro + "\n\n")
