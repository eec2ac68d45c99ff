"""The first screen of each home page answers its role's first question in big numbers, each a link
to the list it counts; the page is kept in the cache until the data it counts changes, and then
answers in a handful of queries whatever the data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
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
from ..helpers import page
from .test_dashboard_links import link

QUERIES = 15  # each home page, once kept, whatever the data


@pytest.fixture
def submitted(login_as, submission):
    for ref in ("1.1", "1.2", "2.1"):
        answer(submission, ref, Rating.FULLY)
    assert submit(login_as("lead_x"), submission).status_code == 302
    login_as("lead_x").logout()
    return submission


def home(client):
    return page(client, reverse("home"))


def test_the_office_sees_what_to_chase_first(login_as, action, plan, submitted, agency_y):
    html = home(login_as("office"))
    assert html.index("Your work today") < html.index("To chase")  # the numbers, then the detail
    assert link(html, "1 return waiting for your decision") == (
        f"{reverse('audits:returns')}?status=submitted"
    )
    cycle = submitted.cycle
    assert link(html, f"1 agency yet to submit to {cycle.name}") == (
        f"{cycle.get_absolute_url()}?status=yet#agencies"
    )
    assert link(html, "1 action overdue") == f"{plan.get_absolute_url()}?overdue=on#actions"
    assert link(html, "0 case reviews past a statutory deadline") == (
        f"{reverse('reviews:list')}?clock=overdue"
    )
    assert link(html, "0 case reviews with a statutory clock due soon") == (
        f"{reverse('reviews:list')}?clock=due_soon"
    )


def test_overdue_in_several_plans_opens_the_list_by_plan_below(login_as, action, board):
    from ..factories import PlanFactory

    other = PlanFactory(board=board, name="Audit plan 2017")
    ActionFactory(plan=other, ref="2.1", due_date=datetime.date(2017, 1, 1))
    html = home(login_as("office"))
    assert link(html, "2 actions overdue") == "#overdue"
    assert 'id="overdue"' in html


def test_the_board_sees_how_it_is_doing(login_as, board, plan, action, measurement, case_review):
    measurement.value = 70  # target 85: red
    measurement.save()
    action.rag = Rag.AMBER
    action.save()
    html = home(login_as("member"))
    assert "How the board is doing, at the latest figures" in html
    scorecard = reverse("performance:scorecard", args=[board.pk])
    assert link(html, "1 indicator red against target") == f"{scorecard}?rag=R&as_at=2017-03-31"
    assert link(html, "0 indicators declining on last year") == (
        f"{scorecard}?trend=declining&as_at=2017-03-31"
    )
    assert link(html, "0 actions red") == f"{plan.get_absolute_url()}?rag=R#actions"
    assert link(html, "1 action amber") == f"{plan.get_absolute_url()}?rag=A#actions"
    assert link(html, "1 case review in progress") == (
        f"{reverse('reviews:list')}?status=unpublished"
    )
    assert "Your work today" not in html  # nothing of theirs to chase


def test_the_board_cards_follow_the_date_asked_for(login_as, plan, action):
    html = page(login_as("member"), reverse("home") + "?as_at=2017-03-31")
    assert "How the board is doing, as at 31 Mar 2017" in html
    assert (
        link(html, "0 actions red") == f"{plan.get_absolute_url()}?rag=R&as_at=2017-03-31#actions"
    )


def test_a_subgroup_chair_sees_their_actions_to_update_and_overdue(login_as, action, cycle):
    html = home(login_as("subgroup_chair"))
    assert link(html, "1 action of your groups to update this round") == reverse("actions:mine")
    assert f"first deadline {cycle.deadline:%-d %b %Y}" in html
    assert link(html, "1 action of your groups overdue") == reverse("actions:mine")
    assert "How the board is doing" not in html


def test_an_agency_lead_sees_their_returns_and_the_days_left(login_as, audit_cycle, submission):
    html = home(login_as("lead_y"))  # agency Y has not started
    assert link(html, "1 Section 11 return to submit") == audit_cycle.get_absolute_url()
    left = (audit_cycle.closes - timezone.localdate()).days
    words = "left" if left >= 0 else "past the deadline"
    days = "day" if abs(left) == 1 else "days"
    assert link(html, f"{abs(left)} {days} {words} for {audit_cycle.name}") == (
        audit_cycle.get_absolute_url()
    )
    assert "Not started; deadline" in html
    html = home(login_as("lead_x"))  # X's draft: the link opens it
    assert link(html, "1 Section 11 return to submit") == submission.get_absolute_url()


def test_a_change_shows_at_once(login_as, plan, action, cycle, subgroup_chair):
    """The kept page is built again when the data it counts changes: a save, a new row, an update
    withdrawn (which saves its action)."""
    from actions.updating import withdraw_update

    client = login_as("member")
    assert link(home(client), "0 actions red")
    action.rag = Rag.RED
    action.save()
    assert link(home(client), "1 action red")
    update = action.updates.create(cycle=cycle, author=subgroup_chair, text="Done", rag=Rag.GREEN)
    action.rag = Rag.GREEN  # as recording an update does
    action.save()
    assert link(home(client), "0 actions red")
    ActionFactory(plan=plan, ref="1.2", rag=Rag.AMBER)
    assert link(home(client), "1 action amber")
    green = f"?theme={action.theme_id}&amp;rag=G#actions"
    assert green in home(client)
    withdraw_update(update, user=subgroup_chair, reason="Entered in error")
    assert green not in home(client)  # the RAG before it again


def test_invitations_are_read_live(login_as, board, member, office):
    from boards.invitations import close
    from boards.models import Invitation

    client = login_as("member")
    assert "Invitations" not in home(client)
    invitation = Invitation.objects.create(
        board=board,
        user=member,
        email=member.email,
        role="member",
        offer="member",
        invited_by=office,
    )
    assert "Invitations" in home(client)
    assert close(invitation, "declined")  # saved in place: no audit trail to stamp
    assert "Invitations" not in home(client)


def grow(board, plan, subgroup, audit_cycle):
    """Ten times more of what the home pages count: themes and actions, update rounds, agencies
    and their returns."""
    for n in range(10):
        theme = ThemeFactory(plan=plan, number=10 + n)
        for m in range(10):
            ActionFactory(
                plan=plan,
                theme=theme,
                ref=f"{10 + n}.{m}",
                owners=[subgroup],
                due_date=datetime.date(2017, 1, 1),
                rag=Rag.RED,
            )
        UpdateCycleFactory(plan=plan)
        agency = BoardAgencyFactory(board=board, agency=AgencyFactory()).agency
        audit_cycle.expected.add(agency)
        SubmissionFactory(cycle=audit_cycle, agency=agency, status=SubmissionStatus.SUBMITTED)


@pytest.mark.parametrize(
    "email",
    [
        "office@demo.lscb.test",
        "chair@demo.lscb.test",
        "member@demo.lscb.test",
        "pmqag.chair@demo.lscb.test",
        "police.lead@demo.lscb.test",
    ],
)
def test_each_home_page_answers_in_a_few_queries_with_ten_times_the_demo(
    demo_board, client, django_assert_max_num_queries, email
):
    from audits.models import AuditCycle
    from subgroups.models import Subgroup

    plan = demo_board.plans.order_by("pk").first()
    subgroup = Subgroup.objects.filter(board=demo_board).order_by("pk").first()
    audit_cycle = AuditCycle.objects.filter(boards=demo_board).order_by("-opens").first()
    grow(demo_board, plan, subgroup, audit_cycle)
    client.force_login(User.objects.get(email=email))
    home(client)  # built and kept
    with django_assert_max_num_queries(QUERIES):
        html = home(client)
    assert "Your work today" in html or "How the board is doing" in html
