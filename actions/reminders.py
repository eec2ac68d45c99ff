"""Reminding chairs, before a cycle's deadline, of the actions they still have to update."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from subgroups.models import CHAIR_ROLES, SubgroupMembership

from .announcing import announce_cycle, open_cycles
from .models import Action, Reminder, UpdateCycle


def cycles_due(today):
    """Open cycles whose deadline is within their reminder window."""
    return [
        cycle
        for cycle in UpdateCycle.objects.filter(
            opens__lte=today, deadline__gte=today
        ).select_related("plan")
        if cycle.deadline - timedelta(days=cycle.reminder_days) <= today
    ]


def send_update_reminders(today=None):
    """Email each chair, once per cycle, the actions of theirs still needing an update. Returns the
    number of emails sent; a second run sends nothing new."""
    today = today or timezone.localdate()
    for cycle in open_cycles(today):
        announce_cycle(cycle, today)  # a cycle that opened today, or since the last run
    sent = 0
    for cycle in cycles_due(today):
        waiting = (
            Action.objects.filter(plan=cycle.plan)
            .not_updated_in(cycle)
            .outstanding()
            .prefetch_related("owners")
        )
        by_chair = defaultdict(list)
        chairs = SubgroupMembership.objects.filter(
            subgroup__actions__in=waiting, role__in=CHAIR_ROLES, user__is_active=True
        ).select_related("user")
        reminded = set(cycle.reminders.values_list("user_id", flat=True))
        owners_of = {action.pk: {g.pk for g in action.owners.all()} for action in waiting}
        for membership in chairs.distinct():
            if membership.user_id in reminded:
                continue
            for action in waiting:
                if (
                    membership.subgroup_id in owners_of[action.pk]
                    and action not in by_chair[membership.user]
                ):
                    by_chair[membership.user].append(action)
        for user, actions in by_chair.items():
            body = render_to_string(
                "actions/reminder_email.txt",
                {
                    "user": user,
                    "cycle": cycle,
                    "actions": actions,
                    "site": settings.SITE_URL.rstrip("/"),
                },
            )
            subject = f"{len(actions)} action{'s' if len(actions) != 1 else ''} to update by {cycle.deadline:%-d %B %Y}"
            send_mail(subject, body, None, [user.email])
            Reminder.objects.create(cycle=cycle, user=user, actions=len(actions))
            sent += 1
    return sent
