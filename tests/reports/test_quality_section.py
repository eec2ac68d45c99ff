"""The annual report's multi-agency quality audits section: the audits reported in the year, their
cases, gradings and findings, and their actions complete as at the period end."""

import datetime

import pytest

from actions.updating import record_update
from audits.quality import FindingKind
from audits.quality_actions import make_action
from core.rag import Rag
from reports import annual
from reports.models import AnnualReport, Section, SectionKind

from ..quality_factories import AuditRecommendationFactory, FindingFactory, QualityAuditFactory


@pytest.fixture
def report(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=datetime.date(2016, 4, 1),
        period_end=datetime.date(2017, 3, 31),
    )
    Section.objects.create(
        report=report, number=1, title="Quality audits", kind=SectionKind.QUALITY_AUDITS
    )
    return report


def section_of(report, reader):
    return annual.build(report, reader)["sections"][0]


def test_no_audit_reported_in_the_year(report, office):
    assert section_of(report, office)["paragraphs"] == [
        "No multi-agency quality audit was reported in the year."
    ]


def test_the_years_audits_with_gradings_findings_and_actions_as_at_its_end(
    report, board, subgroup, office, member
):
    audit = QualityAuditFactory(
        board=board,
        group=subgroup,
        theme="Domestic abuse deep dive",
        report_date=datetime.date(2017, 3, 28),
        reported_to="PMQAG",
        cases_looked_after=1,
        cases_child_protection=2,
        cases_child_in_need=2,
        graded_good=1,
        graded_requires_improvement=3,
        not_graded=1,
        child_voice="yes",
    )
    FindingFactory(audit=audit, kind=FindingKind.STRENGTH, text="Timely reporting.")
    FindingFactory(audit=audit, kind=FindingKind.IMPROVEMENT, text="Share with schools.")
    # Reported after the year: not in it
    QualityAuditFactory(
        board=board, group=subgroup, theme="Later", report_date=datetime.date(2017, 4, 2)
    )
    first = make_action(AuditRecommendationFactory(audit=audit, number=1), user=office)
    second = make_action(AuditRecommendationFactory(audit=audit, number=2), user=office)
    for action in (first, second):
        action.created = datetime.datetime(2017, 3, 29, tzinfo=datetime.UTC)
        action.save()
    update = record_update(first, author=office, text="Done", rag=Rag.COMPLETE, comment="Done")
    update.created = datetime.datetime(2017, 3, 30, 12, tzinfo=datetime.UTC)
    update.save()
    record_update(second, author=office, text="Done after the year", rag=Rag.COMPLETE, comment="x")

    section = section_of(report, member)
    assert section["paragraphs"][0] == (
        "1 multi-agency audit reported in the year, of 5 cases, found 1 strength and 1 area for "
        "improvement; as at 31 March 2017, 1 of the 2 actions from their recommendations complete."
    )
    audits, gradings, findings = section["tables"]
    assert audits["rows"] == [
        [
            "Domestic abuse deep dive",
            subgroup.name,
            "28 March 2017, PMQAG",
            "1",
            "2",
            "2",
            "0",
            "5",
            "Yes",
            "1 of 2",
        ]
    ]
    assert gradings["head"] == [
        "Audit",
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Not graded",
    ]
    assert gradings["rows"] == [["Domestic abuse deep dive", "0", "1", "3", "0", "1"]]
    assert findings["caption"] == "Key themes from the Domestic abuse deep dive audit"
    assert findings["rows"] == [
        ["Strength", "Timely reporting."],
        ["Area for improvement", "Share with schools."],
    ]


def test_another_boards_audits_are_not_in_it(report, other_board, office):
    from ..factories import SubgroupFactory

    QualityAuditFactory(
        board=other_board,
        group=SubgroupFactory(board=other_board),
        report_date=datetime.date(2016, 10, 1),
    )
    assert "No multi-agency" in section_of(report, office)["paragraphs"][0]
