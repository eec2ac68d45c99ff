"""send_audit_reminders: agency leads whose return is not in, once a day at most."""

import datetime

from django.core.management import call_command

from audits.models import SubmissionStatus
from audits.reminders import send_audit_reminders

from ..factories import SubmissionFactory


def test_leads_without_a_submitted_return_are_reminded_once_a_day(
    audit_cycle, lead_x, lead_y, mailoutbox
):
    SubmissionFactory(cycle=audit_cycle, agency=lead_y.agency, status=SubmissionStatus.SUBMITTED)
    call_command("send_audit_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [mail.to for mail in mailoutbox] == [[lead_x.email]]
    assert f"/audits/{audit_cycle.pk}/" in mailoutbox[0].body
    assert send_audit_reminders() == 0
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert send_audit_reminders(today=tomorrow) == 1


def test_a_draft_is_not_a_return(audit_cycle, lead_x, mailoutbox):
    SubmissionFactory(cycle=audit_cycle, agency=lead_x.agency, status=SubmissionStatus.DRAFT)
    assert send_audit_reminders() == 1


def test_closed_cycles_and_other_people_get_nothing(
    audit_cycle, lead_x, member, office, mailoutbox
):
    audit_cycle.closed = datetime.date.today()
    audit_cycle.save()
    assert send_audit_reminders() == 0
    assert mailoutbox == []


def test_inactive_leads_get_nothing(audit_cycle, lead_x, mailoutbox):
    lead_x.is_active = False
    lead_x.save()
    assert send_audit_reminders() == 0
