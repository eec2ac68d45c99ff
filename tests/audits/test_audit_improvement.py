"""Accepted returns' improvement actions roll up into the cycle's action plan, tracked like any
action; accepting again after a return brings the same action up to date."""

import datetime

from django.urls import reverse

from actions.models import Action, PlanKind
from audits.models import Answer, Rating

from ..helpers import page
from .test_audits import answer, submit
from .test_audits_review import review
from .test_compliance import fully_met_returns

DUE = datetime.date(2017, 9, 30)


def submitted_with_gaps(login_as, submission):
    answer(
        submission,
        "1.1",
        Rating.PARTIALLY,
        improvement_action="Add safeguarding clauses to every new contract",
        action_owner="Head of commissioning",
        action_due=DUE,
    )
    answer(submission, "1.2", Rating.FULLY)
    answer(submission, "2.1", Rating.NOT_MET, improvement_action="Review staff checks yearly")
    assert submit(login_as("lead_x"), submission).status_code == 302
    return submission


def test_accepting_puts_each_improvement_action_in_the_cycles_plan(
    login_as, office, board, submission
):
    submitted_with_gaps(login_as, submission)
    review(login_as("office"), submission, decision="accept")
    cycle = submission.cycle
    cycle.refresh_from_db()
    plan = cycle.plan
    assert (plan.board, plan.kind) == (board, PlanKind.AUDIT)
    actions = list(plan.actions.order_by("ref_sort"))
    assert [a.ref for a in actions] == [
        f"1.1/{submission.agency_id}",
        f"2.1/{submission.agency_id}",
    ]
    first, second = actions
    assert first.text == "Testshire Police: Add safeguarding clauses to every new contract"
    assert (first.named_owners, first.due_date) == ("Head of commissioning", DUE)
    assert first.theme.title == "A clear line of accountability"
    assert second.named_owners == "Testshire Police"  # no owner given: the agency owns it
    assert second.theme.number == 2
    assert first.history.get().history_user == office
    # The answer knows its action, and the read-only return links to it.
    assert Answer.objects.get(action=first).criterion.text == "Commissioning requires safeguarding"
    assert first.get_absolute_url() in page(login_as("lead_x"), submission.get_absolute_url())
    # Tracked like any action, on the plan, by the office and the agency; the board sees it counted.
    assert first.agency == submission.agency
    assert "Review staff checks yearly" in page(login_as("lead_x"), plan.get_absolute_url())
    assert "Review staff checks yearly" not in page(login_as("member"), plan.get_absolute_url())
    assert plan.get_absolute_url() in page(login_as("office"), cycle.get_absolute_url())


def test_returning_does_not_roll_up_and_reaccepting_updates_the_same_action(login_as, submission):
    submitted_with_gaps(login_as, submission)
    review(login_as("office"), submission, decision="return", comment="Name an owner for 2.1")
    assert Action.objects.count() == 0
    review_again = Answer.objects.get(submission=submission, criterion__standard__number=2)
    review_again.action_owner = "HR manager"
    review_again.save()
    submit(login_as("lead_x"), submission)
    review(login_as("office"), submission, decision="accept")
    action = Action.objects.get(ref__startswith="2.1/")
    assert action.named_owners == "HR manager"
    version = action.version
    # Accepted again with a changed action: the same action changes, with a new version.
    review(login_as("office"), submission, decision="return", comment="Sooner, please")
    review_again.refresh_from_db()
    assert review_again.action == action
    review_again.action_due = DUE
    review_again.save()
    submit(login_as("lead_x"), submission)
    review(login_as("office"), submission, decision="accept")
    action.refresh_from_db()
    assert (action.due_date, action.version) == (DUE, version + 1)
    assert Action.objects.count() == 2


def test_a_fully_met_return_makes_no_plan(login_as, submission):
    for ref in ("1.1", "1.2", "2.1"):
        answer(submission, ref, Rating.FULLY)
    submit(login_as("lead_x"), submission)
    review(login_as("office"), submission, decision="accept")
    submission.cycle.refresh_from_db()
    assert submission.cycle.plan is None
    assert Action.objects.count() == 0


def test_the_plan_is_shared_by_every_accepted_return_of_the_cycle(
    login_as, submission, audit_cycle, agency_y, lead_y
):
    from audits.models import Submission

    submitted_with_gaps(login_as, submission)
    other = Submission.objects.create(cycle=audit_cycle, agency=agency_y)
    answer(other, "1.1", Rating.FULLY)
    answer(other, "1.2", Rating.NOT_MET, improvement_action="Name a senior lead")
    answer(other, "2.1", Rating.FULLY)
    assert submit(login_as("lead_y"), other).status_code == 302
    review(login_as("office"), submission, decision="accept")
    review(login_as("office"), other, decision="accept")
    audit_cycle.refresh_from_db()
    assert audit_cycle.plan.actions.count() == 3
    assert reverse("actions:plan", args=[audit_cycle.plan.pk]) in page(
        login_as("office"), audit_cycle.get_absolute_url()
    )


def test_an_answer_that_lost_its_link_finds_its_action_again(login_as, submission):
    submitted_with_gaps(login_as, submission)
    review(login_as("office"), submission, decision="accept")
    Answer.objects.filter(submission=submission).update(action=None)
    review(login_as("office"), submission, decision="return", comment="Check dates")
    submit(login_as("lead_x"), submission)
    review(login_as("office"), submission, decision="accept")
    assert Action.objects.count() == 2
    assert Answer.objects.exclude(action=None).count() == 2


def test_the_report_draws_the_standards_fully_met_as_bars(login_as, submission, board):
    submitted_with_gaps(login_as, submission)
    html = page(login_as("member"), reverse("audits:report", args=[submission.cycle.pk]))
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in chart
    # One return: nothing is drawn from it (fewer than 3 returns)...
    assert "Standard 1: fewer than 3. Standard 2: fewer than 3." in chart
    assert chart.count('width="0"') == 2
    # ...three returns, two fully met: two thirds of each bar...
    fully_met_returns(submission.cycle, board, ["D", "E"])
    html = page(login_as("member"), reverse("audits:report", args=[submission.cycle.pk]))
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert "Standard 1: 67%. Standard 2: 67%." in chart
    answer_fully = Answer.objects.filter(submission=submission)
    answer_fully.update(rating=Rating.FULLY)
    from audits.submitting import record_results

    record_results(submission)
    html = page(login_as("member"), reverse("audits:report", args=[submission.cycle.pk]))
    chart = html[html.index("<svg") : html.index("</svg>")]
    # ...and full bars (300 of the 300 units from 0 to 100%) once all are fully met.
    assert "Standard 1: 100%. Standard 2: 100%." in chart
    assert chart.count('width="300"') == 2
