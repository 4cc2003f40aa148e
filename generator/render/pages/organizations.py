"""The organization index (/organizations/) and one page per organization (/organizations/<id>/)."""

from __future__ import annotations

from ...kinds import COHORT_LABELS, ORGANIZATION_KINDS
from ...model import CaseStudy, Organization, Site
from ... import urls
from ..markup import fact_list_html, link_list_html, search_boost, url_link_html
from .neighbourhood import local_graph_section
from ..structured_data import record_json_ld
from ..record_page import case_count, case_link_list, edit_front_matter, record_heading, record_meta, record_page_end
from ..text import date_html, front_matter, inline, markdown_text, one_line, table_cell

INDEX = "organizations/index.md"


def _joined_order(org: Organization) -> tuple:
    return (org.joined.sort_key if org.joined else (9999, 0, 0), org.name.lower())


def render_organization_index(site: Site) -> str:
    supporters = sorted((o for o in site.organizations.values() if o.is_supporter), key=_joined_order)
    others = sorted((o for o in site.organizations.values() if not o.is_supporter), key=lambda o: o.name.lower())
    lines = [
        front_matter({"title": "Organizations", "description": f"The {len(supporters)} supporters of the framework and other organizations in the records."}),
        "# Organizations\n",
        f"## Supporters ({len(supporters)})\n",
        "| Organization | Kind | Cohort | Joined | Documented case studies |",
        "|---|---|---|---|---|",
    ]
    for org in supporters:
        count = sum(1 for e in site.graph.incoming(org, "by") if isinstance(e.source, CaseStudy) and e.source.documented)
        lines.append(f"| [{table_cell(inline(org.name))}]({urls.link(INDEX, org)}) | {ORGANIZATION_KINDS[org.org_kind]} | {COHORT_LABELS.get(org.cohort or '', '')} | {date_html(org.joined)} | {count} |")
    if others:
        lines += ["", "## Other organizations\n"]
        lines += [f"- [{inline(o.name)}]({urls.link(INDEX, o)}) ({ORGANIZATION_KINDS[o.org_kind]})" for o in others]
    return "\n".join(lines) + "\n"


def supporter_text(org: Organization) -> str:
    """Whether and since when it supports the framework, in one phrase (the date once, never 'Joined' twice)."""
    if not org.cohort:
        return "Not a supporter"
    since = f", since {date_html(org.joined)}" if org.joined else ", date not yet known"
    return COHORT_LABELS[org.cohort] + since


def render_organization(site: Site, org: Organization) -> str:
    page = urls.page_of(org)
    description = one_line(org.description) if org.description else f"{org.name}: {ORGANIZATION_KINDS[org.org_kind].lower()}" + (f", {COHORT_LABELS[org.cohort].lower()} of the framework." if org.cohort else ".")
    out = [
        front_matter({"title": org.name, "description": description, **search_boost(1.5), "json_ld": record_json_ld(site, org), **edit_front_matter(site, org)}),
        record_heading(org, org.name),
        record_meta(org, page),
    ]
    if org.description:
        out.append('<div class="smf-lead" markdown>\n\n' + markdown_text(org.description) + "\n\n</div>\n\n")
    facts = [("Kind", ORGANIZATION_KINDS[org.org_kind]), ("Supporter of the framework", supporter_text(org)), ("Website", url_link_html(org.url))]
    out.append(fact_list_html(facts) + "\n\n")
    cases = sorted((e.source for e in site.graph.incoming(org, "by") if isinstance(e.source, CaseStudy)), key=lambda c: c.title.lower())
    out.append("## Case studies\n\n")
    if cases:
        out.append(case_count(cases) + ".\n\n")
        out.append(case_link_list(cases, page, with_organization=False))
    else:
        out.append("None recorded.\n\n")
    about = sorted({e.source.id: e.source for e in site.graph.incoming(org) if e.type in ("about", "cites", "published-by")}.values(), key=lambda r: r.title.lower())
    if about:
        out.append("## References about or from this organization\n\n")
        out.append(link_list_html(page, ((r, "") for r in about), indexed=True) + "\n\n")
    out.append(local_graph_section(site, org, page))
    out.append(record_page_end(site, org, page, org.name))
    return "".join(out)
