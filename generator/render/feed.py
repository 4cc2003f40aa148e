"""/feed.xml: an Atom 1.0 feed of case studies and publications, newest update first, for feed readers.

Written into the docs tree like the downloads, so MkDocs copies it unchanged. Each entry's id is the
permanent address of its page on this site, which stays the same while the page's address does
(old addresses redirect); `updated` is the record's last check against its sources, or its
publication date when it has none. Records with neither date are left out: Atom needs a date.
"""

from __future__ import annotations

from ..model import AnyRecord, CaseStudy, PartialDate, Reference, Site
from .. import urls
from .licence import DATA_LICENCE_NAME, DATA_LICENCE_URL
from .escape import xml_attr, xml_text
from .text import one_line

FEED_PATH = "feed.xml"
LIMIT = 100  # the newest entries; the site's pages and /data/ hold the rest
ATOM_NS = "http://www.w3.org/2005/Atom"


def atom_date(date: PartialDate) -> str:
    """RFC 3339, as Atom requires: a month-precise date becomes its first day, at midnight UTC."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _updated(record: AnyRecord) -> PartialDate | None:
    return record.updated or _published(record)


def _published(record: AnyRecord) -> PartialDate | None:
    if isinstance(record, CaseStudy):
        return record.published
    if isinstance(record, Reference):
        return record.date
    return None


def entry_id(site: Site, record: AnyRecord) -> str:
    """The page's permanent address; a tag URI when the site's address is not set (unit tests)."""
    path = urls.url_of(record)
    if site.publication.url:
        return site.publication.permalink(path)
    return f"tag:smf.invalid,2023:{path}"


def _text(tag: str, value: str, indent: str = "    ") -> str:
    return f"{indent}<{tag}>{xml_text(value)}</{tag}>"


def _entry(site: Site, record: CaseStudy | Reference) -> str:
    page = site.publication.permalink(urls.url_of(record))
    if isinstance(record, CaseStudy):
        author, original, label = record.organization.name, record.url, "Case study"
        summary = one_line(record.summary, 400) if record.summary else f"A case study by {record.organization.name}; its content is not yet recorded."
    else:
        author, original, label = record.publisher, record.url, "Publication"
        summary = one_line(record.summary, 400) if record.summary else f"A publication by {record.publisher}."
    lines = [
        "  <entry>",
        _text("id", entry_id(site, record)),
        _text("title", record.title),
        f'    <link rel="alternate" type="text/html" href={xml_attr(page)}/>',
    ]
    if original:
        lines.append(f'    <link rel="related" href={xml_attr(original)}/>')
    lines.append(_text("updated", atom_date(_updated(record) or PartialDate(0))))  # feed_records keeps dated records only
    published = _published(record)
    if published:
        lines.append(_text("published", atom_date(published)))
    lines += [
        f"    <author>\n{_text('name', author, '      ')}\n    </author>",
        f"    <category term={xml_attr(record.kind)} label={xml_attr(label)}/>",
        _text("summary", summary),
        "  </entry>",
    ]
    return "\n".join(lines)


def feed_records(site: Site) -> list[CaseStudy | Reference]:
    """Case studies and references with a date, newest update first (ties: newest publication, then title)."""
    candidates: list[CaseStudy | Reference] = [*site.case_studies.values(), *site.references.values()]
    records = [r for r in candidates if _updated(r)]
    records.sort(key=lambda r: r.title.lower())
    records.sort(key=lambda r: ((_updated(r) or PartialDate(0)).sort_key, (_published(r) or PartialDate(0)).sort_key), reverse=True)
    return records[:LIMIT]


def atom_feed(site: Site) -> str:
    publication = site.publication
    records = feed_records(site)
    updated = max((d for r in records if (d := _updated(r))), key=lambda d: d.sort_key, default=None)
    home = publication.permalink("")
    head = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<feed xmlns="{ATOM_NS}" xml:lang="en">',
        _text("id", publication.permalink(FEED_PATH) if publication.url else f"tag:smf.invalid,2023:{FEED_PATH}", "  "),
        _text("title", f"{publication.name}: new and updated case studies and publications", "  "),
        _text("subtitle", "Case studies of the Partnership on AI's Responsible Practices for Synthetic Media, and the publications about it, newest update first.", "  "),
        f'  <link rel="self" type="application/atom+xml" href={xml_attr(publication.permalink(FEED_PATH))}/>',
        f'  <link rel="alternate" type="text/html" href={xml_attr(home)}/>',
        _text("updated", atom_date(updated) if updated else "1970-01-01T00:00:00Z", "  "),
        f"  <author>\n{_text('name', publication.name, '    ')}\n{_text('uri', home, '    ')}\n  </author>",
        _text("rights", f"{DATA_LICENCE_NAME}: {DATA_LICENCE_URL}", "  "),
    ]
    return "\n".join(head + [_entry(site, r) for r in records] + ["</feed>", ""])
