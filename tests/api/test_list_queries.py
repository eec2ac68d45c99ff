"""The read API's lists answer in the same number of queries with a realistic amount of data and
with ten times as much (DESIGN.md: lists assert their query count with 10 times the demo data):
plans and a plan's actions with their RAG history, Section 11 cycles, results and returns, the
scorecard and its series, published case reviews with their lessons, and published annual
reports. Each asked with one token, as a script would; `?page_size=1000` so every row is served."""

import calendar
import datetime
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Plan, PlanKind, Update
from actions.updating import record_update
from audits.models import Rating, SubmissionStatus
from audits.submitting import record_results
from boards.models import Role
from performance.models import Indicator, Measurement, Target
from reports.models import AnnualReport, Publication
from reviews.models import Status

from ..factories import (
    ActionFactory,
    AgencyFactory,
    AuditCycleFactory,
    BoardAgencyFactory,
    BoardFactory,
    BoardMembershipFactory,
    SubmissionFactory,
    ThemeFactory,
    UpdateCycleFactory,
)
from ..reviews_factories import CaseReviewFactory, LearningThemeFactory, LessonFactory
from .tokens import bearer

ALL = "?page_size=1000"
serial = itertools.count(1)


def api_queries(client, headers, url):
    """The queries a token's GET of `url` takes (nothing cached: the throttle starts afresh), and
    its JSON."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        answer = client.get(url, **headers)
    assert answer.status_code == 200, answer.content
    return len(context.captured_queries), answer.json()


def assert_api_queries_do_not_grow(client, user, url, grow):
    """As tests/helpers.assert_queries_do_not_grow, for the API: returns the JSON after growing."""
    client.logout()
    headers = bearer(user)
    before, _ = api_queries(client, headers, url)
    grow()
    after, data = api_queries(client, headers, url)
    assert after == before, f"{url}: {before} queries before growing the data, {after} after"
    return data


# Plans, their actions and each action's RAG history.


def grow_plans(board, office, subgroup, agency, plans, actions):
    """`plans` plans of `board`, each of `actions` actions (a theme, an owner, an agency) with two
    updates, the first withdrawn on every other action."""

    def grow():
        for _ in range(plans):
            n = next(serial)
            plan = Plan.objects.create(board=board, name=f"Plan {n}", kind=PlanKind.BUSINESS)
            add_actions(plan, office, subgroup, agency, actions)()

    return grow


def add_actions(plan, office, subgroup, agency, n):
    def grow():
        theme = ThemeFactory(plan=plan, number=next(serial), title="Leadership")
        cycle = UpdateCycleFactory(plan=plan)
        for i in range(n):
            action = ActionFactory(
                plan=plan, theme=theme, ref=f"{theme.number}.{i + 1}", owners=[subgroup]
            )
            action.agency = agency
            action.save()
            record_update(action, author=office, text="Started", rag="A")
            update = record_update(action, author=office, text="On track", rag="G", cycle=cycle)
            if i % 2:  # withdrawn: left out of the history
                Update.objects.filter(pk=update.pk).update(withdrawn_at=timezone.now())

    return grow


def test_plan_list_queries_do_not_grow(client, board, office, subgroup, agency_x):
    grow_plans(board, office, subgroup, agency_x, 3, 2)()  # the demo: a few plans
    url = reverse("api:plans") + ALL
    data = assert_api_queries_do_not_grow(
        client, office, url, grow_plans(board, office, subgroup, agency_x, 27, 2)
    )
    assert data["count"] == 30


@pytest.mark.parametrize("who", ["office", "lead_x"])
def test_plan_with_actions_and_rag_history_queries_do_not_grow(
    client, request, board, office, lead_x, subgroup, agency_x, plan, who
):
    add_actions(plan, office, subgroup, agency_x, 8)()
    url = reverse("api:plan", args=[plan.pk])
    user = request.getfixturevalue(who)
    data = assert_api_queries_do_not_grow(
        client, user, url, add_actions(plan, office, subgroup, agency_x, 72)
    )
    assert len(data["actions"]) == 80
    assert sorted(len(a["updates"]) for a in data["actions"]) == [1] * 40 + [2] * 40
    assert all(a["updates"][0]["cycle"] for a in data["actions"] if len(a["updates"]) == 2)
    assert {a["owners"][0] for a in data["actions"]} == {str(subgroup)}


# Section 11: cycles, a cycle's results and the returns.


def add_returns(board, cycle, n):
    """`n` more agencies of `board`, each with a return to `cycle` answered and its results."""

    def grow():
        ratings = [Rating.FULLY, Rating.PARTIALLY, Rating.NOT_MET]
        for i in range(n):
            agency = AgencyFactory(name=f"Agency {next(serial)}")
            BoardAgencyFactory(board=board, agency=agency)
            submission = SubmissionFactory(
                cycle=cycle, agency=agency, status=SubmissionStatus.SUBMITTED
            )
            for standard in cycle.framework.standards.all():
                for j, criterion in enumerate(standard.criteria.all()):
                    rating = ratings[(i + j) % 3]
                    submission.answers.create(criterion=criterion, rating=rating)
            record_results(submission)

    return grow


def test_section_11_returns_queries_do_not_grow(client, board, office, audit_cycle):
    add_returns(board, audit_cycle, 4)()  # the demo's cycle has a few dozen agencies; a few here
    url = reverse("api:section_11_returns") + ALL
    data = assert_api_queries_do_not_grow(client, office, url, add_returns(board, audit_cycle, 36))
    assert data["count"] == 40 and all(len(r["results"]) == 2 for r in data["results"])


def test_section_11_results_queries_do_not_grow(client, board, member, audit_cycle):
    add_returns(board, audit_cycle, 4)()
    url = reverse("api:section_11_results", args=[audit_cycle.pk])
    data = assert_api_queries_do_not_grow(client, member, url, add_returns(board, audit_cycle, 36))
    assert data["returns"] == 40


def test_section_11_cycles_queries_do_not_grow(client, board, office, other_board, audit_cycle):
    def grow():
        for _ in range(9):
            AuditCycleFactory(boards=[board, other_board], framework=audit_cycle.framework)

    data = assert_api_queries_do_not_grow(client, office, reverse("api:section_11_cycles"), grow)
    assert data["count"] == 10


# The scorecard and its series.


def add_indicators(board, n):
    """`n` scorecard indicators, each with three years of monthly figures and yearly targets."""

    def grow():
        first = next(serial) * 1000
        indicators = Indicator.objects.bulk_create(
            Indicator(board=board, code=f"GX{first + i}", code_sort=f"GX{first + i:07}")
            for i in range(n)
        )
        ends = [
            datetime.date(y, m, calendar.monthrange(y, m)[1])
            for y in range(2014, 2017)
            for m in range(1, 13)
        ] + [datetime.date(2017, 3, 31)]
        Measurement.objects.bulk_create(
            Measurement(indicator=i, period_end=day, value=k % 100)
            for i in indicators
            for k, day in enumerate(ends)
        )
        Target.objects.bulk_create(
            Target(
                indicator=i,
                starts=datetime.date(y, 4, 1),
                ends=datetime.date(y + 1, 3, 31),
                value=50,
            )
            for i in indicators
            for y in range(2013, 2017)
        )

    return grow


@pytest.mark.parametrize("name", ["api:scorecard", "api:scorecard_series"])
def test_scorecard_and_series_queries_do_not_grow(client, board, member, name):
    add_indicators(board, 4)()  # the demo's scorecard: a few dozen indicators; a few here
    url = reverse(name, args=[board.pk]) + ALL
    data = assert_api_queries_do_not_grow(client, member, url, add_indicators(board, 36))
    if name == "api:scorecard":
        assert len({row["indicator"]["code"] for row in data["rows"]}) == 40
    else:  # 39 month ends each: the 37 with figures and January and February 2017, skipped
        assert data["count"] == 40 * 39 and len(data["results"]) == 1000


# Published case reviews and their lessons.


def add_published_reviews(board, n):
    """`n` published reviews, each with three lessons of two themes (and one review not published)."""

    def grow():
        themes = [LearningThemeFactory(board=board) for _ in range(2)]
        CaseReviewFactory(board=board)
        for _ in range(n):
            review = CaseReviewFactory(board=board, status=Status.PUBLISHED)
            for number in (1, 2, 3):
                LessonFactory(review=review, number=number).themes.add(*themes)

    return grow


def test_published_reviews_queries_do_not_grow(client, board, member):
    add_published_reviews(board, 9)()  # the demo has 9 reviews
    url = reverse("api:reviews") + ALL
    data = assert_api_queries_do_not_grow(client, member, url, add_published_reviews(board, 81))
    assert data["count"] == 90
    assert all(len(lesson["themes"]) == 2 for r in data["results"] for lesson in r["lessons"])


def test_a_published_reviews_lessons_queries_do_not_grow(client, board, member):
    review = CaseReviewFactory(board=board, status=Status.PUBLISHED)
    theme = LearningThemeFactory(board=board)

    def lessons(numbers):
        return lambda: [LessonFactory(review=review, number=n).themes.add(theme) for n in numbers]

    lessons(range(1, 4))()
    url = reverse("api:review", args=[review.pk])
    data = assert_api_queries_do_not_grow(client, member, url, lessons(range(4, 31)))
    assert len(data["lessons"]) == 30


# Published annual reports.


def add_publications(board, office, n):
    """`n` annual reports of `board`, each published twice (the content as frozen: one table)."""

    def grow():
        for _ in range(n):
            k = next(serial)
            report = AnnualReport.objects.create(
                board=board,
                title=f"Annual Report {k}",
                period_start=datetime.date(2016, 4, 1),
                period_end=datetime.date(2017, 3, 31),
            )
            for version in (1, 2):
                Publication.objects.create(
                    report=report, version=version, published_by=office, content={"sections": []}
                )

    return grow


def test_published_annual_reports_queries_do_not_grow(client, board, office, member):
    add_publications(board, office, 2)()  # the demo: a report or two, a version or two each
    url = reverse("api:publications") + ALL
    data = assert_api_queries_do_not_grow(client, member, url, add_publications(board, office, 18))
    assert data["count"] == 40 and {r["board_name"] for r in data["results"]} == {board.name}


def test_boards_queries_do_not_grow(client, board, office):
    def grow():
        for _ in range(9):
            BoardMembershipFactory(board=BoardFactory(), user=office, role=Role.OFFICE)

    data = assert_api_queries_do_not_grow(client, office, reverse("api:boards") + ALL, grow)
    assert data["count"] == 10
