"""/tags/: the allow-list of tags with what each means, and Material's listing of the pages under each."""

from __future__ import annotations

from collections import Counter

from ...model import Site
from ..text import front_matter, inline, markdown_text

PAGE = "tags.md"
LISTING = "<!-- material/tags -->"  # the tags plugin replaces this with one section per tag


def render_tags_page(site: Site) -> dict[str, str]:
    tags = sorted(site.tags.values(), key=lambda t: t.title.lower())
    # The counts also make this page change whenever a case study's tags do, so that the
    # preview (which rebuilds only pages that changed) rebuilds the listing below with it.
    counts = Counter(tag.id for case in site.case_studies.values() for tag in case.tags)
    lines = [
        front_matter({"title": "Tags", "description": f"The {len(tags)} tags case studies may carry, and the case studies under each."}),
        "# Tags\n",
        "Case studies carry tags from a fixed list, so that one idea always has one name.\n",
    ]
    lines += [f"- **{inline(t.title)}** ({_case_studies(counts[t.id])})" + (f": {markdown_text(t.description)}" if t.description else "") for t in tags]
    lines += ["", "## Case studies by tag", "", LISTING, ""]
    return {PAGE: "\n".join(lines)}


def _case_studies(count: int) -> str:
    return f"{count} case stud{'y' if count == 1 else 'ies'}" if count else "no case study yet"
