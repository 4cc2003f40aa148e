"""Citations: the original work behind a page, and the page itself, as APA-like text and BibTeX.

A case-study page and the framework page summarize a work someone else published, so their
"How to cite" section gives that work first ("Cite the case study", from the reference record of
the original: its publisher, authors, date, title and address) and this site's summary second.
A reference page cites the source itself, then its record here; an organization page, the page.
The same `Work` feeds the Highwire and Dublin Core meta tags (citation_meta) and the JSON-LD
`isBasedOn`, so what reference managers read agrees with what the reader sees.

Material gives every code block a copy button (the `content.code.copy` feature), so the citation
text sits in one too, wrapped by CSS instead of scrolling. Both are plain text: the theme's syntax
colours for BibTeX fall below WCAG contrast. The section is kept out of the search
index: the same citation on every page would otherwise make each page match the site's name.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..model import AnyRecord, CaseStudy, Framework, PartialDate, Reference, Site
from .. import urls
from .names import split_name
from .markup import MARKDOWN, code_block_html, heading_attributes, spliced_html
from .downloads.bibtex import citation_key, page_entry, work_entry
from .text import inline

DATA_BIB = "data/references.bib"


@dataclass(frozen=True, slots=True)
class Work:
    """A published work as a bibliography sees it: a reference, or the original of a case study or of the framework."""

    key: str  # its BibTeX key and CSL id
    title: str
    type: str  # a reference type (sources/references schema): report, case-study, webpage, …
    publisher: str
    authors: tuple[str, ...]
    date: PartialDate | None
    url: str
    pdf: str | None = None
    publisher_id: str | None = None  # the publisher's organization record, when it has one


def _same_address(a: str | None, b: str | None) -> bool:
    def norm(url: str | None) -> str:
        return (url or "").strip().lower().replace("http://", "https://", 1).rstrip("/")

    return bool(a and b) and norm(a) == norm(b)


def is_pdf(url: str) -> bool:
    return url.lower().split("?", 1)[0].split("#", 1)[0].endswith(".pdf")


def _pdf_for(site: Site, record: AnyRecord, publisher_id: str | None, own: Reference | None = None) -> str | None:
    """A PDF of the work: the reference's own `pdf`, else a PDF source of the same kind (a case study for
    a case study, a report for the framework) about the record, from the same publisher."""
    kinds = ("case-study",) if isinstance(record, CaseStudy) else ("report", "paper")
    if own is not None:
        if own.pdf:
            return own.pdf
        if is_pdf(own.url):
            return own.url
    for edge in site.graph.incoming(record, "about"):
        ref = edge.source
        if isinstance(ref, Reference) and is_pdf(ref.url) and ref.type in kinds and ref.publisher_id == publisher_id:
            return ref.url
    return None


def reference_work(site: Site | None, ref: Reference) -> Work:
    pdf = ref.pdf or (ref.url if is_pdf(ref.url) else None)
    return Work(citation_key(ref), ref.title, ref.type, ref.publisher, ref.authors, ref.date, ref.url, pdf, ref.publisher_id)


def _source_at(site: Site, record: AnyRecord, url: str | None) -> Reference | None:
    """The reference, among those the record cites or that are about it, whose address is the record's original."""
    if not url:
        return None
    candidates = [c.reference for c in getattr(record, "citations", ())]
    candidates += [e.source for e in site.graph.incoming(record, "about") if isinstance(e.source, Reference)]
    return next((ref for ref in candidates if _same_address(ref.url, url)), None)


def original_work(site: Site, record: AnyRecord) -> Work | None:
    """What a reader citing this page most likely means to cite: the published original, when the page summarizes one.

    A case study: the reference record at the case's own address (its publisher, date and authors; the
    case record's authors and date fill what the reference lacks). When that address is a listing of
    several cases rather than the case itself, the title, authors and date come from the case record and
    the publisher from the listing. None when the original's address is not known.
    """
    if isinstance(record, Reference):
        return reference_work(site, record)
    if isinstance(record, CaseStudy):
        source = _source_at(site, record, record.url)
        if source is None:
            if not record.url:
                return None
            return Work(f"{citation_key(record)}/original", record.title, "case-study", record.organization.name, record.authors, record.published, record.url, _pdf_for(site, record, record.organization.id), record.organization.id)
        if source.type == "case-study":
            return Work(
                citation_key(source), source.title, source.type, source.publisher, source.authors or record.authors, source.date or record.published, source.url, _pdf_for(site, record, source.publisher_id, source), source.publisher_id
            )
        return Work(f"{citation_key(record)}/original", record.title, "case-study", source.publisher, record.authors, record.published, record.url or source.url, _pdf_for(site, record, source.publisher_id), source.publisher_id)
    if isinstance(record, Framework):
        source = _source_at(site, record, record.url)
        pdf = _pdf_for(site, record, record.convener.id, source)
        if source is not None:
            return Work(citation_key(source), source.title, source.type, source.publisher, source.authors, source.date or record.launched, source.url, pdf, source.publisher_id)
        return Work(f"{citation_key(record)}/original", record.title, "report", record.convener.name, (), record.launched, record.url, pdf, record.convener.id)
    return None


def apa_date(date: PartialDate | None) -> str:
    """APA's date in parentheses, as precise as the record: (2024, March 19), (2024, March), (2024), (n.d.)."""
    if not date:
        return "(n.d.)"
    text = str(date.year)
    if date.month:
        text += ", " + PartialDate(date.year, date.month).human.split()[0]
        if date.day:
            text += f" {date.day}"
    return f"({text})"


def apa_person(name: str) -> str:
    """'Claire R. Leibowicz' → 'Leibowicz, C. R.'; a one-word name stays as it is."""
    parts = split_name(name)
    if parts is None:
        return name.strip()
    given, family = parts
    return f"{family}, {' '.join(_initial(word) for word in given.split())}"


def _initial(word: str) -> str:
    return "-".join(part[0] + "." for part in word.split("-") if part)


def apa_authors(names: tuple[str, ...]) -> str:
    people = [apa_person(n) for n in names]
    if len(people) == 1:
        return people[0]
    return ", ".join(people[:-1]) + ", & " + people[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


def page_citation(site: Site, record: AnyRecord) -> str:
    """The site is the author, so APA leaves out the site name; the date is the record's last update."""
    publication = site.publication
    return " ".join([_sentence(publication.name), apa_date(record.updated) + ".", _sentence(record.title), publication.permalink(urls.url_of(record))])


def reference_citation(ref: Reference | Work) -> str:
    """The source itself, with its own address; the publisher is the author when no person is named."""
    parts = [_sentence(apa_authors(ref.authors)) if ref.authors else _sentence(ref.publisher), apa_date(ref.date) + ".", _sentence(ref.title)]
    if ref.authors:
        parts.append(_sentence(ref.publisher))
    parts.append(ref.url)
    return " ".join(parts)


def code_block(text: str, language: str) -> str:
    """A fenced block whose fence is longer than any backtick run in the text, so no record can close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence} {language}\n{text.rstrip()}\n{fence}\n"


def _code(text: str, language: str) -> str:
    # The same block as code_block() gives after Markdown, but finished: Markdown never reads it.
    return spliced_html(code_block_html(text, language)) + "\n"


def _heading(level: int, text: str, anchor: str) -> str:
    return f"{'#' * level} {text} {heading_attributes(anchor, search_exclude=True)}\n\n"


def _work_blocks(work: Work, lead: str, bib_link: str | None) -> list[str]:
    out = [lead + "\n\n", _code(reference_citation(work), "text")]
    out.append(f"\nBibTeX, as in the site's [bibliography]({bib_link}):\n\n" if bib_link else "\nBibTeX:\n\n")
    out.append(_code(work_entry(work), "text"))
    if work.pdf and work.pdf != work.url:
        out.append(f"\nA PDF of it: <{work.pdf}>\n")
    return out


def _summary_blocks(site: Site, record: AnyRecord, lead: str) -> list[str]:
    updated = f", last updated {record.updated.human}" if record.updated else ", date of last update unknown"
    return [
        f"{lead}{updated}:\n\n",
        _code(page_citation(site, record), "text"),
        "\nBibTeX:\n\n",
        _code(page_entry(site.publication, record), "text"),
    ]


_ORIGINAL_WORDS = {"case-study": ("Cite the case study", "cite-the-case-study", "The case study itself, as published by"), "framework": ("Cite the framework", "cite-the-framework", "The framework itself, as published by")}


def cite_section(site: Site, record: AnyRecord, page: str) -> str:
    """Markdown for a record page: the citations that apply to it, each with a copy button."""
    bib_link = urls.relative(page, DATA_BIB)
    out = [f'<div class="smf-cite" {MARKDOWN}>\n\n']
    if isinstance(record, Reference):
        out.insert(0, _heading(2, "How to cite", "cite-this-page"))
        out.append(_heading(3, "Cite the source", "cite-the-source"))
        out += _work_blocks(reference_work(site, record), "The source itself:", bib_link)
        out.append("\n" + _heading(3, "Cite this record", "cite-this-summary"))
        out += _summary_blocks(site, record, "This site's record of it")
    elif record.kind in _ORIGINAL_WORDS:
        heading, anchor, lead = _ORIGINAL_WORDS[record.kind]
        out.insert(0, _heading(2, "How to cite", "cite-this-page"))
        out.append(_heading(3, heading, anchor))
        work = original_work(site, record)
        if work is None:
            out.append("Where the case study was published is not yet known, so only this summary can be cited for now.\n\n")
        else:
            # "As in the bibliography" only when the entry there is this one to the letter (the case record
            # may have filled authors or a date its reference lacks).
            source = site.references.get(work.key.removeprefix("smf:references/"))
            in_bibliography = source is not None and dataclasses.replace(reference_work(site, source), pdf=None) == dataclasses.replace(work, pdf=None)
            out += _work_blocks(work, f"{lead} {inline(work.publisher)} ({work.date.human if work.date else 'date unknown'}):", bib_link if in_bibliography else None)
        out.append("\n" + _heading(3, "Cite this summary", "cite-this-summary"))
        out += _summary_blocks(site, record, "This site's summary of it")
    else:
        out.insert(0, _heading(2, "Cite this page", "cite-this-page"))
        out += _summary_blocks(site, record, "This page")
    out.append("\n</div>\n\n")
    return "".join(out)


def bibliography_gaps_section(site: Site, page: str) -> str:
    """For /open-questions/: the sources whose date or authors are not yet recorded, so the bibliography's gaps show.

    A source recorded with `authors: []` names no person (the publisher is its author), which is not a gap.
    """
    refs = sorted(site.references.values(), key=lambda r: r.title.lower())
    undated = [r for r in refs if not r.date]
    no_authors = [r for r in refs if not r.authors and not r.no_named_author]
    out = [
        "## Bibliography: dates and authors not yet recorded { #bibliography-gaps }\n\n",
        f"Of {len(refs)} sources, {len(undated)} have no publication date on record and {len(no_authors)} have no authors on record. "
        "Citations of them show *n.d.* or the publisher in place of the authors until a source shows the facts.\n\n",
    ]
    for heading, anchor, items in (("No date", "bibliography-no-date", undated), ("No authors", "bibliography-no-authors", no_authors)):
        out.append(f"### {heading} ({len(items)}) {{ #{anchor} }}\n\n")
        if not items:
            out.append("None.\n\n")
            continue
        out.append("".join(f"- [{inline(r.title)}]({urls.link(page, r)}) ({inline(r.publisher)})\n" for r in items) + "\n")
    return "".join(out)
