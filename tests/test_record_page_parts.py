"""The shared parts of record pages, without a build: names of undocumented cases, counts, edit links."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model import Publication
from generator.pipeline import check
from generator.render.pages.case_studies import render_case_study, render_case_study_index
from generator.render.pages.organizations import render_organization, supporter_text
from generator.render.pages.recommendations import recommendation_count
from generator.render.record_page import case_count, record_heading, undocumented_case_studies, undocumented_section

from .conftest import MINI_SOURCES, make_project


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("parts"), MINI_SOURCES)
    return dataclasses.replace(check(project), publication=Publication(url="https://example.net/", repo_url="https://github.com/owner/repo", edit_uri="edit/main/"))


def test_a_case_without_title_or_summary_is_known_but_not_documented_and_named_after_its_organization(mini):
    case = mini.case_studies["unknown-case"]
    assert not case.documented and not case.title_known
    assert case.title == "Platform Inc's case study (Second batch collection), not yet documented"
    assert all(c.documented for c in mini.case_studies.values() if c is not case)
    assert undocumented_case_studies(mini) == [case]
    # A known summary makes it documented even without a title, and the name then drops "not yet documented".
    assert dataclasses.replace(case, summary="Something.").documented


def test_the_undocumented_case_page_says_what_is_known_and_nothing_more(mini):
    page = render_case_study(mini, mini.case_studies["unknown-case"])
    assert "**Known case study, not yet documented.**" in page
    assert "## Related case studies" not in page and "## Lessons" not in page and '"boost"' not in page
    assert "## Open questions {#open-questions}\n\n2 facts are not yet known:" in page


def test_the_case_index_lists_undocumented_cases_apart(mini):
    index = render_case_study_index(mini)
    table, after = index.split("</table>", 1)
    assert "unknown-case.md" not in table
    assert "## Known case studies not yet documented {#not-yet-documented}" in after and "(unknown-case.md)" in after
    assert "2 documented case studies, newest first" in index and "[1 more is known but not yet documented](#not-yet-documented)" in index
    assert undocumented_section(mini, "open-questions.md", heading_level=3).startswith("### Known case studies not yet documented")


def test_record_pages_link_to_their_file_and_to_a_prefilled_issue(mini):
    page = render_organization(mini, mini.organizations["platform"])
    assert 'edit_url: "https://github.com/owner/repo/edit/main/sources/organizations/platform.yaml"' in page
    assert '<a href="https://github.com/owner/repo/edit/main/sources/organizations/platform.yaml">Edit this record</a>' in page
    assert '<a href="https://github.com/owner/repo/issues/new?title=Correction%3A%20Platform%20Inc&amp;body=Page%3A%20https%3A%2F%2Fexample.net%2Forganizations%2Fplatform%2F' in page
    assert "Record file" not in page and "sources/organizations/platform.yaml</code>" not in page


def test_no_repository_means_no_edit_links_and_other_hosts_get_no_issue_link(mini):
    assert Publication().edit_url("sources/x.yaml") is None
    gitlab = Publication(repo_url="https://gitlab.com/owner/repo", edit_uri="-/edit/main/")
    assert gitlab.edit_url("sources/x.yaml") == "https://gitlab.com/owner/repo/-/edit/main/sources/x.yaml"
    assert gitlab.issue_url("T", "https://example.net/") is None
    site = dataclasses.replace(mini, publication=Publication())
    page = render_organization(site, site.organizations["platform"])
    assert "Edit this record" not in page and "edit_url" not in page


def test_headings_name_the_kind_and_keep_the_plain_titles_anchor(mini):
    assert record_heading(mini.case_studies["studio-face-swap"], "It's 100% <new> & {ok}") == ('# <span class="smf-kind">Case study · </span>It\'s 100% &lt;new&gt; &amp; \\{ok\\} {#its-100-new-ok}\n\n')
    # A title without ASCII letters keeps the anchor the toc gave it before ('_1'), so no id is written.
    assert record_heading(mini.organizations["platform"], "日本語") == '# <span class="smf-kind">Organization · </span>日本語\n\n'


def test_counts_are_phrased_from_the_list_they_describe(mini):
    documented, unknown = mini.case_studies["studio-face-swap"], mini.case_studies["unknown-case"]
    assert case_count([documented]) == "1 documented case study"
    assert case_count([documented, documented, unknown]) == "2 documented case studies, and 1 known but not yet documented"
    assert case_count([unknown]) == "No documented case study yet; 1 known but not yet documented"
    recs = list(mini.recommendations.values())
    statuses = {r.status for r in recs}
    text = recommendation_count(recs)
    assert text.startswith(f"{len(recs)} recommendations recorded")
    for status in statuses:
        assert f"{sum(r.status == status for r in recs)} " in text
    assert recommendation_count(recs[:1]) == "1 recommendation recorded"


def test_an_organization_says_when_it_joined_once(mini):
    org = mini.organizations["platform"]
    assert supporter_text(org).count(">2024<") == 1 and "Joined" not in supporter_text(org)
    assert supporter_text(dataclasses.replace(org, cohort=None)) == "Not a supporter"
    assert supporter_text(dataclasses.replace(org, joined=None)).endswith("date not yet known")
    page = render_organization(mini, org)
    assert page.count("Joined") == 0
