"""The compliance report: counted from submitted returns in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.compliance import compliance, percent, summary
from audits.models import AuditCycle, Rating, SubmissionStatus
from audits.submitting import record_results, review, submit

from ..factories import AgencyFactory, BoardAgencyFactory, SubmissionFactory

PUBLISHED_2015 = [98, 97, 96, 95, 95, 95, 94, 94, 96]
PUBLISHED_2016 = [97, 98, 97, 95, 96, 93, 93, 94, 97]


@pytest.fixture
def demo(demo_board):
    return AuditCycle.objects.get(name="Section 11 audit 2016-17")


def test_demo_reproduces_the_published_table_for_both_years(demo):
    report = compliance(demo)
    assert report.responses == 433
    assert report.previous.responses == 486
    assert report.response_change == -53
    assert [row.fully for row in report.standards] == PUBLISHED_2016
    assert [row.previous for row in report.standards] == PUBLISHED_2015
    assert [row.change for row in report.standards] == [-1, 1, 1, 0, 1, -2, -1, 0, 1]


def test_demo_report_page_shows_the_table(demo, client):
    from accounts.models import User

    client.force_login(User.objects.get(email="member@demo.lscb.test"))
    html = client.get(f"/audits/{demo.pk}/report/").content.decode()
    assert "Number of responses" in html
    assert "486" in html and "433" in html and "-53" in html
    assert "Had a designated professional lead" in html


def test_demo_sector_breakdown_counts_schools_gps_and_statutory_partners(demo):
    sectors = {group: responses for group, responses, _ in compliance(demo).sectors}
    assert sectors["Schools"] == 205
    assert sectors["GPs"] == 47
    assert sectors["Statutory partners"] == 15


def answer(submission, criterion, rating):
    submission.answers.create(criterion=criterion, rating=rating, improvement_action="Fix it")


@pytest.fixture
def returns(audit_cycle, board):
    """Three returns: A fully meets everything, B partially meets 1.2, C is a draft (never counted)."""
    criteria = {
        f"{c.standard.number}.{c.number}": c
        for s in audit_cycle.framework.standards.all()
        for c in s.criteria.all()
    }
    made = []
    for name, ratings, status in [
        (
            "A",
            {"1.1": Rating.FULLY, "1.2": Rating.FULLY, "2.1": Rating.FULLY},
            SubmissionStatus.SUBMITTED,
        ),
        (
            "B",
            {"1.1": Rating.FULLY, "1.2": Rating.PARTIALLY, "2.1": Rating.NOT_APPLICABLE},
            SubmissionStatus.ACCEPTED,
        ),
        (
            "C",
            {"1.1": Rating.NOT_MET, "1.2": Rating.NOT_MET, "2.1": Rating.NOT_MET},
            SubmissionStatus.DRAFT,
        ),
    ]:
        agency = BoardAgencyFactory(board=board, agency=AgencyFactory(name=f"Agency {name}")).agency
        submission = SubmissionFactory(cycle=audit_cycle, agency=agency, status=status)
        for ref, rating in ratings.items():
            answer(submission, criteria[ref], rating)
        record_results(submission)
        made.append(submission)
    return made


def fully_met_returns(cycle, board, names):
    """More submitted returns meeting every criterion fully (counts of 3 or more are shown)."""
    for name in names:
        agency = BoardAgencyFactory(board=board, agency=AgencyFactory(name=f"Agency {name}")).agency
        submission = SubmissionFactory(
            cycle=cycle, agency=agency, status=SubmissionStatus.SUBMITTED
        )
        for standard in cycle.framework.standards.all():
            for criterion in standard.criteria.all():
                answer(submission, criterion, Rating.FULLY)
        record_results(submission)


@pytest.fixture
def four_returns(audit_cycle, board, returns):
    """A, B and two more fully met returns (D, E), all counted; C still a draft."""
    fully_met_returns(audit_cycle, board, ["D", "E"])
    return returns


def test_counts_per_standard_and_criterion_leave_out_drafts(audit_cycle, four_returns):
    report = compliance(audit_cycle)
    assert report.responses == 4
    first, second = report.standards
    assert first.counts == {
        Rating.FULLY: 3,
        Rating.PARTIALLY: 1,
        Rating.NOT_MET: 0,
        Rating.NOT_APPLICABLE: 0,
    }
    assert first.fully == 75
    assert second.counts[Rating.NOT_APPLICABLE] == 1
    assert second.fully == 100  # not applicable is left out of the percentage
    assert [row.fully for row in report.criteria] == [100, 75, 100]
    assert report.fully_compliant == 3


def test_report_queries_do_not_grow_with_returns(audit_cycle, returns, board):
    def queries():
        with CaptureQueriesContext(connection) as context:
            compliance(audit_cycle)
        return len(context.captured_queries)

    before = queries()
    for number in range(20):
        agency = BoardAgencyFactory(board=board, agency=AgencyFactory(name=f"More {number}")).agency
        submission = SubmissionFactory(
            cycle=audit_cycle, agency=agency, status=SubmissionStatus.SUBMITTED
        )
        for criterion in returns[0].answers.values_list("criterion", flat=True):
            submission.answers.create(criterion_id=criterion, rating=Rating.FULLY)
        record_results(submission)
    assert queries() == before


def test_summary_is_kept_until_a_return_enters_or_leaves_the_count(audit_cycle, returns, office):
    audit_cycle.refresh_from_db()  # recording the returns' results changed its token
    assert summary(audit_cycle).responses == 2
    with CaptureQueriesContext(connection) as context:
        kept = summary(AuditCycle.objects.get(pk=audit_cycle.pk))
    assert kept.responses == 2
    assert len(context.captured_queries) == 2  # the cycle, and its summary from the cache table

    draft, counted = returns[2], returns[1]
    submit(draft, user=office, name="Jo Bloggs", role="Head teacher")
    now = summary(AuditCycle.objects.get(pk=audit_cycle.pk))
    assert now.responses == 3
    assert now.standards[0].counts[Rating.NOT_MET] == 1  # C's answers are counted too

    review(counted, user=office, accept=False, comment="Please add evidence")
    assert summary(AuditCycle.objects.get(pk=audit_cycle.pk)).responses == 2


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(420, 433, 97), (1, 2, 50), (1, 3, 33), (2, 3, 67), (0, 0, None)],
)
def test_percent_rounds_halves_up(part, whole, expected):
    assert percent(part, whole) == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_report_exports_hold_the_same_numbers(audit_cycle, four_returns, login_as, fmt):
    from core.spreadsheets import read_table

    response = login_as("member").get(f"/audits/{audit_cycle.pk}/report.{fmt}")
    assert response.status_code == 200
    rows = read_table(f"report.{fmt}", response.content)
    first = next(r for r in rows if r and r[0].startswith("1. "))
    assert [str(v) for v in first[1:6]] == ["3", "1", "0", "0", "75"]
    assert ["Responses", "4", "Fully met every standard", "3"] == [str(v) for v in rows[-1][:4]]
