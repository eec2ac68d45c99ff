"""Sending attendees their evaluation links by email: the first when the session has ended, the
second three months later (STAGE_OPENS), once each, by the daily `manage.py send_evaluation_links`.

Attendees are not users of the service, so this does not go through `notifications.notifying.notify`
(which tells users): it sends through the same backend (`notifications.backends`: Django's email or
GOV.UK Notify) to the work email recorded on the booking. A booking without an email, not attended,
cancelled, or whose details were removed gets nothing; nor does a stage already answered. Each sent
email is recorded (EvaluationInvite) and never sent again; a failed one is recorded with its error
and tried again on the next day's run, for up to INVITE_DAYS after its stage opens (after that the
office still has the link on the session's page)."""

import datetime
import logging

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifications.backends import backend

from .models import STAGE_OPENS, Booking, BookingStatus, Evaluation, EvaluationInvite, Stage

logger = logging.getLogger(__name__)

# A stage's email is sent on a daily run up to this many days after the stage opens.
INVITE_DAYS = 30


def due(stage, today):
    """The bookings whose `stage` email should go out today."""
    opened_by = today - datetime.timedelta(days=STAGE_OPENS[stage])
    sent = EvaluationInvite.objects.filter(
        booking=OuterRef("pk"), stage=stage, sent_at__isnull=False
    )
    answered = Evaluation.objects.filter(booking=OuterRef("pk"), stage=stage)
    return (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            attended=True,
            forgotten=False,
            session__date__range=(opened_by - datetime.timedelta(days=INVITE_DAYS), opened_by),
        )
        .exclude(email="")
        .exclude(Exists(sent))
        .exclude(Exists(answered))
        .select_related("session__course__board")
        .order_by("pk")
    )


def link(booking, stage):
    return settings.SITE_URL.rstrip("/") + reverse("learning:evaluate", args=[booking.token(stage)])


def message(booking, stage):
    course = booking.session.course
    subject = f"Your evaluation of {course.title}"
    if stage == Stage.THREE_MONTHS:
        subject += ", three months on"
    body = render_to_string(
        "learning/training/evaluation_email.txt",
        {
            "booking": booking,
            "session": booking.session,
            "course": course,
            "stage": Stage(stage),
            "link": link(booking, stage),
        },
    )
    return subject[:200], body


def send_one(booking, stage, now):
    invite, _ = EvaluationInvite.objects.get_or_create(booking=booking, stage=stage)
    subject, body = message(booking, stage)
    try:
        backend().send(to=booking.email, subject=subject, body=body)
    except Exception as error:
        EvaluationInvite.objects.filter(pk=invite.pk).update(
            attempts=invite.attempts + 1, last_error=f"{type(error).__name__}: {error}"[:300]
        )
        logger.warning("Evaluation link %s not sent: %s", invite.pk, error)
        return False
    EvaluationInvite.objects.filter(pk=invite.pk).update(sent_at=now, last_error="")
    return True


def send_evaluation_links(today=None):
    """Email every attendee whose evaluation link is due today and not yet sent. Returns
    (sent, failed)."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = failed = 0
    for stage in Stage:
        for booking in due(stage, today):
            if send_one(booking, stage, now):
                sent += 1
            else:
                failed += 1
    return sent, failed
