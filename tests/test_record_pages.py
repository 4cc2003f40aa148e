"""Record pages as a reader sees them, over every built page of the real and the fixture site:

- no internal words: no "title not found", no record file, no path under sources/, no raw record id
  in the text (link targets aside);
- every generated sentence that counts something agrees with the list it describes;
- case studies not yet documented are named honestly, listed apart and never related;
- search titles say what kind of record a result is, and snippets start with the record's summary;
- the edit button and "Edit this record" open the record's own file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify

from generator import urls
from generator.model import Site
from generator.pipeline import Project, check
from generator.render.record_page import KIND_LABELS

from .page_outline import outline, number_before

pytestmark = pytest.mark.slow

INTERNAL_WORDS = ("title not found", "Record file", "sources/", "PDF not read", "open questions below")


@pytest.fixture(params=["real_site", "mini_site"])
def built(request) -> tuple[Path, Site]:
    site_dir: Path = request.getfixturevalue(request.param)
    return site_dir, check(Project(site_dir.parent))


def page_file(site_dir: Path, record) -> Path:
    return site_dir / urls.url_of(record).split("#")[0] / "index.html"


def record_pages(site: Site) -> list:
    return [site.framework, *site.stakeholders.values(), *site.case_studies.values(), *site.organizations.values(), *site.references.values(), *site.collections.values()]


def raw_id_pattern(site: Site) -> re.Pattern:
    """Ids with a hyphen (single words like 'bbc' or 'meta' are also ordinary words), standing alone, case-sensitive."""
    ids = {r.id for r in site.all_records() if "-" in r.id} | {alias for alias in site.aliases if "-" in alias}
    return re.compile(r"(?<![\w/.:#-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w-])")


def test_no_page_shows_internal_words_paths_or_record_ids(built):
    site_dir, site = built
    ids = raw_id_pattern(site)
    problems = []
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        # Addresses and BibTeX keys in the citation blocks are link targets, not prose.
        text = re.sub(r"(https?://|smf:)\S+", " ", outline(page).visible_text)
        problems += [f"{page.relative_to(site_dir)}: {word!r}" for word in INTERNAL_WORDS if word in text]
        problems += [f"{page.relative_to(site_dir)}: record id {found!r}" for found in sorted(set(ids.findall(text)))]
    assert problems == []


def test_the_internal_words_check_can_fail(tmp_path: Path, built):
    _site_dir, site = built
    page = tmp_path / "index.html"
    page.write_text(f'<html><body><p><a href="../sources/x.yaml">{sorted(r.id for r in site.references.values() if "-" in r.id)[0]}</a> Record file</p></body></html>', encoding="utf-8")
    text = outline(page).visible_text
    assert raw_id_pattern(site).search(text) and "Record file" in text and "sources/" not in text


# --- counts agree with their lists -----------------------------------------------------------


def check_meta_counts(page) -> list[str]:
    """The line under the title counts open questions and disagreements; the sections at the end list them."""
    problems = []
    open_count = number_before(page.meta, "open question")
    listed = page.section("open-questions").lists
    if (open_count is not None or listed) and ([open_count] != listed[:1] or number_before(" ".join(page.section("open-questions").paragraphs), "facts? (?:is|are)") != open_count):
        problems.append(f"{open_count} open questions announced, lists {listed}")
    disagree = number_before(page.meta, "point")
    listed = page.section("where-sources-disagree").lists
    if (disagree is not None or listed) and [disagree] != listed[:1]:
        problems.append(f"{disagree} disagreements announced, lists {listed}")
    return problems


def test_count_sentences_agree_with_their_lists_on_every_record_page(built):
    site_dir, site = built
    problems = []
    for record in record_pages(site):
        page = outline(page_file(site_dir, record))
        where = urls.url_of(record)
        problems += [f"{where}: {p}" for p in check_meta_counts(page)]
        if record.missing and record.kind != "stakeholder":
            assert page.section("open-questions").list_items[0] == [" ".join(m.split()) for m in record.missing] or record.kind == "reference", where
        if record.kind in ("organization", "collection"):
            section = page.section("case-studies" if record.kind == "organization" else "case-studies-in-this-collection")
            sentence = " ".join(section.paragraphs) + " " + " ".join(" ".join(i) for i in page.section("").list_items)
            documented = number_before(sentence, "documented case stud")
            known = number_before(sentence, "known but not yet documented")
            listed = section.lists[0] if section.lists else 0
            known_links = [text for text, _ in section.links if section.paragraphs and any(p.startswith("Known but not yet documented") for p in section.paragraphs)]
            if (documented or 0) != listed or (known or 0) != len(known_links):
                problems.append(f"{where}: says {documented} documented and {known} known, lists {listed} and {len(known_links)}")
        if record.kind == "stakeholder":
            sentence = " ".join(page.section("").paragraphs)
            recs = site.recommendations_for(record)
            badges = page.badges[1:]  # the first is the group's own
            if number_before(sentence, "recommendations? recorded") != len(badges) or len(badges) != len(recs):
                problems.append(f"{where}: {sentence!r} against {len(badges)} recommendations shown")
            for label in ("confirmed", "partly confirmed", "unverified"):
                said = number_before(sentence, label)
                if said is not None and said != sum(1 for b in badges if b.lower() == label):
                    problems.append(f"{where}: says {said} {label}, shows {badges}")
    assert problems == []


def test_index_counts_agree_with_their_lists(built):
    site_dir, site = built
    index = outline(site_dir / "case-studies" / "index.html")
    intro = " ".join(index.section("").paragraphs)
    assert number_before(intro, "documented case stud") == index.section("").table_rows == sum(c.documented for c in site.case_studies.values())
    known = index.section("not-yet-documented")
    assert number_before(intro, "more (?:is|are) known") == (known.lists[0] if known.lists else None)
    framework = outline(site_dir / "framework" / "index.html")
    groups = framework.section("stakeholder-groups").list_items[0]
    for stakeholder, item in zip(site.stakeholders.values(), groups, strict=True):
        group_page = outline(page_file(site_dir, stakeholder))
        assert number_before(item, "recommendations? recorded") == len(group_page.badges) - 1, item


def test_the_count_check_can_fail(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text(
        '<article class="md-content__inner"><h1 id="t">T</h1><p class="smf-record-meta"><a class="smf-badge">Confirmed</a> · <a href="#open-questions">2 open questions</a></p>'
        '<h2 id="open-questions">Open questions</h2><p>3 facts are not yet known:</p><ul><li>a</li><li>b</li><li>c</li></ul></article>',
        encoding="utf-8",
    )
    assert check_meta_counts(outline(page)) == ["2 open questions announced, lists [3]"]


# --- case studies known but not yet documented -------------------------------------------------


def test_undocumented_case_studies_are_named_honestly_listed_apart_and_never_related(built):
    site_dir, site = built
    shells = [c for c in site.case_studies.values() if not c.documented]
    assert shells
    index = outline(site_dir / "case-studies" / "index.html").section("not-yet-documented")
    listed = " ".join(index.list_items[0])
    for case in shells:
        page = outline(page_file(site_dir, case))
        assert "Known case study, not yet documented" in page.visible_text
        assert case.organization.name in listed and case.collection.title in listed
        assert "Related case studies" not in page.visible_text
        assert page.section("related-case-studies").lists == []
    for case in site.case_studies.values():
        related = outline(page_file(site_dir, case)).section("related-case-studies").list_items
        for shell in shells:
            assert not any(shell.title in item for items in related for item in items), (case.id, shell.id)


# --- search ----------------------------------------------------------------------------------------


def search_docs(site_dir: Path) -> dict[str, dict]:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in index["docs"]}


def test_search_titles_name_the_kind_of_record_and_snippets_start_with_its_summary(built):
    site_dir, site = built
    docs = search_docs(site_dir)
    for record in record_pages(site):
        doc = docs[urls.url_of(record)]
        title = record.title if record.kind != "organization" else record.name
        assert doc["title"] == f"{KIND_LABELS[record.kind]} · {title}".replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), doc["title"]
        lead = getattr(record, "summary", None) or getattr(record, "description", None)
        if lead and (record.kind != "case-study" or record.documented):
            first_words = " ".join(re.sub(r"[*_`\[\]]|\(.*?\)", "", lead).split()[:3])
            assert re.sub(r"<[^>]+>", "", doc["text"]).lstrip().startswith(first_words.split()[0]), (doc["location"], doc["text"][:120])
        assert not re.match(r"<p>(Status|Confirmed|Partly confirmed|Unverified)\b", doc["text"]), doc["text"][:80]


def test_undocumented_case_studies_are_not_boosted_in_search(built):
    site_dir, site = built
    docs = search_docs(site_dir)
    for case in site.case_studies.values():
        assert ("boost" in docs[urls.url_of(case)]) == case.documented, case.id


def test_record_headings_keep_the_anchor_of_their_plain_title(built):
    site_dir, site = built
    for record in record_pages(site):
        title = record.name if record.kind == "organization" else record.title
        assert outline(page_file(site_dir, record)).h1_id == (slugify(title, "-") or "_1"), urls.url_of(record)


# --- editing -----------------------------------------------------------------------------------------


def test_edit_links_open_the_records_own_file(real_site: Path, real_model_site: Site):
    for record in record_pages(real_model_site):
        html = page_file(real_site, record).read_text(encoding="utf-8")
        edit = f"https://github.com/smf-research/smf-research.github.io/edit/main/{record.source_path}"
        assert f'href="{edit}" title="Edit this page"' in html, record.source_path  # Material's button
        assert f'<a href="{edit}">Edit this record</a>' in html
        assert "issues/new?title=Correction" in html and ">Suggest a correction</a>" in html
    about = (real_site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/smf-research/smf-research.github.io/edit/main/content/about.md"' in about
    graph = (real_site / "graph" / "index.html").read_text(encoding="utf-8")
    assert 'title="Edit this page"' not in graph  # generated from many records: no single file to edit


@pytest.fixture(scope="module")
def real_model_site(real_site: Path) -> Site:
    return check(Project(real_site.parent))


def test_record_pages_lead_with_what_is_known_and_end_with_what_is_not(built):
    """Item 8: the framework (and every record) opens with its definition; unknowns come last, before the citation."""
    site_dir, site = built
    for record in record_pages(site):
        page = outline(page_file(site_dir, record))
        order = [anchor for anchor in page.sections if anchor]
        gaps = [a for a in order if a in ("open-questions", "where-sources-disagree")]
        after = [a for a in order[order.index(gaps[0]) :] if a not in gaps] if gaps else []
        assert after in ([], ["cite-this-page"]), (urls.url_of(record), order)
        assert page.meta and page.badges and page.badges[0] in ("Confirmed", "Partly confirmed", "Unverified")
    framework = outline(site_dir / "framework" / "index.html")
    assert framework.section("").paragraphs[0].startswith(" ".join(site.framework.summary.split()[:5]))


def test_open_questions_list_the_case_studies_not_yet_documented(built):
    site_dir, site = built
    section = outline(site_dir / "open-questions" / "index.html").section("not-yet-documented")
    shells = [c for c in site.case_studies.values() if not c.documented]
    assert section.lists == [len(shells)]
    assert number_before(" ".join(section.paragraphs), "case stud(?:y is|ies are) known") == len(shells)
