"""Each workflow event that asks something of someone sends one email to each right person and none
to anyone else (every role of both boards is present in every test)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actions.reminders import send_update_reminders
from audits.models import SubmissionStatus
from audits.reminders import send_audit_reminders
from audits.submitting import announce_cycle
from notifications.models import Event, Notification
from reports import annual
from reports.models import AnnualReport
from reviews.clock_alerts import check_clocks
from reviews.clocks import add_working_days

from ..actions.test_planning import action_data, cycle_data
from ..conftest import ROLES
from ..factories import AuditCycleFactory, BoardMembershipFactory, UserFactory
from ..helpers import publish_data
from ..reviews_factories import CaseReviewFactory

TODAY = datetime.date.today()


@pytest.fixture
def everyone(request, other_board_action):
    """Every role of both boards, by fixture name."""
    return {role: request.getfixturevalue(role) for role in ROLES[1:]}


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run `do()` as a request would, with the transaction committing at its end."""

    def go(do):
        mail.outbox.clear()
        RUN["before"] = Notification.objects.order_by("pk").values_list("pk", flat=True).last() or 0
        with django_capture_on_commit_callbacks(execute=True):
            result = do()
        return result

    return go


RUN = {"before": 0}  # the last notification before the latest run


def told(event=None):
    """{email address: subjects} of the emails the latest run sent; with `event`, checked against
    the notifications it made of that event."""
    sent = {}
    for email in mail.outbox:
        (to,) = email.to
        sent.setdefault(to, []).append(email.subject)
    if event is not None:
        made = Notification.objects.filter(event=event, pk__gt=RUN["before"])
        assert set(made.values_list("recipient__email", flat=True)) == set(sent)
    return sent


def emails_of(*people):
    return {person.email for person in people}


@pytest.fixture
def submitted(submission, lead_x):
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = lead_x
    submission.save()
    return submission


def review(client, submission, **data):
    return client.post(reverse("audits:review", args=[submission.pk]), data)


def test_a_return_returned_for_changes_tells_the_agencys_leads_why(
    everyone, login_as, submitted, run, board, agency_x
):
    second_lead = UserFactory(name="Lou Lead", agency=agency_x)
    BoardMembershipFactory(board=board, user=second_lead, role="agency_lead")
    client = login_as("office")
    response = run(
        lambda: review(client, submitted, decision="return", comment="Add evidence for 2.1")
    )
    assert response.status_code == 302
    sent = told(Event.RETURN_RETURNED)
    assert set(sent) == emails_of(everyone["lead_x"], second_lead)
    assert all(len(subjects) == 1 for subjects in sent.values())
    email = mail.outbox[0]
    assert "returned for changes" in email.subject
    assert "Add evidence for 2.1" in email.body
    assert reverse("audits:submission", args=[submitted.pk]) in email.body


def test_a_return_accepted_tells_the_agencys_leads(everyone, login_as, submitted, run):
    client = login_as("office")
    assert (
        run(
            lambda: review(client, submitted, decision="accept", comment="Well evidenced")
        ).status_code
        == 302
    )
    assert told(Event.RETURN_ACCEPTED) == {
        everyone["lead_x"].email: [
            f"{submitted.cycle.name}: Testshire Police's return was accepted"
        ]
    }
    assert "Well evidenced" in mail.outbox[0].body


def test_nothing_is_sent_when_the_decision_is_refused(everyone, login_as, submitted, run):
    client = login_as("office")
    response = run(lambda: review(client, submitted, decision="return", comment=""))
    assert response.status_code == 200  # a return needs a comment
    assert told() == {} and not Notification.objects.exists()


def test_a_cycle_opened_tells_the_leads_of_expected_agencies_once(everyone, audit_cycle, run):
    run(lambda: announce_cycle(audit_cycle))
    assert set(told(Event.AUDIT_CYCLE_OPENED)) == emails_of(everyone["lead_x"], everyone["lead_y"])
    run(lambda: announce_cycle(audit_cycle))
    run(send_audit_reminders)
    assert Notification.objects.filter(event=Event.AUDIT_CYCLE_OPENED).count() == 2, "once each"


def test_a_cycle_opening_later_is_told_on_the_day_it_opens(everyone, board, agency_x, run):
    cycle = AuditCycleFactory(
        boards=[board], expected=[agency_x], opens=TODAY + datetime.timedelta(days=3)
    )
    assert run(lambda: announce_cycle(cycle)) == []
    run(lambda: send_audit_reminders(TODAY + datetime.timedelta(days=3)))
    assert [n.recipient for n in Notification.objects.filter(event=Event.AUDIT_CYCLE_OPENED)] == [
        everyone["lead_x"]
    ]


def test_an_action_given_to_a_group_tells_its_chairs(
    everyone, login_as, action, other_subgroup, run
):
    client = login_as("office")
    data = action_data(action, owners=[g.pk for g in action.owners.all()] + [other_subgroup.pk])
    response = run(lambda: client.post(reverse("actions:action_edit", args=[action.pk]), data))
    assert response.status_code == 302
    sent = told(Event.ACTION_ASSIGNED)
    assert sent == {
        everyone["other_chair"].email: ["Action 1.1 of Business Plan 2016-19 is now your group's"]
    }
    # Saving again with the same owners tells nobody.
    data = action_data(action, text="Reworded")
    run(lambda: client.post(reverse("actions:action_edit", args=[action.pk]), data))
    assert told() == {}


def test_a_new_action_tells_its_groups_chairs(everyone, login_as, action, run):
    client = login_as("office")
    data = {**action_data(action), "ref": "1.2", "text": "A new action", "links": ""}
    response = run(lambda: client.post(reverse("actions:action_add", args=[action.plan.pk]), data))
    assert response.status_code == 302
    assert set(told(Event.ACTION_ASSIGNED)) == emails_of(everyone["subgroup_chair"])


def test_an_update_cycle_opened_tells_the_chairs_of_groups_with_actions(
    everyone, login_as, action, plan, run
):
    client = login_as("office")
    response = run(lambda: client.post(reverse("actions:cycle_add", args=[plan.pk]), cycle_data()))
    assert response.status_code == 302
    assert set(told(Event.UPDATE_CYCLE_OPENED)) == emails_of(everyone["subgroup_chair"])
    run(send_update_reminders)  # the daily run: already told
    assert Notification.objects.filter(event=Event.UPDATE_CYCLE_OPENED).count() == 1


def test_an_update_cycle_opening_later_is_told_on_the_day(everyone, login_as, action, plan, run):
    later = TODAY + datetime.timedelta(days=5)
    client = login_as("office")
    data = cycle_data(opens=later, deadline=later + datetime.timedelta(days=30))
    run(lambda: client.post(reverse("actions:cycle_add", args=[plan.pk]), data))
    assert told() == {}
    run(lambda: send_update_reminders(later))
    assert set(told(Event.UPDATE_CYCLE_OPENED)) == emails_of(everyone["subgroup_chair"])


def test_a_clock_due_soon_or_missed_tells_the_board_office_once_each(
    everyone, board, other_board, run
):
    known = TODAY - datetime.timedelta(days=1)
    while add_working_days(known, 5) > add_working_days(TODAY, 2):
        known -= datetime.timedelta(days=1)
    while add_working_days(known, 5) < TODAY:
        known += datetime.timedelta(days=1)
    review = CaseReviewFactory(board=board, reference="Child Q", known_date=known)
    CaseReviewFactory(board=other_board, reference="Adult Q")  # no clock running

    run(check_clocks)
    assert told(Event.CLOCK_DUE_SOON) == {
        everyone["office"].email: [
            f"Child Q: notification to the national panel due {review.notification_due:%-d %B %Y}"
        ]
    }
    run(check_clocks)
    call_command("check_clocks", stdout=io.StringIO())
    assert told() == {}, "once each"

    missed_day = review.notification_due + datetime.timedelta(days=1)
    run(lambda: check_clocks(missed_day))
    sent = told(Event.CLOCK_MISSED)
    assert set(sent) == emails_of(everyone["office"])
    assert "missed" in sent[everyone["office"].email][0]
    run(lambda: check_clocks(missed_day + datetime.timedelta(days=1)))
    assert told() == {}


def test_a_report_published_tells_the_board_members(everyone, login_as, board, run):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=datetime.date(2016, 4, 1),
        period_end=datetime.date(2017, 3, 31),
    )
    annual.start(report, None)
    client = login_as("office")
    url = reverse("reports:annual_publish", args=[report.pk])
    assert run(lambda: client.post(url, publish_data(report))).status_code == 302
    sent = told(Event.REPORT_PUBLISHED)
    assert set(sent) == emails_of(everyone["chair"], everyone["member"])
    assert sent[everyone["member"].email] == ["TSCP: Annual Report 2016-17 published (version 1)"]


def test_no_email_is_sent_inside_the_request(
    everyone, login_as, submitted, django_capture_on_commit_callbacks
):
    """The request only records and queues (on commit); sending is the task's."""
    client = login_as("office")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        review(client, submitted, decision="return", comment="Add evidence")
    assert mail.outbox == [] and len(queued) == 1
    assert Notification.objects.get().sent_at is None


def test_an_agency_added_to_an_open_cycle_has_its_leads_told(
    everyone, login_as, audit_cycle, board, run
):
    from ..core.test_lost_updates import form_data
    from ..factories import AgencyFactory, BoardAgencyFactory

    run(lambda: announce_cycle(audit_cycle))
    agency_z = BoardAgencyFactory(
        board=board, agency=AgencyFactory(name="Testshire Council")
    ).agency
    lead_z = UserFactory(name="Zed Lead", agency=agency_z)
    BoardMembershipFactory(board=board, user=lead_z, role="agency_lead")
    client = login_as("office")
    url = reverse("audits:cycle_edit", args=[audit_cycle.pk])
    data = form_data(client.get(url).context["form"])
    data["agencies"] = [*data.get("agencies", []), str(agency_z.pk)]
    assert run(lambda: client.post(url, data)).status_code == 302
    assert set(told(Event.AUDIT_CYCLE_OPENED)) == emails_of(lead_z)
    assert Notification.objects.filter(event=Event.AUDIT_CYCLE_OPENED).count() == 3
