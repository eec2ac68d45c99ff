"""The annual report's business plan section is as at the year's end (its update round's deadline):
updates and actions added later change the live plan, not the report about the year."""

import datetime
from datetime import date

import pytest
from django.utils import timezone

from accounts.models import User
from actions.models import Action, Update
from actions.updating import record_update
from core.rag import DONE, Rag
from reports import annual
from reports.models import AnnualReport

from ..factories import ActionFactory, UpdateCycleFactory
from ..helpers import count_queries

PLAN_SECTION = "2016-17 Business Plan Update"


def at(day, hour=12, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def plan_section(report):
    office = User.objects.get(email="office@demo.lscb.test")
    content = annual.build(report, office)
    return next(s for s in content["sections"] if s["title"] == PLAN_SECTION)


def test_updates_and_actions_added_after_the_year_leave_the_2016_17_report_as_it_was(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    before = plan_section(report)
    assert before["tables"][0]["head"][6] == "April 2017 updates"
    assert len(before["tables"][0]["rows"]) == 62
    assert before["paragraphs"][-1].startswith(
        "As at 28 April 2017, of the 62 actions of LSCB Business Plan 2016-19, 16 are complete"
    )

    plan = demo_board.plans.get(name="LSCB Business Plan 2016-19")
    action = plan.actions.exclude(rag__in=DONE).exclude(rag="").order_by("ref_sort").first()
    old_row = next(row for row in before["tables"][0]["rows"] if row[1] == action.ref)
    # The demo's current round (its illustrative 2017-18 rounds came after the report's).
    current = plan.current_cycle()
    assert current.name == "April 2018 updates"
    done = plan.actions.done().count()
    office = User.objects.get(email="office@demo.lscb.test")
    record_update(
        action,
        author=office,
        text="Done this week.",
        rag=Rag.COMPLETE,
        comment="Done",
        cycle=current,
    )
    ActionFactory(plan=plan, ref="9.99", text="A new action added this week")
    # The live plan has moved on: 63 actions, one more complete, updated in the current round.
    assert plan.actions.count() == 63
    assert plan.actions.done().count() == done + 1
    assert plan.latest_updated_cycle() == current

    after = plan_section(report)
    assert after == before
    assert next(row for row in after["tables"][0]["rows"] if row[1] == action.ref) == old_row
    assert old_row[7] != Rag.COMPLETE and old_row[6] != "Done this week."


@pytest.fixture
def history(plan):
    """An action added on 10 January 2017, rated red late on 15 March and green on 28 April."""
    action = ActionFactory(plan=plan, ref="1.1", created=at(date(2017, 1, 10)))
    for when, rag, text in [
        (at(date(2017, 3, 15), 23, 30), Rag.RED, "Stalled."),
        (at(date(2017, 4, 28)), Rag.GREEN, "Back on track."),
    ]:
        Update.objects.create(action=action, rag=rag, text=text, created=when)
    Action.objects.filter(pk=action.pk).update(rag=Rag.GREEN)
    return action


@pytest.mark.parametrize(
    "day, rag, text",
    [
        (date(2017, 1, 10), "", ""),  # the day it was added, before any update
        (date(2017, 3, 14), "", ""),  # the day before its first update
        (date(2017, 3, 15), Rag.RED, "Stalled."),  # the day of it (late in the evening)
        (date(2017, 3, 16), Rag.RED, "Stalled."),  # the day after
        (date(2017, 4, 27), Rag.RED, "Stalled."),
        (date(2017, 4, 28), Rag.GREEN, "Back on track."),
        (date(2017, 4, 29), Rag.GREEN, "Back on track."),
    ],
)
def test_as_at_gives_the_latest_update_on_or_before_the_day(history, day, rag, text):
    action = Action.objects.as_at(day).get(pk=history.pk)
    assert (action.rag_then, action.update_then) == (rag, text)


def test_as_at_leaves_out_actions_added_after_the_day(history):
    assert not Action.objects.as_at(date(2017, 1, 9)).exists()
    assert list(Action.objects.as_at(date(2017, 1, 10))) == [history]


def test_the_report_page_answers_in_the_same_queries_with_more_actions_as_at_its_year(
    login_as, report_2016_17, plan
):
    client = login_as("member")
    url = report_2016_17.get_absolute_url()
    cycle = UpdateCycleFactory(plan=plan, opens=date(2017, 3, 1), deadline=date(2017, 4, 28))

    def add(n):
        for m in range(n):
            action = ActionFactory(plan=plan, ref=f"{n}.{m}", created=at(date(2017, 1, 1)))
            Update.objects.create(
                action=action,
                cycle=cycle,
                rag=Rag.AMBER,
                text="Going",
                created=at(date(2017, 4, 1)),
            )

    add(2)
    before = count_queries(client, url)
    assert "Going" in client.get(url).content.decode()
    add(20)
    assert count_queries(client, url) == before


@pytest.fixture
def report_2016_17(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
    )
    annual.start(report, office)
    return report
