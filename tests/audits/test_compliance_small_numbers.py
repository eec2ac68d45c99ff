"""Small-number suppression: a compliance figure worked out from fewer than 3 returns shows
"fewer than 3" in the report page, its CSV and XLSX, the dashboard and the annual report, so one
agency's answers cannot be read off a breakdown. The office still reads each return itself."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from audits.compliance import FEWER, compliance
from audits.models import Rating, SubmissionStatus
from audits.submitting import record_results
from boards.models import Sector
from core.spreadsheets import read_table
from reports.annual import section_11

from ..factories import AgencyFactory, BoardAgencyFactory, SubmissionFactory
from ..helpers import page
from .test_compliance import answer, returns  # noqa: F401  (the fixture)


def test_two_returns_show_fewer_than_3_instead_of_their_figures(audit_cycle, returns):  # noqa: F811
    report = compliance(audit_cycle)
    assert report.responses == 2  # how many returns came in is no one agency's answer
    for row in report.standards + report.criteria:
        assert row.fully == FEWER
        assert set(row.counts.values()) == {FEWER}
    assert report.fully_compliant == FEWER
    assert report.fully_compliant_headline == FEWER
    assert all(n == FEWER for _, n, values in report.sectors for n in [n, *values])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exports_show_fewer_than_3(audit_cycle, returns, login_as, fmt):  # noqa: F811
    response = login_as("member").get(reverse("audits:report_export", args=[audit_cycle.pk, fmt]))
    rows = read_table(f"report.{fmt}", response.content)
    first = next(r for r in rows if r and r[0].startswith("1. "))
    assert [str(v) for v in first[1:6]] == [FEWER] * 5
    assert [str(v) for v in rows[-1][:4]] == ["Responses", "2", "Fully met every standard", FEWER]


def test_the_page_shows_fewer_than_3_and_no_percentages(audit_cycle, returns, login_as):  # noqa: F811
    html = page(login_as("member"), reverse("audits:report", args=[audit_cycle.pk]))
    assert html.count(FEWER) >= 10
    assert re.findall(r">\s*\d+%", html) == []  # no percentage shown anywhere
    assert 'width=""' not in html  # the chart draws suppressed bars empty, not broken


def test_a_small_sector_is_suppressed_beside_a_large_one(audit_cycle, board, returns, login_as):  # noqa: F811
    # Three fully met returns from schools: schools are shown, the two other returns are not.
    for name in ("S1", "S2", "S3"):
        agency = AgencyFactory(name=f"School {name}", sector=Sector.SCHOOL)
        BoardAgencyFactory(board=board, agency=agency)
        submission = SubmissionFactory(
            cycle=audit_cycle, agency=agency, status=SubmissionStatus.SUBMITTED
        )
        for standard in audit_cycle.framework.standards.all():
            for criterion in standard.criteria.all():
                answer(submission, criterion, Rating.FULLY)
        record_results(submission)
    report = compliance(audit_cycle)
    sectors = {group: (n, values) for group, n, values in report.sectors}
    assert sectors["Schools"] == (3, [100, 100])
    (small,) = [group for group in sectors if group != "Schools"]
    assert sectors[small] == (FEWER, [FEWER, FEWER])
    # Five returns overall: the standards' figures are shown again.
    assert [row.fully for row in report.standards] == [80, 100]
    html = page(login_as("member"), reverse("audits:report", args=[audit_cycle.pk]))
    assert "80%" in html


def test_the_annual_report_and_dashboard_say_fewer_than_3(
    audit_cycle,
    returns,  # noqa: F811
    login_as,
    office,
    board,
):
    built = section_11(
        SimpleNamespace(audit_cycle_id=audit_cycle.pk, audit_cycle=audit_cycle),
        SimpleNamespace(board=board, period_end=datetime.date.today()),  # returns made today count
        office,
    )
    cells = [cell for table in built["tables"] for row in table["rows"] for cell in row]
    assert FEWER in cells and "50%" not in cells
    assert "fully met every standard" not in built["paragraphs"][0]
    assert all(v is None for bar in built["chart"]["bars"] for v in bar["values"])
