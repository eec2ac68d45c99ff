"""The one way people are told of a workflow event.

`notify` records one Notification per person and, once the event's transaction commits, queues the
sending (django-tasks: the database is the queue, `manage.py db_worker` sends): nothing is sent
inside a request. A failed send is recorded and tried again later; a person who chose a daily
digest gets their notifications in one email a day (`manage.py send_digests`).
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .backends import backend
from .models import Frequency, Notification, Preference

logger = logging.getLogger(__name__)


def notify(recipients, event, subject, body, link="", *, actor=None, key=""):
    """Tell each of `recipients` (users) of `event` once: an email now, or in their daily digest.
    The person who acted is not told of their own act. With a `key`, a person already told under
    that key is not told again (events that a daily check finds). Returns the notifications made."""
    people = {
        user.pk: user
        for user in recipients
        if user.is_active and user.email and (actor is None or user.pk != actor.pk)
    }
    if key:
        told = Notification.objects.filter(recipient__in=list(people), key=key)
        for pk in told.values_list("recipient_id", flat=True):
            people.pop(pk, None)
    if not people:
        return []
    daily = set(
        Preference.objects.filter(user__in=list(people), frequency=Frequency.DAILY).values_list(
            "user_id", flat=True
        )
    )
    made = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            event=event,
            subject=subject[:200],
            body=body,
            link=link,
            key=key,
            digest=user.pk in daily,
        )
        for user in people.values()
    )
    for notification in made:
        if not notification.digest:
            transaction.on_commit(partial(send_notification.enqueue, notification.pk))
    return made


@task()
def send_notification(notification_id):
    """Send one notification (a task, run by the worker)."""
    return deliver(notification_id)


def deliver(notification_id):
    """Send the notification unless it was sent already. A failure is recorded on it and the send
    is queued again, later each time, up to NOTIFICATIONS_MAX_ATTEMPTS; the daily run of
    `send_digests` queues again whatever is still unsent after that."""
    notification = (
        Notification.objects.unsent().select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None:
        return "already sent"
    body = render_to_string("notifications/email.txt", {"notification": notification})
    try:
        backend().send(to=notification.recipient.email, subject=notification.subject, body=body)
    except Exception as error:
        attempts = notification.attempts + 1
        Notification.objects.filter(pk=notification.pk).update(
            attempts=attempts, last_error=f"{type(error).__name__}: {error}"[:300]
        )
        logger.warning(
            "Notification %s not sent (attempt %s): %s", notification.pk, attempts, error
        )
        if attempts < settings.NOTIFICATIONS_MAX_ATTEMPTS:
            retry(notification.pk, attempts)
        raise
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return "sent"


def retry(notification_id, attempts):
    """Queue the send again: after 1, 2, 4, 8 ... times NOTIFICATIONS_RETRY_SECONDS where the
    queue can wait (the database queue can; the immediate backend of the tests runs it now)."""
    queued = send_notification
    if queued.get_backend().supports_defer:
        delay = settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** (attempts - 1)
        queued = queued.using(run_after=timezone.now() + timedelta(seconds=delay))
    queued.enqueue(notification_id)


def requeue_unsent(now=None):
    """Queue again every email notification still unsent an hour after it was made (its retries
    used up, or the worker was down): nothing is lost. Returns how many."""
    now = now or timezone.now()
    waiting = list(
        Notification.objects.unsent()
        .filter(digest=False, created__lt=now - timedelta(hours=1))
        .values_list("pk", flat=True)
    )
    for pk in waiting:
        send_notification.enqueue(pk)
    return len(waiting)


def send_digests(now=None):
    """Email each person with notifications waiting for their digest one email listing them all.
    Returns the number of emails sent; a failed one stays for the next day's digest."""
    now = now or timezone.now()
    waiting = Notification.objects.unsent().filter(digest=True, created__lte=now)
    by_person = {}
    for notification in waiting.select_related("recipient").order_by("created", "pk"):
        by_person.setdefault(notification.recipient, []).append(notification)
    sent = 0
    for person, notifications in by_person.items():
        count = len(notifications)
        subject = f"Your daily digest: {count} notification{'s' if count != 1 else ''}"
        body = render_to_string(
            "notifications/digest.txt", {"person": person, "notifications": notifications}
        )
        try:
            backend().send(to=person.email, subject=subject, body=body)
        except Exception as error:
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                last_error=f"{type(error).__name__}: {error}"[:300]
            )
            logger.warning("Digest for user %s not sent: %s", person.pk, error)
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=now)
        sent += 1
    return sent
