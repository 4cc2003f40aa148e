"""/tags/: the allow-list of tags with what each means, and Material's listing of the pages under each."""

from __future__ import annotations

from ..model import Site
from .text import front_matter, inline, markdown_text

PAGE = "tags.md"
LISTING = "<!-- material/tags -->"  # the tags plugin replaces this with one section per tag


def render_tags_page(site: Site) -> dict[str, str]:
    tags = sorted(site.tags.values(), key=lambda t: t.title.lower())
    lines = [
        front_matter({"title": "Tags", "description": f"The {len(tags)} tags case studies may carry, and the case studies under each."}),
        "# Tags\n",
        "Case studies carry tags from a fixed list, so that one idea always has one name.\n",
    ]
    lines += [f"- **{inline(t.title)}**" + (f": {markdown_text(t.description)}" if t.description else "") for t in tags]
    lines += ["", "## Case studies by tag", "", LISTING, ""]
    return {PAGE: "\n".join(lines)}
