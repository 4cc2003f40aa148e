"""/coverage/: which recommendations have evidence from practice — a recommendations × case studies matrix.

The matrix is a block of finished HTML whose links are .md links that MkDocs (through smf-splice)
resolves and checks, and it has a class of its own, so the theme does not wrap it in a scroll box of its own: it
scrolls inside .smf-coverage, with a sticky header row and first column (smf.css), and prints whole.
"""

from __future__ import annotations

from ...model import CaseStudy, Site
from ... import urls
from .. import escape
from ..markup import SEARCH_EXCLUDE, record_link_html, spliced_html
from ..text import front_matter, inline

PAGE = "coverage.md"
MARK = '<span aria-hidden="true">●</span><span class="smf-sr-only">yes</span>'
SHORT_TITLE = 30  # characters of a case title in its column heading; the full title is the link's tooltip


def exercised_by(site: Site) -> dict[str, set[str]]:
    """{recommendation id: ids of the case studies that exercise it}, from the graph."""
    return {r.id: {e.source.id for e in site.graph.incoming(r, "exercises")} for r in site.recommendations.values()}


def short_title(case: CaseStudy, limit: int = SHORT_TITLE) -> str:
    """The case's title cut at a word boundary to fit a column heading."""
    title = " ".join(case.title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"


def render_coverage(site: Site) -> str:
    cases = [c for c in site.case_studies_sorted() if c.practices]
    without = len(site.case_studies) - len(cases)
    exercised = exercised_by(site)
    covered = [r for r in site.recommendations.values() if exercised[r.id]]
    uncovered = [r for r in site.recommendations.values() if not exercised[r.id]]
    out = [
        front_matter({"title": "Coverage", "description": f"{len(covered)} of {len(site.recommendations)} recommendations are exercised by at least one published case study.", "hide": ["toc"]}),
        "# Coverage\n\n",
        f"{len(covered)} of {len(site.recommendations)} recommendations are exercised by at least one case study; "
        f"{len(uncovered)} have no evidence from practice yet. Columns are the {len(cases)} case studies whose practices are known, "
        f"newest first ({without} more have no recorded practices yet), each headed by its organization and the start of its title. "
        "A dot marks a case that exercises the recommendation. A wide table scrolls inside its box; the recommendation names stay in view.\n\n",
    ]
    if uncovered:
        out.append("No case study yet for: " + "; ".join(f"[{inline(r.title)}]({urls.link(PAGE, r)})" for r in uncovered) + ".\n\n")
    out.append(_matrix(site, cases, exercised))
    return "".join(out)


def _matrix(site: Site, cases: list[CaseStudy], exercised: dict[str, set[str]]) -> str:
    """The matrix as finished HTML: at 1,000 case studies it is a million cells, which Markdown took
    seconds to read for nothing. Search skips it (a grid of dots is no answer to a query); its links are
    page addresses, which smf-splice checks."""
    columns = len(cases) + 2
    head = ['<th class="smf-coverage__corner" scope="col">Recommendation</th>']
    for case in cases:
        head.append(
            f'<th class="smf-coverage__case" scope="col"><a href="{escape.attr(urls.relative_url(PAGE, case))}" title="{escape.attr(case.title)}">'
            f"<strong>{escape.text(case.organization.short_name)}</strong> {escape.text(short_title(case))}</a></th>"
        )
    head.append('<th class="smf-coverage__total" scope="col">Cases</th>')
    out = [
        f'<div class="smf-coverage" role="region" aria-label="Recommendations by case study" tabindex="0" {SEARCH_EXCLUDE}>\n',
        '<table class="smf-coverage__table">\n',
        "<thead>\n<tr>\n" + "\n".join(head) + "\n</tr>\n</thead>\n",
    ]
    for stakeholder in site.stakeholders.values():
        recs = site.recommendations_for(stakeholder)
        if not recs:
            continue
        out.append("<tbody>\n")
        out.append(f'<tr class="smf-coverage__group">\n<th colspan="{columns}" scope="colgroup">{escape.text(stakeholder.short_title)}</th>\n</tr>\n')
        for rec in recs:
            cells = "".join(f"<td>{MARK}</td>" if c.id in exercised[rec.id] else "<td></td>" for c in cases)
            out.append(f'<tr>\n<th scope="row">{record_link_html(PAGE, rec)}</th>{cells}<td>{len(exercised[rec.id])}</td>\n</tr>\n')
        out.append("</tbody>\n")
    totals = "".join(f"<td>{len(c.practices)}</td>" for c in cases)
    out.append(f'<tfoot>\n<tr>\n<th scope="row">Recommendations per case</th>{totals}<td>{sum(len(v) for v in exercised.values())}</td>\n</tr>\n</tfoot>\n')
    out.append("</table>\n</div>")
    return spliced_html("".join(out)) + "\n"
