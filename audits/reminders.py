"""Reminding agency leads whose Section 11 return is not yet submitted."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from boards.models import BoardMembership, Role

from .models import COUNTED, AuditCycle, AuditReminder
from .submitting import announce_cycle


def send_audit_reminders(today=None):
    """Email the leads of every expected agency without a submitted return, in every cycle taking
    returns. Returns the number of emails sent; a second run on the same day sends nothing new."""
    today = today or timezone.localdate()
    sent = 0
    for cycle in AuditCycle.objects.filter(opens__lte=today).prefetch_related("boards"):
        if not cycle.is_open(today):
            continue
        announce_cycle(cycle, today)  # a cycle that opened today, or since the last run
        waiting = cycle.expected.exclude(submissions__cycle=cycle, submissions__status__in=COUNTED)
        reminded = set(cycle.reminders.filter(sent_on=today).values_list("user_id", flat=True))
        leads = (
            BoardMembership.objects.filter(
                role=Role.AGENCY_LEAD,
                board__in=cycle.boards.all(),
                user__agency__in=waiting,
                user__is_active=True,
            )
            .exclude(user__in=reminded)
            .select_related("user__agency")
        )
        for user in {membership.user for membership in leads}:
            body = render_to_string(
                "audits/reminder_email.txt",
                {"user": user, "cycle": cycle, "site": settings.SITE_URL.rstrip("/")},
            )
            send_mail(
                f"{cycle.name}: {user.agency.name}'s return is due {cycle.closes:%-d %B %Y}",
                body,
                None,
                [user.email],
            )
            AuditReminder.objects.create(cycle=cycle, user=user, sent_on=today)
            sent += 1
    return sent
