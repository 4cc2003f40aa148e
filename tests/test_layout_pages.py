"""The home page, the case-study index's filter counts, /coverage/ and /open-questions/: what they say agrees with the records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.load import load_sources
from generator.pipeline import Project, check
from generator.render.pages.case_index import facet_counts, filter_form
from generator.render.pages.coverage import render_coverage, short_title
from generator.render.pages.home import NEWEST, first_sentences, is_documented, render_home
from generator.render.pages.open_questions import distinct_conflicts, render_open_questions
from generator.resolve import build_site
from generator.validate import validate

from .conftest import MINI_SOURCES, ROOT


@pytest.fixture(scope="module", params=["mini", "real"])
def site(request):
    if request.param == "real":
        return check(Project(ROOT))
    loaded, problems = load_sources(MINI_SOURCES)
    assert problems + validate(loaded) == []
    return build_site(loaded)


def _section(text: str, heading: str) -> str:
    """The Markdown from a level-2 heading to the next one."""
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_home_says_what_the_framework_is_from_its_record_with_its_date_link_and_sources(site) -> None:
    fw = site.framework
    home = render_home(site)
    section = _section(home, "The framework")
    sentences = first_sentences(fw.summary)
    assert sentences and " ".join(sentences.split()) in " ".join(section.split())
    assert fw.launched.human in section and fw.url in section
    assert "Sources: [" in section and f"references/{fw.citations[0].reference.id}.md" in section


def test_home_lists_each_group_with_as_many_recommendations_as_it_says(site) -> None:
    section = _section(render_home(site), "What it asks of each group")
    for stakeholder in site.stakeholders.values():
        recs = site.recommendations_for(stakeholder)
        start = section.index(f"recommendations/{stakeholder.id}.md)")
        block = section[start : section.find("\n- ", start)]
        said = int(re.search(r"(\d+) recommendations? recorded", block).group(1))
        listed = re.findall(r"^    - \[", block, re.M)
        assert said == len(recs) == len(listed), stakeholder.id


def test_home_shows_the_newest_documented_case_studies(site) -> None:
    section = _section(render_home(site), "Newest case studies")
    documented = [c for c in site.case_studies_sorted() if is_documented(c)]
    linked = [id for id in re.findall(r"\]\(case-studies/([a-z0-9-]+)\.md\)", section) if id != "index"]
    assert linked == [c.id for c in documented[:NEWEST]]
    for case in documented[:NEWEST]:
        assert case.organization.short_name.replace("&", "&amp;") in section
    undocumented = len(site.case_studies) - len(documented)
    if undocumented:
        assert f"{undocumented} more" in section


def test_home_counts_are_the_lengths_of_the_lists_they_link(site) -> None:
    home = render_home(site)
    counts = {target: int(n) for n, target in re.findall(r"\[\*\*(\d+)\*\* [^\]]+\]\(([^)]+)\)", home)}
    assert counts["case-studies/index.md"] == sum(1 for c in site.case_studies.values() if is_documented(c))
    assert counts["organizations/index.md"] == sum(1 for o in site.organizations.values() if o.is_supporter)
    assert counts["recommendations/index.md"] == len(site.recommendations)
    assert counts["references/index.md"] == len(site.references)
    for page in ("graph.md", "coverage.md", "open-questions.md", "data/index.md"):
        assert f"]({page})" in _section(home, "Explore the record")


def test_each_filter_option_counts_the_case_studies_it_shows(site) -> None:
    cases = site.case_studies_sorted()
    form = filter_form(site, cases)
    counts = facet_counts(cases)
    options = re.findall(r'<select name="(\w+)">(.*?)</select>', form)
    assert options
    for name, body in options:
        for value, shown in re.findall(r'<option value="([^"]+)">[^<]* \((\d+)\)</option>', body):
            expected = {
                "org": lambda c, value=value: c.organization.id == value,
                "role": lambda c, value=value: (c.role or "unknown") == value,
                "collection": lambda c, value=value: c.collection.id == value,
                "year": lambda c, value=value: (str(c.published.year) if c.published else "unknown") == value,
                "practice": lambda c, value=value: any(p.id == value for p in c.practices),
                "tag": lambda c, value=value: any(t.id == value for t in c.tags),
            }[name]
            assert int(shown) == counts[name][value] == sum(1 for c in cases if expected(c)), (name, value)


def test_coverage_names_each_column_by_its_case_and_keeps_the_matrix_in_its_box(site) -> None:
    page = render_coverage(site)
    box = page[page.index('<div class="smf-coverage"') :]
    assert "smf-sr-only" not in page[: page.index('<div class="smf-coverage"')]
    for case in (c for c in site.case_studies_sorted() if c.practices):
        assert f'href="../case-studies/{case.id}/"' in box  # its page's address, from /coverage/
        assert short_title(case).replace("&", "&amp;")[:10] in box.replace("\\", "")
    # The theme wraps only tables without a class in a scroll box of its own.
    assert '<table class="smf-coverage__table"' in box


def test_short_titles_cut_at_a_word(site) -> None:
    for case in site.case_studies.values():
        short = short_title(case, 30)
        assert len(short) <= 30
        assert short == case.title or (short.endswith("…") and case.title.startswith(short[:-1]))


def test_open_questions_list_each_conflict_once_and_fold_the_rest(site) -> None:
    page = render_open_questions(site)
    conflicts = distinct_conflicts(site)
    section = _section(page, "Conflicts between sources")
    assert len(re.findall(r"^- \*\*", section, re.M)) == len(conflicts)
    noted = sum(len(r.conflicts) for r in site.all_records())
    assert sum(len(records) for _, records in conflicts) == noted
    assert "Record file" not in page and "sources/" not in page
    overview = page[page.index('<ul class="smf-oq-overview"') : page.index("</ul>")]
    for heading, count in re.findall(r"\[([^\]]+)\]\(#[\w-]+\): (\d+) ", overview):
        body = _section(page, heading)
        if heading == "Conflicts between sources":
            continue
        assert "<details" in body or int(count) == 0
        assert len(re.findall(r"^- \[", body, re.M)) == int(count), heading


def test_real_conflicts_noted_twice_are_shown_once() -> None:
    site = check(Project(Path(ROOT)))
    notes = sum(len(r.conflicts) for r in site.all_records())
    assert len(distinct_conflicts(site)) < notes, "the records note some conflicts on two records; expected them merged"
