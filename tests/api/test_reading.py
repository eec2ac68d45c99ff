"""What a token reads: exactly what its person sees on the pages (the same scoped querysets)."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse

from actions.models import Plan
from actions.updating import record_update
from audits.compliance import FEWER
from audits.models import Rating, SubmissionStatus
from audits.submitting import record_results
from reports import annual
from reports.models import AnnualReport, Section, SectionKind
from reviews.models import Status

from ..factories import AgencyFactory, BoardAgencyFactory, SubmissionFactory
from .tokens import api_get


def results(answer):
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def test_plans_are_those_the_person_sees(client, board, action, lead_x, office, other_board_action):
    record_update(action, author=office, text="Started", rag="A")
    record_update(action, author=office, text="On track now", rag="G")
    for person in (lead_x, office):
        listed = {p["id"] for p in results(api_get(client, person, reverse("api:plans")))}
        assert listed == set(Plan.objects.visible_to(person).values_list("pk", flat=True))
        assert other_board_action.plan_id not in listed
    plan = api_get(client, lead_x, reverse("api:plan", args=[action.plan_id])).json()
    (only,) = plan["actions"]
    assert (
        only["ref"] == "1.1" and only["rag"] == "G" and only["owners"] == [str(action.owners.get())]
    )
    assert [(u["rag"], u["text"]) for u in only["updates"]] == [
        ("G", "On track now"),
        ("A", "Started"),
    ]
    other = reverse("api:plan", args=[other_board_action.plan_id])
    assert api_get(client, lead_x, other).status_code == 404


def test_plans_filter_by_board(client, member, plan, board):
    assert results(api_get(client, member, reverse("api:plans") + f"?board={board.pk}"))
    assert results(api_get(client, member, reverse("api:plans") + "?board=999999")) == []


@pytest.fixture
def returns(audit_cycle, board, agency_x, agency_y):
    """Agency X's and Y's submitted returns, fully meeting every criterion."""
    made = []
    for agency in (agency_x, agency_y):
        submission = SubmissionFactory(
            cycle=audit_cycle, agency=agency, status=SubmissionStatus.SUBMITTED
        )
        for standard in audit_cycle.framework.standards.all():
            for criterion in standard.criteria.all():
                submission.answers.create(criterion=criterion, rating=Rating.FULLY)
        record_results(submission)
        made.append(submission)
    return made


def test_a_lead_sees_only_their_agencys_returns(client, returns, lead_x, office, member):
    mine = results(api_get(client, lead_x, reverse("api:section_11_returns")))
    assert [(r["agency"], r["status"]) for r in mine] == [("Testshire Police", "submitted")]
    assert [r["rating"] for r in mine[0]["results"]] == ["fully", "fully"]
    assert len(results(api_get(client, office, reverse("api:section_11_returns")))) == 2
    assert results(api_get(client, member, reverse("api:section_11_returns"))) == []


def test_results_are_suppressed_as_on_the_report(client, audit_cycle, returns, member, board):
    url = reverse("api:section_11_results", args=[audit_cycle.pk])
    two = api_get(client, member, url).json()
    assert two["returns"] == 2 and two["fully_met_every_standard"] == FEWER
    assert two["standards"][0]["counts"]["fully"] == FEWER
    assert two["standards"][0]["percent_fully_met"] == FEWER
    agency = BoardAgencyFactory(board=board, agency=AgencyFactory(name="Agency Z")).agency
    third = SubmissionFactory(cycle=audit_cycle, agency=agency, status=SubmissionStatus.ACCEPTED)
    for standard in audit_cycle.framework.standards.all():
        for criterion in standard.criteria.all():
            third.answers.create(criterion=criterion, rating=Rating.FULLY)
    record_results(third)
    three = api_get(client, member, url).json()
    assert three["fully_met_every_standard"] == 3
    assert three["percent_fully_met_every_standard"] == 100
    first = three["standards"][0]
    assert first["counts"] == {"fully": 3, "partially": 0, "not_met": 0, "not_applicable": 0}
    assert first["percent_fully_met"] == 100 and first["title"] == "A clear line of accountability"
    assert [c["text"] for c in three["criteria"]][0] == "Commissioning requires safeguarding"


def test_an_analysts_token_reads_the_scorecard_and_its_series(client, member, measurement, board):
    indicator = measurement.indicator
    indicator.measurements.create(period_end=datetime.date(2016, 3, 31), value="79.0")
    scorecard = api_get(client, member, reverse("api:scorecard", args=[board.pk])).json()
    assert scorecard["as_at"] == "2017-03-31"
    (row,) = scorecard["rows"]
    assert row["indicator"]["code"] == "CS2.0" and row["value"] == 82.1
    assert (row["target"], row["rag"], row["trend"]) == (85, "A", "improving")
    series = results(api_get(client, member, reverse("api:scorecard_series", args=[board.pk])))
    assert [(r["code"], r["period_end"], r["value"]) for r in series] == [
        ("CS2.0", "2016-03-31", 79.0),
        ("CS2.0", "2017-03-31", 82.1),
    ]
    asked = reverse("api:scorecard", args=[board.pk]) + "?as_at=2016-04-30"
    assert api_get(client, member, asked).json()["rows"][0]["value"] == 79.0
    bad = api_get(client, member, reverse("api:scorecard", args=[board.pk]) + "?as_at=2017-02-30")
    assert bad.status_code == 400 and "not a real date" in bad.json()["as_at"][0]


def test_another_boards_scorecard_is_not_found(client, outsider, measurement, board):
    for name in ("api:scorecard", "api:scorecard_series"):
        assert api_get(client, outsider, reverse(name, args=[board.pk])).status_code == 404


def test_only_published_reviews_and_only_to_their_readers(client, case_review, member, lead_x):
    url = reverse("api:review", args=[case_review.pk])
    assert results(api_get(client, member, reverse("api:reviews"))) == []
    assert api_get(client, member, url).status_code == 404
    case_review.status = Status.PUBLISHED
    case_review.save()
    (review,) = results(api_get(client, member, reverse("api:reviews")))
    assert review["reference"] == "Child Q" and len(review["lessons"]) == 1
    assert api_get(client, member, url).json()["lessons"][0]["number"] == 1
    assert results(api_get(client, lead_x, reverse("api:reviews"))) == []
    assert api_get(client, lead_x, url).status_code == 404


@pytest.fixture
def publication(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=datetime.date(2016, 4, 1),
        period_end=datetime.date(2017, 3, 31),
    )
    Section.objects.create(
        report=report,
        number=1,
        title="Budget",
        kind=SectionKind.TABLE,
        table=[["Item", "Amount"], ["Chair", "=1+1"], ["Training", "500"]],
    )
    return annual.publish(report, office)


def test_published_tables_as_frozen(client, publication, member, outsider):
    (listed,) = results(api_get(client, member, reverse("api:publications")))
    assert listed["version"] == 1 and listed["title"] == "Annual Report 2016-17"
    detail = api_get(client, member, reverse("api:publication", args=[publication.pk])).json()
    (table,) = detail["tables"]
    assert (table["section"], table["caption"], table["head"]) == (1, "Budget", ["Item", "Amount"])
    assert table["rows"] == [["Chair", "=1+1"], ["Training", "500"]]
    url = reverse("api:publication", args=[publication.pk])
    assert api_get(client, outsider, url).status_code == 404


def test_a_published_versions_tables_as_csv_beside_its_pdf(login_as, publication, outsider):
    url = reverse("reports:publication", args=[publication.pk, "zip"])
    page = login_as("member").get(publication.get_absolute_url()).content.decode()
    assert url in page
    answer = login_as("member").get(url)
    assert answer["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert archive.namelist() == ["01-1-budget.csv"]
    text = archive.read("01-1-budget.csv").decode("utf-8-sig")
    assert text.splitlines() == [
        "Item,Amount",
        "Chair,'=1+1",
        "Training,500",
    ]  # formula neutralised
    login_as(outsider)
    assert login_as(outsider).get(url).status_code == 404
