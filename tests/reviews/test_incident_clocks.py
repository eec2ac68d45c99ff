"""The decision after a rapid review and its 6-month clock to publication (calendar months, Working
Together 2023), due dates of agencies' returns across bank holidays, and the monitoring page of time
and quality per review."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Event
from reviews.clock_alerts import check_clocks
from reviews.clocks import (
    PUBLICATION_CLOCK,
    ClockState,
    add_months,
    add_working_days,
    publication_due,
)
from reviews.incident_forms import working_day_problem
from reviews.models import CaseReview, InformationRequest, LcsprDecision, ReviewKind

from ..reviews_factories import CaseReviewFactory

TODAY = timezone.localdate


def dmy(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.mark.parametrize(
    "start, due, why",
    [
        (date(2025, 3, 14), date(2025, 9, 14), "an ordinary date: the same day 6 months on"),
        (date(2025, 8, 31), date(2026, 2, 28), "31 August: the end of February"),
        (date(2027, 8, 31), date(2028, 2, 29), "into a leap year's February"),
        (date(2025, 12, 25), date(2026, 6, 25), "a bank holiday start counts: calendar months"),
        (date(2025, 7, 15), date(2026, 1, 15), "across the new year"),
    ],
)
def test_the_publication_clock_counts_six_calendar_months(start, due, why):
    assert publication_due(start) == due, why
    assert add_months(start, 6) == due


@pytest.mark.parametrize(
    "day, fine",
    [
        (date(2025, 4, 18), False),  # Good Friday
        (date(2025, 4, 21), False),  # Easter Monday
        (date(2025, 5, 5), False),  # early May bank holiday
        (date(2025, 8, 25), False),  # summer bank holiday
        (date(2026, 12, 28), False),  # Boxing Day's substitute
        (date(2025, 1, 2), True),  # a Scottish holiday only
        (date(2025, 4, 22), True),  # the Tuesday after Easter
    ],
)
def test_due_dates_across_bank_holidays(day, fine):
    assert (working_day_problem(day) is None) is fine


@pytest.fixture
def rapid(board):
    """A rapid review completed in 2025: the notification and rapid review clocks both met."""
    known = date(2025, 6, 2)
    notified = add_working_days(known, 3)
    return CaseReviewFactory(
        board=board,
        reference="Child S",
        kind=ReviewKind.RAPID,
        known_date=known,
        notified_date=notified,
        rapid_review_date=add_working_days(notified, 15),
    )


def decide(client, review, **data):
    return client.post(reverse("reviews:lcspr_decision", args=[review.pk]), data)


def test_a_yes_needs_the_start_and_a_no_has_none_and_reasons_are_required(login_as, rapid):
    client = login_as("office")
    response = decide(client, rapid, decision="lcspr", **dmy("decided_on", date(2025, 7, 1)))
    page = response.content.decode()
    assert "Enter the date the practice review started" in page
    assert "Give the reasons for the decision" in page
    response = decide(
        client,
        rapid,
        decision="none",
        reasons="The rapid review found the learning already in hand.",
        **dmy("decided_on", date(2025, 7, 1)),
        **dmy("lcspr_start", date(2025, 7, 2)),
    )
    assert "Leave the start empty" in response.content.decode()
    assert not LcsprDecision.objects.exists()


def test_a_yes_starts_the_six_month_clock_shown_on_the_review(login_as, rapid):
    client = login_as("office")
    start = date(2025, 8, 31)
    response = decide(
        client,
        rapid,
        decision="lcspr",
        reasons="The case meets the criteria: learning about multi-agency working.",
        **dmy("decided_on", date(2025, 8, 29)),
        **dmy("lcspr_start", start),
    )
    assert response.status_code == 302
    decision = LcsprDecision.objects.get(review=rapid)
    assert decision.publication_due == date(2026, 2, 28)
    assert decision.history.first().history_user is not None
    page = client.get(rapid.get_absolute_url()).content.decode()
    assert PUBLICATION_CLOCK in page and "Sat 28 Feb 2026" in page
    review = CaseReview.objects.get(pk=rapid.pk)
    clock = review.clocks()[-1]
    assert clock.name == PUBLICATION_CLOCK
    assert clock.state(date(2026, 3, 2)) == ClockState.OVERDUE
    review.publication_date = date(2026, 2, 20)
    assert review.clocks()[-1].state(date(2026, 3, 2)) == ClockState.MET


def test_a_yes_makes_the_rapid_review_a_practice_review_in_its_history(login_as, rapid, office):
    reasons = "The case meets the criteria: learning about multi-agency working."
    dates = {**dmy("decided_on", date(2025, 8, 29)), **dmy("lcspr_start", date(2025, 8, 31))}
    assert decide(login_as("office"), rapid, decision="lcspr", reasons=reasons, **dates)
    review = CaseReview.objects.get(pk=rapid.pk)
    assert review.kind == ReviewKind.LCSPR
    change = review.changes.get(previous_kind=ReviewKind.RAPID)
    assert (change.kind, change.on, change.by) == (ReviewKind.LCSPR, date(2025, 8, 29), office)
    assert reasons in change.note


def test_a_no_leaves_the_kind_as_it_was(login_as, rapid):
    reasons = "The rapid review found the learning; a practice review would add none."
    dates = dmy("decided_on", date(2025, 8, 29))
    assert decide(login_as("office"), rapid, decision="none", reasons=reasons, **dates)
    assert CaseReview.objects.get(pk=rapid.pk).kind == ReviewKind.RAPID


def test_a_missed_publication_shows_in_the_clock_list_and_alerts_the_office(
    login_as, rapid, office
):
    LcsprDecision.objects.create(
        review=rapid,
        decision="lcspr",
        reasons="Learning about the front door.",
        decided_on=date(2025, 7, 1),
        lcspr_start=date(2025, 7, 15),
    )
    assert CaseReview.objects.clock_running().filter(pk=rapid.pk).exists()
    assert CaseReview.objects.overdue(TODAY()).filter(pk=rapid.pk).exists()
    page = login_as("office").get(reverse("reviews:clocks")).content.decode()
    assert PUBLICATION_CLOCK in page and "Child S" in page
    made = check_clocks()
    assert [(n.recipient, n.event) for n in made] == [(office, Event.CLOCK_MISSED)]
    assert "publication of the practice review" in made[0].subject


def test_the_publication_clock_is_due_soon_two_working_days_ahead(rapid):
    start = add_months(TODAY(), -6)
    LcsprDecision.objects.create(
        review=rapid, decision="lcspr", reasons="x", decided_on=start, lcspr_start=start
    )
    due = LcsprDecision.objects.get().publication_due
    if due >= TODAY():  # a month's end can shorten the clock by a day or two
        assert CaseReview.objects.due_soon(TODAY()).filter(pk=rapid.pk).exists()


def test_monitoring_counts_clocks_and_returns_each_a_link(
    login_as, board, rapid, agency_x, agency_y
):
    due = date(2025, 6, 20)
    InformationRequest.objects.create(
        review=rapid, agency=agency_x, due=due, submitted_on=date(2025, 6, 19)
    )
    InformationRequest.objects.create(
        review=rapid, agency=agency_y, due=due, submitted_on=date(2025, 6, 24)
    )
    CaseReviewFactory(board=board, reference="Child T", known_date=TODAY())
    response = login_as("office").get(reverse("reviews:monitoring", args=[board.pk]))
    page = response.content.decode()
    totals = response.context["totals"]
    notification = dict((name, counts) for name, counts in totals["clocks"])[
        "Notification to the national panel"
    ]
    assert [n for _, _, n in notification] == [1, 0, 1, 0]  # met, late, running, overdue
    assert [(state.value, n) for state, n in totals["returns"]] == [
        ("awaited", 0),
        ("overdue", 0),
        ("on_time", 1),
        ("late", 1),
    ]
    assert "<caption" in page and "Child S" in page and "Child T" in page
    late = reverse("reviews:information_requests") + f"?review={rapid.pk}&amp;state=late"
    assert late in page
    assert "took 3 working days" in page
    listed = login_as("office").get(
        reverse("reviews:information_requests"), {"review": rapid.pk, "state": "late"}
    )
    assert [r.agency for r in listed.context["requests"]] == [agency_y]
    running = login_as("office").get(
        reverse("reviews:monitoring", args=[board.pk]), {"clock": "running"}
    )
    assert [row["review"].reference for row in running.context["rows"]] == ["Child T"]


def test_monitoring_is_the_offices(login_as, board):
    address = reverse("reviews:monitoring", args=[board.pk])
    assert login_as("office").get(address).status_code == 200
    assert login_as("chair").get(address).status_code == 403
    assert login_as("lead_x").get(address).status_code == 404
    assert login_as("outsider").get(address).status_code == 404
