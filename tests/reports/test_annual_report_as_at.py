"""The annual report's business plan section is as at the year's end (its update round's deadline):
updates and actions added later change the live plan, not the report about the year."""

import datetime
from datetime import date

import pytest
from django.core.cache import cache
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


@pytest.fixture
def scorecard_report(board, office):
    """A 2016-17 report of `board`, whose indicator CS2.0 (target 85) is red at 31 March 2017 and
    green on 30 June 2017, and CS2.1 has its latest figure of the year on 30 September 2016."""
    from performance.models import Indicator

    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
    )
    annual.start(report, office)
    for code, figures in [
        ("CS2.0", [(date(2017, 3, 31), 70), (date(2017, 6, 30), 90)]),
        ("CS2.1", [(date(2016, 9, 30), 88)]),
    ]:
        indicator = Indicator.objects.create(board=board, code=code, description=code)
        for starts in (date(2016, 4, 1), date(2017, 4, 1)):
            indicator.targets.create(
                starts=starts,
                ends=starts.replace(year=starts.year + 1) - datetime.timedelta(1),
                value=85,
                tolerance=5,
            )
        for day, value in figures:
            indicator.measurements.create(period_end=day, value=value)
    return report


def performance_section(report, user):
    content = annual.build(report, user)
    return next(s for s in content["sections"] if s["kind"] == "performance")


def test_the_performance_section_is_as_at_the_period_end(scorecard_report, office):
    built = performance_section(scorecard_report, office)
    table = built["tables"][0]
    assert table["caption"] == "Key performance indicators at 31 March 2017"
    rows = {row[0]: row for row in table["rows"]}
    assert rows["CS2.0"][2:4] == ["70.0%", "Red"]  # the June figure is after the year: ignored
    assert rows["CS2.1"][2:4] == ["88.0%", "Green"]  # its latest on or before, named as earlier
    assert built["summary"] == "2 indicators at 31 March 2017: 1 red, 1 green."
    assert "1 dated earlier: CS2.1 (30 September 2016)." in " ".join(built["paragraphs"])


def test_a_published_version_stays_frozen_when_figures_change(scorecard_report, office):
    from performance.models import Measurement

    publication = annual.publish(scorecard_report, office)
    frozen = performance_section(scorecard_report, office)
    # Afterwards a figure of the year is corrected and a new one is added for 31 March 2017.
    Measurement.objects.filter(indicator__code="CS2.0", period_end=date(2017, 3, 31)).update(
        value=95
    )
    Measurement.objects.create(
        indicator=Measurement.objects.get(indicator__code="CS2.1").indicator,
        period_end=date(2017, 3, 31),
        value=10,
    )
    live = performance_section(scorecard_report, office)
    assert live["summary"] == "2 indicators at 31 March 2017: 1 red, 1 green."
    assert {row[0]: row[3] for row in live["tables"][0]["rows"]} == {
        "CS2.0": "Green",
        "CS2.1": "Red",
    }
    publication.refresh_from_db()
    stored = next(s for s in publication.content["sections"] if s["kind"] == "performance")
    assert stored["tables"] == frozen["tables"]
    assert {row[0]: row[3] for row in stored["tables"][0]["rows"]} == {
        "CS2.0": "Red",
        "CS2.1": "Green",
    }


def test_the_section_11_section_counts_the_returns_submitted_by_the_year_end(
    board, office, submission
):
    from audits.models import Submission, SubmissionStatus

    cycle = submission.cycle
    report = AnnualReport.objects.create(
        board=board,
        title="This year",
        period_start=cycle.closes - datetime.timedelta(300),
        period_end=cycle.closes + datetime.timedelta(30),
    )
    annual.start(report, office)

    def section_11(submitted):
        Submission.objects.filter(pk=submission.pk).update(
            status=SubmissionStatus.ACCEPTED, submitted=at(submitted)
        )
        cache.clear()  # the summary's cache key changes when a return is submitted, not updated
        content = annual.build(report, office)
        return next(s for s in content["sections"] if s["kind"] == "section_11")

    built = section_11(report.period_end)
    assert built["tables"][0]["rows"][0][-1] == "1"  # number of responses
    assert f"Returns submitted by {report.period_end:%-d %B %Y} are counted." in built["paragraphs"]
    built = section_11(report.period_end + datetime.timedelta(1))  # after the year: not counted
    assert built["tables"][0]["rows"][0][-1] == "0"
