"""Static redirect pages for former ids, so old links keep working after a rename (the #fragment is kept)."""

from __future__ import annotations


from ...model import Site
from ... import urls
from ..escape import attr, script_json


def redirect_pages(site: Site) -> dict[str, str]:
    """{docs path of the old page: HTML that forwards to the new one}. Recommendations keep old anchors instead."""
    pages = {}
    for alias, record in site.aliases.items():
        if record.kind == "recommendation":
            continue
        old_dir = f"{urls.FOLDERS[record.kind]}/{alias}/"
        target = urls.url_between(urls.SitePath(old_dir), urls.url_of(record))
        pages[old_dir + "index.html"] = _redirect_html(target, record.title if hasattr(record, "title") else record.id)
    return pages


def _redirect_html(target: str, title: str) -> str:
    escaped = attr(target)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {attr(title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{escaped}">
<script>location.replace({script_json(target)} + location.search + location.hash);</script>
<meta http-equiv="refresh" content="0; url={escaped}">
</head>
<body>
<p>This page has moved to <a href="{escaped}">{attr(title)}</a>.</p>
</body>
</html>
"""
