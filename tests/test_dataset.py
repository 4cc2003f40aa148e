"""The real records' integrity: what readers rely on, pinned without pinning the exact numbers."""

from __future__ import annotations

import re

import pytest

from generator.pipeline import Project, check

from .conftest import ROOT

CASE_IDS = sorted(path.stem for path in (ROOT / "sources" / "case-studies").glob("*.yaml"))


@pytest.fixture(scope="module")
def site():
    """The real records' model, built once for this module when its first test runs (not at import)."""
    return check(Project(ROOT))


def test_the_three_named_stakeholder_groups_exist(site):
    assert {"builders", "creators", "distributors"} <= set(site.stakeholders)


def test_every_stakeholder_group_has_a_recommendation(site):
    for stakeholder in site.stakeholders.values():
        assert site.recommendations_for(stakeholder), stakeholder.id


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_case_study_has_an_organization_and_a_source(site, case_id):
    case = site.case_studies[case_id]
    assert case.organization.id in site.organizations
    assert case.citations


def test_confirmed_case_studies_have_summary_lessons_and_practices(site):
    confirmed = [c for c in site.case_studies.values() if c.status == "confirmed"]
    assert confirmed
    for case in confirmed:
        assert case.summary and case.lessons and case.practices and case.url and case.published, case.id


def test_every_reference_has_an_http_url(site):
    for ref in site.references.values():
        assert re.match(r"^https?://", ref.url), ref.id


def test_every_record_that_is_not_confirmed_says_what_is_missing(site):
    for record in site.all_records():
        if record.status != "confirmed":
            assert record.missing, record.id


def test_weak_sources_never_stand_alone_behind_a_confirmed_record(site):
    for record in site.all_records():
        citations = getattr(record, "citations", ())
        if record.status == "confirmed" and citations:
            assert any(c.reference.reliability != "weak" for c in citations), record.id


def test_supporters_have_a_cohort_and_the_convener_is_an_organization(site):
    supporters = [o for o in site.organizations.values() if o.is_supporter]
    assert len(supporters) >= 10
    assert site.framework.convener.id in site.organizations


def test_conflicts_cite_at_least_two_sources(site):
    for record in site.all_records():
        for conflict in record.conflicts:
            assert len({c.reference.id for c in conflict.citations}) >= 2, record.id
