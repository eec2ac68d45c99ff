"""The dashboards as at a date: each panel says the date its figures are as at and counts them from
history as at that date; by default the scorecard is as at the latest complete date, which a stray
later figure does not move."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Update
from audits.models import Rating, Submission
from core.rag import Rag
from performance.models import Indicator
from reports import dashboard

from ..audits.test_audits import answer, submit
from ..factories import ActionFactory, UpdateCycleFactory
from ..helpers import count_queries, page

MARCH_2016 = datetime.date(2016, 3, 31)
MARCH_2017 = datetime.date(2017, 3, 31)
JUNE_2017 = datetime.date(2017, 6, 30)


def home(client, as_at=None):
    return page(client, reverse("home") + (f"?as_at={as_at}" if as_at else ""))


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def two_reds(board):
    """Two indicators red at 31 March 2017 (target 85) and worse than a year before: 2 red, 2
    declining."""
    indicators = []
    for code in ("CS2.0", "CS2.1"):
        indicator = Indicator.objects.create(board=board, code=code, description=f"Ind {code}")
        indicator.targets.create(
            starts=datetime.date(2016, 4, 1), ends=MARCH_2017, value=85, tolerance=5
        )
        indicator.measurements.create(period_end=MARCH_2016, value=80)
        indicator.measurements.create(period_end=MARCH_2017, value=70)
        indicators.append(indicator)
    return indicators


def test_a_stray_later_figure_does_not_move_the_dashboard(login_as, board, two_reds):
    client = login_as("member")
    two_reds[0].targets.create(
        starts=datetime.date(2017, 4, 1), ends=datetime.date(2018, 3, 31), value=85, tolerance=5
    )
    two_reds[0].measurements.create(period_end=JUNE_2017, value=90)  # one stray figure: green
    html = home(client)
    assert "2 indicators, figures as at 31 March 2017" in html
    assert "The latest date with a figure for every indicator" in html
    assert "2</span> red against target" in html
    assert "2</span> declining on last year" in html
    scorecard = reverse("performance:scorecard", args=[board.pk])
    assert f"{scorecard}?rag=R&amp;as_at=2017-03-31" in html
    # the reader picks 30 June 2017: the stray figure counts, the other indicator's March one too
    html = home(client, "2017-06-30")
    assert "2 indicators, figures as at 30 June 2017" in html
    assert "1</span> red against target" in html
    assert "The board's figures below are as at 30 June 2017" in html
    # the day before 31 March 2017: the 2016 figures, with no target for their period: no RAG
    html = home(client, "2017-03-30")
    assert "0</span> red against target" in html and "figures as at 30 March 2017" in html


def test_the_choices_are_the_boards_period_ends(login_as, board, two_reds):
    html = home(login_as("member"))
    assert '<option value="2017-03-31">31 March 2017</option>' in html
    assert '<option value="2016-03-31">31 March 2016</option>' in html


@pytest.fixture
def history(plan, subgroup, lead_x):
    """Action 1.1 (created January 2017, due 15 April) red on 10 April, complete on 10 May; action
    1.2 created 1 May. An update round opened 1 April 2017."""
    cycle = UpdateCycleFactory(
        plan=plan,
        name="April 2017 updates",
        opens=datetime.date(2017, 4, 1),
        deadline=datetime.date(2017, 4, 30),
    )
    first = ActionFactory(plan=plan, ref="1.1", due_date=datetime.date(2017, 4, 15))
    first.created = at(datetime.date(2017, 1, 2))
    first.rag = Rag.COMPLETE
    first.save()
    for day, rag in [
        (datetime.date(2017, 4, 10), Rag.RED),
        (datetime.date(2017, 5, 10), Rag.COMPLETE),
    ]:
        Update.objects.create(
            action=first, cycle=cycle, text=f"{rag.label}", rag=rag, created=at(day)
        )
    second = ActionFactory(plan=plan, ref="1.2", theme=first.theme)
    second.created = at(datetime.date(2017, 5, 1))
    second.save()
    return first, second


def panel_at(user, day):
    (panel,) = dashboard.for_user(user, timezone.localdate(), day)["plans"]
    return panel


def test_plan_panels_count_the_actions_and_their_rag_as_at_the_date(member, history):
    # before the first update: one action, not rated, due later, not updated in the round
    panel = panel_at(member, datetime.date(2017, 4, 9))
    assert panel.totals[Rag.NOT_RATED] == 1 and sum(panel.totals.values()) == 1
    assert (panel.overdue, panel.not_updated) == (0, 1)
    # the red update counts from its day; 1.2 does not exist yet; 1.1 is overdue then
    panel = panel_at(member, datetime.date(2017, 4, 30))
    assert panel.totals[Rag.RED] == 1 and sum(panel.totals.values()) == 1
    assert (panel.overdue, panel.not_updated) == (1, 0)
    assert panel.as_at == datetime.date(2017, 4, 30)
    # 1.2 is counted from the day it was created; the complete update is a day later
    panel = panel_at(member, datetime.date(2017, 5, 9))
    assert panel.totals[Rag.RED] == 1 and panel.totals[Rag.NOT_RATED] == 1
    panel = panel_at(member, datetime.date(2017, 5, 10))
    assert panel.totals[Rag.COMPLETE] == 1 and panel.totals[Rag.NOT_RATED] == 1
    assert panel.overdue == 0  # complete: no longer overdue


def test_plan_panel_states_its_date(login_as, history):
    client = login_as("member")
    assert "(today)" in home(client)
    html = home(client, "2017-04-30")
    assert "As at 30 April 2017: each action's RAG from its latest update" in html
    assert "Actions by theme and RAG as at 30 April 2017" in html
    assert "?overdue=on&amp;as_at=2017-04-30#actions" in html


@pytest.fixture
def submitted(login_as, submission):
    for ref in ("1.1", "1.2", "2.1"):
        answer(submission, ref, Rating.FULLY)
    assert submit(login_as("lead_x"), submission).status_code == 302
    return submission


def test_the_audit_panel_counts_the_returns_submitted_by_the_date(member, submitted):
    today = timezone.localdate()
    Submission.objects.filter(pk=submitted.pk).update(submitted=at(today - datetime.timedelta(2)))
    audit = dashboard.for_user(member, today, today - datetime.timedelta(3))["audit"]
    assert audit["report"].responses == 0
    audit = dashboard.for_user(member, today, today - datetime.timedelta(2))["audit"]
    assert audit["report"].responses == 1
    assert dashboard.for_user(member, today)["audit"]["report"].responses == 1
    # before the cycle opened: no cycle to show
    assert dashboard.for_user(member, today, today - datetime.timedelta(40))["audit"] is None


def test_a_bad_date_gets_a_clear_message(login_as, two_reds):
    response = login_as("member").get(reverse("home") + "?as_at=2017-13-01")
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "2017-13-01 is not a real date" in html
    assert "figures as at 31 March 2017" in html  # the default, said so


def test_dashboards_as_at_a_date_cost_the_same_with_ten_times_the_data(
    login_as, board, plan, history, two_reds, submitted
):
    clients = {role: login_as(role) for role in ("office", "member")}
    url = reverse("home") + "?as_at=2017-05-10"
    before = {role: count_queries(client, url) for role, client in clients.items()}
    first, _ = history
    for n in range(10):
        action = ActionFactory(plan=plan, ref=f"9.{n}", theme=first.theme)
        for day in (datetime.date(2017, 4, 2), datetime.date(2017, 5, 2)):
            Update.objects.create(action=action, text="x", rag=Rag.AMBER, created=at(day))
        indicator = Indicator.objects.create(board=board, code=f"X{n}", description="More")
        indicator.measurements.create(period_end=MARCH_2017, value=n)
    after = {role: count_queries(client, url) for role, client in clients.items()}
    assert after == before


def test_the_demo_headline_survives_a_mistaken_import_of_four_june_figures(demo_board, client):
    from accounts.models import User
    from core.spreadsheets import read_table
    from performance.importing import import_rows, parse

    office = User.objects.get(email="office@demo.lscb.test")
    csv = "Code,Period end,Value,Note\n" + "".join(
        f"{code},30/06/2017,{value},\n"
        for code, value in [("CS1.0", 30), ("CS2.3", 10), ("CS3.0", 50), ("CS7.2b", 80)]
    )
    rows, errors = parse(read_table("june.csv", csv.encode()), demo_board)
    assert not errors
    import_rows(rows, user=office)
    client.force_login(User.objects.get(email="member@demo.lscb.test"))
    html = home(client)
    assert "48 indicators, figures as at 31 March 2017" in html
    assert "11</span> red against target" in html
    assert "11</span> declining on last year" in html
    scorecard = client.get(reverse("performance:scorecard", args=[demo_board.pk]))
    assert scorecard.context["as_at"] == MARCH_2017
    assert "Later figures (30 June 2017)" in scorecard.content.decode()
    # picked, 30 June 2017 shows the four June figures beside the others' March ones
    rows = {
        row.indicator.code: row
        for row in client.get(
            reverse("performance:scorecard", args=[demo_board.pk]) + "?as_at=2017-06-30"
        ).context["rows"]
    }
    assert rows["CS2.3"].figure_date == JUNE_2017 and rows["CS1.1"].figure_date == MARCH_2017
    assert sum(row.missing for row in rows.values()) == 1  # CS4.4, printed without a value


@pytest.fixture
def review_history(board, office, plan):
    """Child Q: known 1 March 2017, notified 6 March, published 1 June 2017; its action plan has one
    action added 2 June, completed on 1 September 2017."""
    from reviews.models import Status, StatusChange

    from ..reviews_factories import CaseReviewFactory

    review = CaseReviewFactory(
        board=board,
        reference="Child Q",
        known_date=datetime.date(2017, 3, 1),
        notified_date=datetime.date(2017, 3, 6),
        publication_date=datetime.date(2017, 6, 1),
        status=Status.PUBLISHED,
        plan=plan,
    )
    for day, status in [
        (datetime.date(2017, 3, 1), Status.NOTIFIED),
        (datetime.date(2017, 6, 1), Status.PUBLISHED),
    ]:
        StatusChange.objects.create(
            review=review, status=status, kind=review.kind, on=day, by=office
        )
    action = ActionFactory(plan=plan, ref="1.1")
    action.created = at(datetime.date(2017, 6, 2))
    action.rag = Rag.COMPLETE
    action.save()
    Update.objects.create(
        action=action, text="Done", rag=Rag.COMPLETE, created=at(datetime.date(2017, 9, 1))
    )
    return review


def test_the_reviews_panels_are_as_at_the_date(member, review_history):
    today = timezone.localdate()

    def reviews_at(day):
        dash = dashboard.for_user(member, today, day)
        return (
            [(r.reference, r.get_status_display()) for r, _ in dash["reviews"]],
            [(r.reference, r.outstanding) for r in dash["review_actions"]],
        )

    assert reviews_at(datetime.date(2017, 2, 28)) == ([], [])  # not yet recorded
    assert reviews_at(datetime.date(2017, 5, 31))[1] == []
    (in_progress,) = reviews_at(datetime.date(2017, 5, 31))[0]
    assert in_progress[0] == "Child Q" and in_progress[1] != "Published"
    assert reviews_at(datetime.date(2017, 6, 1)) == ([], [])  # published; its action not yet added
    assert reviews_at(datetime.date(2017, 6, 2)) == ([], [("Child Q", 1)])
    assert reviews_at(datetime.date(2017, 9, 1)) == ([], [])  # its one action complete by then
    # clocks as they stood: on 3 March the notification was not yet made (due 8 March)
    dash = dashboard.for_user(member, today, datetime.date(2017, 3, 3))
    ((review, states),) = dash["reviews"]
    assert [(clock.name, clock.done, state) for clock, state, _ in states] == [
        ("Notification to the national panel", None, "running")
    ]
    assert dashboard.for_user(member, today)["reviews"] == []  # today: published


def test_the_reviews_panel_states_its_date(login_as, review_history):
    html = home(login_as("member"), "2017-05-31")
    assert "Reviews in progress (1) as at 31 May 2017" in html
    html = home(login_as("member"), "2017-06-02")
    assert "1 published review with actions still open</a> at 2 June 2017" in html
