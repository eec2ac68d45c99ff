"""The one way people are told (notifications/notifying.py): recorded per person, sent by a task
queued after the transaction commits, retried when sending fails, or collected into a daily digest;
by Django's email or by GOV.UK Notify."""

import datetime
import json
import uuid
from unittest import mock

import pytest
import requests
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.models import Event, Frequency, Notification, Preference
from notifications.notifying import notify, requeue_unsent, send_digests

from ..factories import UserFactory

NOTIFY_KEY = f"lscb_test-{uuid.uuid4()}-{uuid.uuid4()}"
TEMPLATE = str(uuid.uuid4())


def tell(people, **kwargs):
    return notify(
        people,
        Event.RETURN_RETURNED,
        "Your return was returned for changes",
        "Why:\nStandard 2 needs evidence.",
        "/returns/1/",
        **kwargs,
    )


@pytest.fixture
def ann(db):
    return UserFactory(name="Ann Lead", email="ann@example.test")


@pytest.fixture
def bob(db):
    return UserFactory(name="Bob Lead", email="bob@example.test")


def test_one_email_each_once_the_transaction_commits(
    ann, bob, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://lscb.example.test"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        made = tell([ann, bob])
        assert mail.outbox == [], "nothing is sent before the transaction commits"
    assert len(callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.test", "bob@example.test"]
    email = next(m for m in mail.outbox if m.to == ["ann@example.test"])
    assert email.subject == "Your return was returned for changes"
    assert "Hello Ann Lead" in email.body and "Standard 2 needs evidence." in email.body
    assert "https://lscb.example.test/returns/1/" in email.body
    assert "https://lscb.example.test/notifications/settings/" in email.body
    assert all(n.sent_at for n in Notification.objects.filter(pk__in=[n.pk for n in made]))


def test_a_rolled_back_event_tells_nobody(ann, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell([ann])
    assert len(callbacks) == 1 and mail.outbox == []  # queued only when (if) it commits


def test_the_actor_and_inactive_people_are_not_told(ann, bob, django_capture_on_commit_callbacks):
    bob.is_active = False
    bob.save()
    carol = UserFactory(name="Carol Office")
    with django_capture_on_commit_callbacks(execute=True):
        made = tell([ann, bob, carol], actor=carol)
    assert [n.recipient for n in made] == [ann]
    assert [m.to for m in mail.outbox] == [["ann@example.test"]]


def test_a_keyed_event_is_told_once_each(ann, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell([ann], key="clock:1")
        tell([ann, bob], key="clock:1")
        tell([ann], key="clock:1")
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.test", "bob@example.test"]
    assert Notification.objects.filter(key="clock:1").count() == 2


def test_a_daily_digest_collects_instead_of_sending(ann, bob, django_capture_on_commit_callbacks):
    Preference.objects.create(user=ann, frequency=Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        tell([ann, bob])
        notify([ann], Event.REPORT_PUBLISHED, "Annual Report 2016-17 published", "Version 1.")
    assert [m.to for m in mail.outbox] == [["bob@example.test"]], "Ann waits for her digest"
    assert Notification.objects.filter(recipient=ann, digest=True, sent_at=None).count() == 2

    mail.outbox.clear()
    assert send_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == ["ann@example.test"]
    assert digest.subject == "Your daily digest: 2 notifications"
    assert "1. Your return was returned for changes" in digest.body
    assert "2. Annual Report 2016-17 published" in digest.body
    assert not Notification.objects.filter(recipient=ann, sent_at=None).exists()
    assert send_digests() == 0 and len(mail.outbox) == 1, "each is in one digest only"


def test_send_digests_command(ann, capsys):
    Preference.objects.create(user=ann, frequency=Frequency.DAILY)
    tell([ann])
    call_command("send_digests")
    assert "1 digest(s) sent" in capsys.readouterr().out
    assert [m.to for m in mail.outbox] == [["ann@example.test"]]


def notify_settings(settings):
    settings.NOTIFY_API_KEY = NOTIFY_KEY
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE
    settings.NOTIFICATIONS_BACKEND = "notifications.backends.GovukNotify"


def notify_answer(status):
    """What GOV.UK Notify's API answers, as the requests library gives it."""
    response = requests.Response()
    response.status_code = status
    response.headers["Content-Type"] = "application/json"
    body = {"id": str(uuid.uuid4())} if status == 201 else {"errors": [{"error": "Down"}]}
    response._content = json.dumps(body).encode()
    response.url = "https://api.notifications.service.gov.uk/v2/notifications/email"
    return response


def test_gov_uk_notify_sends_when_configured(ann, settings, django_capture_on_commit_callbacks):
    notify_settings(settings)
    with mock.patch.object(requests.Session, "request", return_value=notify_answer(201)) as http:
        with django_capture_on_commit_callbacks(execute=True):
            (made,) = tell([ann])
    assert mail.outbox == [], "Notify sends, not Django's email"
    (call,) = http.call_args_list
    method, url = call.args
    assert (method, url) == (
        "POST",
        "https://api.notifications.service.gov.uk/v2/notifications/email",
    )
    sent = json.loads(call.kwargs["data"])
    assert sent["email_address"] == "ann@example.test"
    assert sent["template_id"] == TEMPLATE
    assert sent["personalisation"]["subject"] == "Your return was returned for changes"
    assert "Standard 2 needs evidence." in sent["personalisation"]["body"]
    assert call.kwargs["headers"]["Authorization"].startswith("Bearer ")
    made.refresh_from_db()
    assert made.sent_at is not None and made.attempts == 0


def test_a_failed_send_is_retried_and_not_lost(ann, settings, django_capture_on_commit_callbacks):
    notify_settings(settings)
    answers = [notify_answer(500), notify_answer(201)]
    with mock.patch.object(requests.Session, "request", side_effect=answers) as http:
        with django_capture_on_commit_callbacks(execute=True):
            (made,) = tell([ann])
    assert http.call_count == 2
    made.refresh_from_db()
    assert made.sent_at is not None
    assert made.attempts == 1 and "500" in made.last_error


def test_after_its_retries_a_notification_waits_and_is_queued_again(
    ann, settings, django_capture_on_commit_callbacks
):
    notify_settings(settings)
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    with mock.patch.object(requests.Session, "request", side_effect=requests.ConnectionError("no")):
        with django_capture_on_commit_callbacks(execute=True):
            (made,) = tell([ann])
    made.refresh_from_db()
    assert (made.attempts, made.sent_at) == (3, None)
    assert "Request failed" in made.last_error

    assert requeue_unsent() == 0, "not within the hour: its own retries may still be waiting"
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch.object(requests.Session, "request", return_value=notify_answer(201)) as http:
        assert requeue_unsent(later) == 1
    assert http.call_count == 1
    made.refresh_from_db()
    assert made.sent_at is not None


def test_the_database_queue_sends_in_the_worker_not_in_the_request(
    ann, settings, django_capture_on_commit_callbacks
):
    """With the production backend, notifying only queues a task; `db_worker` sends it, and a
    failure is queued again (here with no wait) and sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NOTIFICATIONS_RETRY_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = tell([ann])
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1

    failing_once = mock.patch(
        "notifications.backends.send_mail", side_effect=[ConnectionRefusedError("smtp down"), 1]
    )
    worker = "django_tasks_db.management.commands.db_worker"
    with failing_once as send, mock.patch(f"{worker}.close_old_connections"):
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    assert send.call_count == 2
    assert DBTaskResult.objects.count() == 2, "the failed task and its retry"
    assert DBTaskResult.objects.ready().count() == 0
    made.refresh_from_db()
    assert made.sent_at is not None and made.attempts == 1
