"""The real records' integrity: what readers rely on, pinned without pinning the exact numbers."""

from __future__ import annotations

import re

import pytest

from generator.pipeline import Project, check

from .conftest import ROOT

SITE = check(Project(ROOT))


def test_the_three_named_stakeholder_groups_exist():
    assert {"builders", "creators", "distributors"} <= set(SITE.stakeholders)


def test_every_stakeholder_group_has_a_recommendation():
    for stakeholder in SITE.stakeholders.values():
        assert SITE.recommendations_for(stakeholder), stakeholder.id


@pytest.mark.parametrize("case", SITE.case_studies.values(), ids=lambda c: c.id)
def test_every_case_study_has_an_organization_and_a_source(case):
    assert case.organization.id in SITE.organizations
    assert case.citations


@pytest.mark.parametrize("case", [c for c in SITE.case_studies.values() if c.status == "confirmed"], ids=lambda c: c.id)
def test_confirmed_case_studies_have_summary_lessons_and_practices(case):
    assert case.summary and case.lessons and case.practices and case.url and case.published


def test_every_reference_has_an_http_url():
    for ref in SITE.references.values():
        assert re.match(r"^https?://", ref.url), ref.id


def test_every_record_that_is_not_confirmed_says_what_is_missing():
    for record in SITE.all_records():
        if record.status != "confirmed":
            assert record.missing, record.id


def test_weak_sources_never_stand_alone_behind_a_confirmed_record():
    for record in SITE.all_records():
        citations = getattr(record, "citations", ())
        if record.status == "confirmed" and citations:
            assert any(c.reference.reliability != "weak" for c in citations), record.id


def test_supporters_have_a_cohort_and_the_convener_is_an_organization():
    supporters = [o for o in SITE.organizations.values() if o.is_supporter]
    assert len(supporters) >= 10
    assert SITE.framework.convener.id in SITE.organizations


def test_conflicts_cite_at_least_two_sources():
    for record in SITE.all_records():
        for conflict in record.conflicts:
            assert len({c.reference.id for c in conflict.citations}) >= 2, record.id
