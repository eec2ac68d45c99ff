"""The lists added with the serious incident pipeline and safeguarding adults reviews answer in the
same number of queries with a realistic amount of data and with ten times as much (DESIGN.md: lists
assert their query count with 10 times the demo data): the monitoring page, the information
requests as the office, the case review group and an agency's lead see them, the SAR list and the
SAR library export."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.clocks import add_working_days
from reviews.incidents import Decision, LcsprDecision
from reviews.models import InformationRequest, ReviewKind, Status
from reviews.sar import S44Decision
from reviews.workflow import move

from ..helpers import assert_queries_do_not_grow
from ..reviews_factories import CaseReviewFactory, LearningThemeFactory, LessonFactory
from .sar_fixtures import *  # noqa: F403  (the adults board and its people: fixtures)
from .sar_fixtures import new_sar

TODAY = timezone.localdate


def grow_incidents(board, agencies, office, n):
    """`n` rapid reviews, each with every clock (a practice review decided on every other one) and
    every agency asked: one return in on time, the others late, awaited or overdue."""

    def grow():
        today = TODAY()
        for i in range(n):
            review = CaseReviewFactory(
                board=board,
                kind=ReviewKind.RAPID,
                known_date=today - timedelta(days=40),
                notified_date=today - timedelta(days=39),
            )
            if i % 2:
                LcsprDecision.objects.create(
                    review=review,
                    decision=Decision.LCSPR,
                    reasons="Learning for the partnership.",
                    decided_on=today - timedelta(days=20),
                    lcspr_start=today - timedelta(days=10),
                )
            for j, agency in enumerate(agencies):
                due = add_working_days(today, 5) if (i + j) % 2 else today - timedelta(days=3)
                returned = {0: due, 1: due + timedelta(days=1)}.get((i + j) % 4)
                InformationRequest.objects.create(
                    review=review,
                    agency=agency,
                    due=due,
                    asked_by=office,
                    submitted_on=returned,
                    submitted_by=office if returned else None,
                )

    return grow


@pytest.mark.parametrize("who", ["office", "crg_member", "lead_x"])
@pytest.mark.parametrize("query", ["", "?state=overdue", "?state=late"])
def test_information_requests_queries_do_not_grow(
    login_as, board, office, agency_x, agency_y, lead_x, who, query
):
    client = login_as(who)
    url = reverse("reviews:information_requests") + query
    grow_incidents(board, [agency_x, agency_y], office, 9)()  # the demo has 9 reviews
    assert_queries_do_not_grow(client, url, grow_incidents(board, [agency_x, agency_y], office, 81))
    assert client.get(url).context["requests"].count() > 9


@pytest.mark.parametrize("who", ["office", "crg_member"])
@pytest.mark.parametrize("query", ["", "?clock=overdue"])
def test_monitoring_queries_do_not_grow(login_as, board, office, agency_x, agency_y, who, query):
    client = login_as(who)
    url = reverse("reviews:monitoring", args=[board.pk]) + query
    grow_incidents(board, [agency_x, agency_y], office, 9)()
    assert_queries_do_not_grow(client, url, grow_incidents(board, [agency_x, agency_y], office, 81))
    assert len(client.get(url).context["rows"]) > 9


def grow_sars(board, n):
    """`n` SARs, every other one decided, with its coversheet and a lesson with two themes, and
    published."""

    def grow():
        themes = [LearningThemeFactory(board=board) for _ in range(2)]
        for i in range(n):
            review = new_sar(board, reference=f"Adult {board.pk}-{i}-{n}")
            if i % 2:
                continue
            details = review.sar
            details.decision, details.decided_on = S44Decision.MANDATORY, date(2024, 4, 2)
            details.methodology, details.age_band, details.gender = "silp", "85+", "female"
            details.abuse_types = ["physical", "organisational"]
            details.save()
            LessonFactory(review=review, number=1).themes.add(*themes)
            move(review, Status.PUBLISHED, user=None, on=date(2024, 11, 5))

    return grow


@pytest.mark.parametrize("who", ["sab_office", "sab_member", "sar_group"])
def test_sar_list_queries_do_not_grow(client, sab, sab_people, who):
    client.force_login(sab_people[who])
    url = reverse("reviews:sar_list", args=[sab.pk])
    grow_sars(sab, 6)()  # the demo's adults board has a few SARs
    assert_queries_do_not_grow(client, url, grow_sars(sab, 54))
    assert len(client.get(url).context["reviews"]) == 60


def export_queries(client, url):
    """Queries taken to answer the export and read it whole."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response) if response.streaming else response.content
    return len(context.captured_queries), body


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_sar_library_export_queries_do_not_grow(client, sab, sab_people, fmt):
    client.force_login(sab_people["sab_office"])
    url = reverse("reviews:sar_export", args=[sab.pk, fmt])
    grow_sars(sab, 6)()
    before, _ = export_queries(client, url)
    grow_sars(sab, 54)()
    after, body = export_queries(client, url)
    assert after == before, f"{url}: {before} queries before growing the data, {after} after"
    if fmt == "csv":  # the header and 30 published, each with its lesson's two themes
        lines = body.decode("utf-8-sig").splitlines()
        assert (
            len(lines) == 31
            and sum(",Theme " in line and "; Theme " in line for line in lines) == 30
        )
