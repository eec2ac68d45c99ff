"""Reminders to chairs, before a cycle's deadline, of the actions they still have to update: who is
reminded, of which actions, when, and only once a cycle.

`mailoutbox` comes last in each test's fixtures: the database fixtures replace Django's outbox."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from actions.models import Reminder, Update
from actions.reminders import send_update_reminders
from subgroups.models import MemberRole

from ..factories import ActionFactory, SubgroupMembershipFactory

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def run():
    """Run the daily command; return what it printed."""
    out = StringIO()
    call_command("send_update_reminders", stdout=out)
    return out.getvalue()


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


@pytest.fixture
def due(cycle):
    """`cycle` with its deadline in 3 days and reminders from 7 days before: today is in the window."""
    cycle.deadline, cycle.reminder_days = days(3), 7
    cycle.save()
    return cycle


def test_chair_is_emailed_the_actions_to_update(action, due, subgroup_chair, mailoutbox):
    assert run() == "1 reminder sent.\n"
    [email] = mailoutbox
    assert email.to == [subgroup_chair.email]
    assert email.subject.startswith("1 action to update")
    assert "- 1.1: Refresh the self-assessment" in email.body
    assert f"/actions/{action.pk}/update/" in email.body


def test_reminder_is_recorded(action, due, subgroup_chair):
    run()
    reminder = Reminder.objects.get()
    assert (reminder.cycle, reminder.user, reminder.actions) == (due, subgroup_chair, 1)


def test_a_chair_is_reminded_once_a_cycle(action, due, subgroup_chair, mailoutbox):
    run()
    assert run() == "0 reminders sent.\n"
    assert len(mailoutbox) == 1
    assert Reminder.objects.count() == 1


def test_vice_chair_is_reminded_too(action, due, subgroup, subgroup_chair, mailoutbox):
    vice = SubgroupMembershipFactory(subgroup=subgroup, role=MemberRole.VICE_CHAIR).user
    run()
    assert recipients(mailoutbox) == sorted([subgroup_chair.email, vice.email])


def test_members_and_other_groups_chairs_are_not_reminded(
    action, due, subgroup, subgroup_chair, other_chair, mailoutbox
):
    SubgroupMembershipFactory(subgroup=subgroup, role=MemberRole.MEMBER)
    run()
    assert recipients(mailoutbox) == [subgroup_chair.email]


def test_a_chair_of_two_owning_groups_gets_each_action_once(
    action, due, other_subgroup, subgroup_chair, mailoutbox
):
    action.owners.add(other_subgroup)
    SubgroupMembershipFactory(subgroup=other_subgroup, user=subgroup_chair, role=MemberRole.CHAIR)
    run()
    [email] = mailoutbox
    assert email.body.count("- 1.1:") == 1
    assert email.subject.startswith("1 action to update")


def test_updated_and_complete_actions_are_not_listed(
    plan, action, due, subgroup, subgroup_chair, mailoutbox
):
    updated = ActionFactory(plan=plan, ref="1.2", owners=[subgroup])
    Update.objects.create(action=updated, cycle=due, text="Done this cycle", rag="G")
    ActionFactory(plan=plan, ref="1.3", owners=[subgroup], rag="C")
    run()
    [email] = mailoutbox
    assert "- 1.1:" in email.body
    assert "- 1.2:" not in email.body
    assert "- 1.3:" not in email.body
    assert email.subject.startswith("1 action to update")


def test_every_waiting_action_is_listed(plan, action, due, subgroup, subgroup_chair, mailoutbox):
    ActionFactory(plan=plan, ref="1.2", owners=[subgroup])
    run()
    [email] = mailoutbox
    assert email.subject.startswith("2 actions to update")
    assert "- 1.1:" in email.body
    assert "- 1.2:" in email.body


def test_chair_with_nothing_left_gets_no_email(action, due, subgroup_chair, mailoutbox):
    Update.objects.create(action=action, cycle=due, text="Done this cycle", rag="G")
    assert run() == "0 reminders sent.\n"
    assert mailoutbox == []
    assert not Reminder.objects.exists()


def test_nothing_is_sent_before_the_window(action, cycle, subgroup_chair, mailoutbox):
    assert (cycle.deadline, cycle.reminder_days) == (days(20), 7)
    assert run() == "0 reminders sent.\n"
    assert mailoutbox == []


def test_the_window_opens_reminder_days_before_the_deadline(action, cycle, subgroup_chair):
    assert send_update_reminders(today=cycle.deadline - datetime.timedelta(days=8)) == 0
    assert send_update_reminders(today=cycle.deadline - datetime.timedelta(days=7)) == 1


def test_the_deadline_day_still_reminds(action, cycle, subgroup_chair):
    assert send_update_reminders(today=cycle.deadline) == 1


def test_nothing_is_sent_after_the_deadline(action, due, subgroup_chair, mailoutbox):
    assert send_update_reminders(today=due.deadline + datetime.timedelta(days=1)) == 0
    due.opens, due.deadline = days(-20), days(-2)
    due.save()
    assert run() == "0 reminders sent.\n"
    assert mailoutbox == []


def test_nothing_is_sent_before_the_cycle_opens(action, due, subgroup_chair, mailoutbox):
    due.opens = days(2)
    due.save()
    assert run() == "0 reminders sent.\n"
    assert mailoutbox == []


def test_inactive_chairs_get_nothing(action, due, subgroup_chair, mailoutbox):
    subgroup_chair.is_active = False
    subgroup_chair.save()
    assert run() == "0 reminders sent.\n"
    assert mailoutbox == []
