"""Each role's home page answers their first question: the office what to chase, chairs which
actions to update, agency leads what is due, board members how the plan and the audit stand."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Update
from audits.models import Rating, SubmissionStatus
from core.rag import Rag

from ..audits.test_audits import answer, submit
from ..factories import (
    ActionFactory,
    AgencyFactory,
    BoardAgencyFactory,
    SubmissionFactory,
    ThemeFactory,
    UpdateCycleFactory,
)
from ..helpers import count_queries, page


@pytest.fixture
def submitted(login_as, submission):
    for ref in ("1.1", "1.2", "2.1"):
        answer(submission, ref, Rating.FULLY)
    assert submit(login_as("lead_x"), submission).status_code == 302
    return submission


def home(client):
    return page(client, reverse("home"))


def test_office_sees_what_to_chase_oldest_first(login_as, action, plan, submitted, agency_y):
    newer = ActionFactory(plan=plan, ref="1.9", due_date=datetime.date(2018, 1, 31))
    html = home(login_as("office"))
    assert "To chase" in html
    assert "1 agency yet to submit" in html  # agency Y; X has submitted
    assert "Returns waiting for your decision: 1" in html
    assert submitted.get_absolute_url() in html
    assert "Overdue actions: 2" in html
    assert html.index(action.get_absolute_url()) < html.index(newer.get_absolute_url())


def test_board_member_sees_plan_progress_and_the_audit_headline(
    login_as, plan, action, cycle, submitted
):
    action.rag = Rag.AMBER
    action.save()
    html = home(login_as("member"))
    assert "To chase" not in html  # not the office's list
    assert "Business plan progress" in html
    theme = action.theme
    assert f"{plan.get_absolute_url()}?theme={theme.pk}&amp;rag=A#actions" in html
    assert f"{plan.get_absolute_url()}?overdue=on#actions" in html  # 1 action overdue
    assert "1 action not updated" in html
    assert 'role="img"' in html  # the stacked bars, with the table beside them
    assert "Section 11 safeguarding audit" in html
    # one return: the headline is not one agency's answers
    assert "fewer than 3</span> of agencies fully met every standard" in html
    assert "100%</span>" not in html
    assert reverse("audits:report", args=[submitted.cycle.pk]) in html


def test_subgroup_chair_sees_actions_waiting_for_an_update(
    login_as, action, cycle, subgroup_chair, other_chair
):
    html = home(login_as("subgroup_chair"))
    assert "Your actions to update" in html
    assert reverse("actions:update", args=[action.pk]) in html
    assert cycle.deadline.strftime("%-d %B %Y") in html
    Update.objects.create(action=action, cycle=cycle, author=subgroup_chair, text="Done", rag="G")
    assert "Your actions to update" not in home(login_as("subgroup_chair"))
    assert "Your actions to update" not in home(login_as("other_chair"))


def test_agency_lead_sees_their_returns_and_their_status(login_as, audit_cycle, submission):
    html = home(login_as("lead_x"))
    assert "Section 11 returns" in html
    assert submission.get_absolute_url() in html
    assert "In progress" in html
    assert "Business plan progress" not in html
    html = home(login_as("lead_y"))  # agency Y has not started
    assert audit_cycle.get_absolute_url() in html
    assert "Not started" in html


def test_someone_of_another_board_sees_none_of_it(login_as, action, plan, submitted):
    html = home(login_as("outsider"))
    assert plan.get_absolute_url() not in html
    assert submitted.get_absolute_url() not in html
    assert "Business plan progress" not in html


def test_dashboards_answer_in_the_same_queries_with_ten_times_the_data(
    login_as, board, plan, action, cycle, submitted, audit_cycle, subgroup
):
    def grow():
        for n in range(10):
            theme = ThemeFactory(plan=plan, number=10 + n)
            for m in range(10):
                overdue = ActionFactory(
                    plan=plan, theme=theme, ref=f"{10 + n}.{m}", owners=[subgroup]
                )
                overdue.due_date = datetime.date(2017, 1, 1)
                overdue.rag = Rag.RED
                overdue.save()
            UpdateCycleFactory(plan=plan)
            agency = BoardAgencyFactory(board=board, agency=AgencyFactory()).agency
            audit_cycle.expected.add(agency)
            SubmissionFactory(cycle=audit_cycle, agency=agency, status=SubmissionStatus.SUBMITTED)

    clients = {role: login_as(role) for role in ("office", "member", "subgroup_chair", "lead_x")}
    url = reverse("home")
    before = {role: count_queries(client, url) for role, client in clients.items()}
    grow()
    after = {role: count_queries(client, url) for role, client in clients.items()}
    assert after == before


def test_board_member_sees_reds_and_declining_indicators(login_as, board, measurement, indicator):
    measurement.value = 70  # target 85: red
    measurement.save()
    indicator.measurements.create(period_end=datetime.date(2016, 3, 31), value=80)  # was better
    html = home(login_as("member"))
    scorecard = reverse("performance:scorecard", args=[board.pk])
    assert f"{scorecard}?rag=R" in html
    assert f"{scorecard}?trend=declining" in html
    assert html.count(indicator.get_absolute_url()) == 2  # listed as red and as declining
    assert "1</span> red against target" in html
    assert "1</span> declining on last year" in html
    # Each with a sparkline of its recent figures, described in words.
    assert html.count('aria-label="2 figures, from 80 to 70"') == 2
    assert "Performance scorecard" not in home(login_as("outsider"))


def test_the_scorecard_headline_costs_the_same_with_ten_times_the_indicators(
    login_as, board, measurement
):
    from performance.models import Indicator

    measurement.value = 70  # one red indicator (with its sparkline) before, eleven after
    measurement.save()
    client = login_as("member")
    before = count_queries(client, reverse("home"))
    for n in range(10):
        extra = Indicator.objects.create(board=board, code=f"X{n}", description="More")
        extra.targets.create(
            starts=datetime.date(2016, 4, 1), ends=datetime.date(2017, 3, 31), value=10
        )
        for year in range(2008, 2018):
            extra.measurements.create(period_end=datetime.date(year, 3, 31), value=n)
    assert count_queries(client, reverse("home")) == before


def test_reviews_in_progress_show_their_clocks_and_the_office_chases_late_ones(
    login_as, board, lead_x
):
    from ..reviews_factories import CaseReviewFactory

    late = CaseReviewFactory(
        board=board, reference="Child Q", known_date=datetime.date(2024, 12, 20)
    )  # notification was due 5 working days later, across Christmas
    html = home(login_as("member"))
    assert "Reviews in progress (1)" in html
    assert late.get_absolute_url() in html
    assert "Notification to the national panel, due 31 Dec 2024" in html
    assert "Overdue" in html
    assert "past a statutory deadline" not in html  # the chase list is the office's
    office = home(login_as("office"))
    assert "1 case review past a statutory deadline" in office
    assert "Reviews in progress" not in home(login_as("lead_x"))  # agency leads see no reviews
    assert "Child Q" not in home(login_as("outsider"))


def test_reviews_panel_costs_the_same_with_ten_times_the_reviews(login_as, board):
    from ..reviews_factories import CaseReviewFactory

    CaseReviewFactory(board=board, known_date=datetime.date(2024, 12, 20))
    client = login_as("office")
    before = count_queries(client, reverse("home"))
    for n in range(10):
        CaseReviewFactory(board=board, known_date=datetime.date(2024, 12, 1 + n))
    assert count_queries(client, reverse("home")) == before


def test_a_sparkline_fills_its_box_oldest_first():
    from reports.charts import sparkline

    line = sparkline([10, 20, 15])
    assert line.points == "2.0,22.0 60.0,2.0 118.0,12.0"
    assert (line.first, line.last, line.count) == (10, 15, 3)
    assert sparkline([5]) is None
    assert sparkline([5, 5]).points == "2.0,22.0 118.0,22.0"  # flat: drawn along the bottom


def test_the_navigation_marks_the_current_section(login_as, board):
    client = login_as("member")
    assert 'aria-current="page">Home<' in home(client)
    html = page(client, reverse("performance:index"))
    assert 'aria-current="page">Performance<' in html
    assert 'aria-current="page">Home<' not in html


# An agency lead's returns: open cycles first, then their history ---------------------------------


def closed_cycle(audit_cycle, agency_x, agency_y, closed):
    from ..factories import AuditCycleFactory

    return AuditCycleFactory(
        boards=list(audit_cycle.boards.all()),
        expected=[agency_x, agency_y],
        framework=audit_cycle.framework,
        name="Section 11 audit last year",
        opens=closed - datetime.timedelta(days=120),
        closes=closed - datetime.timedelta(days=20),
        closed=closed,
    )


def test_a_cycle_leaves_the_to_do_list_the_day_the_office_closes_it(
    lead_y, audit_cycle, agency_x, agency_y
):
    from reports.dashboard import agency_returns

    closed = datetime.date.today() - datetime.timedelta(days=5)
    last_year = closed_cycle(audit_cycle, agency_x, agency_y, closed)
    before = agency_returns(lead_y, closed - datetime.timedelta(days=1))
    assert [cycle for cycle, _ in before["open"]] == [last_year, audit_cycle]  # soonest deadline
    assert before["history"] == []
    on_the_day = agency_returns(lead_y, closed)
    assert [cycle for cycle, _ in on_the_day["open"]] == [audit_cycle]
    assert on_the_day["history"] == [(last_year, None)]


def test_agency_lead_sees_open_cycles_first_then_their_history(
    login_as, lead_x, audit_cycle, agency_x, agency_y
):
    last_year = closed_cycle(
        audit_cycle, agency_x, agency_y, datetime.date.today() - datetime.timedelta(days=5)
    )
    accepted = SubmissionFactory(cycle=last_year, agency=agency_x, status=SubmissionStatus.ACCEPTED)
    html = home(login_as("lead_x"))
    to_do, history = html.split("Earlier cycles")
    assert audit_cycle.get_absolute_url() in to_do and "Not started" in to_do
    assert last_year.name not in to_do
    assert accepted.get_absolute_url() in history and "Accepted" in history
    html = home(login_as("lead_y"))  # Y never returned last year's: history, not a to-do
    to_do, history = html.split("Earlier cycles")
    assert last_year.name not in to_do
    assert last_year.name in history and "Not submitted" in history
    assert "Not started" not in history


def test_a_return_sent_back_after_the_cycle_closed_is_still_to_do(
    login_as, audit_cycle, agency_x, agency_y
):
    last_year = closed_cycle(
        audit_cycle, agency_x, agency_y, datetime.date.today() - datetime.timedelta(days=5)
    )
    returned = SubmissionFactory(cycle=last_year, agency=agency_x, status=SubmissionStatus.RETURNED)
    to_do, history = (home(login_as("lead_x")) + "Earlier cycles").split("Earlier cycles")[:2]
    assert returned.get_absolute_url() in to_do and "Returned for changes" in to_do
    assert last_year.name not in history
