"""/coverage/: which recommendations have evidence from practice — a recommendations × case studies matrix."""

from __future__ import annotations

from ...model import Site
from ... import urls
from ..markup import MARKDOWN, attr_list_value
from ..text import front_matter, inline

PAGE = "coverage.md"
MARK = '<span aria-hidden="true">●</span><span class="smf-sr-only">yes</span>'


def render_coverage(site: Site) -> str:
    cases = [c for c in site.case_studies_sorted() if c.practices]
    without = len(site.case_studies) - len(cases)
    exercised = {r.id: {e.source.id for e in site.graph.incoming(r, "exercises")} for r in site.recommendations.values()}
    covered = [r for r in site.recommendations.values() if exercised[r.id]]
    uncovered = [r for r in site.recommendations.values() if not exercised[r.id]]
    out = [
        front_matter({"title": "Coverage", "description": f"{len(covered)} of {len(site.recommendations)} recommendations are exercised by at least one published case study."}),
        "# Coverage\n\n",
        f"{len(covered)} of {len(site.recommendations)} recommendations are exercised by at least one case study; "
        f"{len(uncovered)} have no evidence from practice yet. Columns are the {len(cases)} case studies whose practices are known, "
        f"newest first ({without} more have no recorded practices yet). A dot marks a case that exercises the recommendation. "
        "On a narrow screen the table scrolls sideways.\n\n",
    ]
    if uncovered:
        out.append("No case study yet for: " + "; ".join(f"[{inline(r.title)}]({urls.link(PAGE, r)})" for r in uncovered) + ".\n\n")
    header = ["Recommendation"] + [f'[{inline(c.organization.short_name)}]({urls.link(PAGE, c)}){{title="{attr_list_value(c.title)}"}}' for c in cases] + ["Cases"]
    out.append(f'<div class="smf-coverage" {MARKDOWN}>\n\n')
    out.append("| " + " | ".join(header) + " |\n")
    out.append("|" + "---|" * len(header) + "\n")
    for stakeholder in site.stakeholders.values():
        recs = site.recommendations_for(stakeholder)
        if not recs:
            continue
        out.append(f"| **{inline(stakeholder.short_title)}** |" + " |" * (len(cases) + 1) + "\n")
        for rec in recs:
            cells = [MARK if c.id in exercised[rec.id] else "" for c in cases]
            out.append(f"| [{inline(rec.title)}]({urls.link(PAGE, rec)}) | " + " | ".join(cells) + f" | {len(exercised[rec.id])} |\n")
    totals = [str(len(c.practices)) for c in cases]
    out.append("| **Recommendations per case** | " + " | ".join(totals) + f" | {sum(len(v) for v in exercised.values())} |\n")
    out.append("\n</div>\n")
    return "".join(out)
