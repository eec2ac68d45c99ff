"""Attendees are emailed their evaluation link after the session and three months later, once each,
by the daily `send_evaluation_links`, to the email on their booking; the link is rate-limited like
the survey's answers."""

import datetime
import re
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from learning import booking as booking_flow
from learning.evaluating import booking_of
from learning.inviting import INVITE_DAYS, send_evaluation_links
from learning.models import Evaluation, EvaluationInvite, Session, Stage

TODAY = datetime.date(2026, 6, 1)


def linked(body):
    """The (booking, stage) of the evaluation link in an email (a signed link is new each time)."""
    (token,) = re.findall(r"https://lscb\.example\.org/training/evaluation/([^/\s]+)/", body)
    return booking_of(token)


def booked(course, agency, office, days_ago, email="ann@nhs.example", attended=True, name="Ann"):
    session = Session.objects.create(
        course=course, date=TODAY - datetime.timedelta(days=days_ago), online=True, capacity=5
    )
    booking = booking_flow.book(
        session, name=name, job_role="GP", agency=agency, email=email, user=office
    )
    if attended is not None:
        booking_flow.mark_attendance({booking: attended}, user=office)
    return booking


def test_the_link_goes_after_the_session_and_again_three_months_later_once_each(
    course, agency_x, office, settings
):
    settings.SITE_URL = "https://lscb.example.org"
    booking = booked(course, agency_x, office, days_ago=0)
    assert send_evaluation_links(TODAY) == (1, 0)
    (email,) = mail.outbox
    assert email.to == ["ann@nhs.example"] and course.title in email.subject
    assert linked(email.body) == (booking, Stage.AFTER) and "Hello Ann" in email.body
    assert send_evaluation_links(TODAY) == (0, 0), "once"
    assert send_evaluation_links(TODAY + datetime.timedelta(days=89)) == (0, 0), "not yet"
    assert send_evaluation_links(TODAY + datetime.timedelta(days=90)) == (1, 0)
    assert "three months" in mail.outbox[1].subject
    assert linked(mail.outbox[1].body) == (booking, Stage.THREE_MONTHS)
    assert send_evaluation_links(TODAY + datetime.timedelta(days=91)) == (0, 0)
    assert EvaluationInvite.objects.filter(sent_at__isnull=False).count() == 2


def test_nothing_goes_without_an_email_or_attendance_or_once_answered_or_long_after(
    course, agency_x, office
):
    booked(course, agency_x, office, 1, email="", name="No email")
    booked(course, agency_x, office, 1, attended=False, name="Did not come")
    booked(course, agency_x, office, 1, attended=None, name="Not marked")
    booked(course, agency_x, office, INVITE_DAYS + 1, name="Long ago")
    answered = booked(course, agency_x, office, 1, name="Answered")
    Evaluation.objects.create(booking=answered, stage=Stage.AFTER, confidence=4)
    cancelled = booked(course, agency_x, office, 1, name="Cancelled")
    booking_flow.cancel(cancelled, user=office)
    assert send_evaluation_links(TODAY) == (0, 0)
    assert mail.outbox == []


def test_a_failed_send_is_recorded_and_tried_again_the_next_day(course, agency_x, office, settings):
    booked(course, agency_x, office, 0)
    settings.NOTIFICATIONS_BACKEND = "tests.learning.test_evaluation_links.Broken"
    assert send_evaluation_links(TODAY) == (0, 1)
    invite = EvaluationInvite.objects.get()
    assert invite.sent_at is None and invite.attempts == 1 and "down" in invite.last_error
    settings.NOTIFICATIONS_BACKEND = "notifications.backends.DjangoEmail"
    assert send_evaluation_links(TODAY + datetime.timedelta(days=1)) == (1, 0)
    assert len(mail.outbox) == 1 and EvaluationInvite.objects.get().sent_at is not None


class Broken:
    def send(self, **kwargs):
        raise ConnectionError("the mail server is down")


def test_the_daily_command(course, agency_x, office):
    booked(course, agency_x, office, (TODAY - datetime.date.today()).days)  # a session today
    out = StringIO()
    call_command("send_evaluation_links", stdout=out)
    assert "1 evaluation link(s) sent" in out.getvalue() and len(mail.outbox) == 1


def test_the_evaluation_link_is_rate_limited_like_the_survey(course, agency_x, office, settings):
    settings.SURVEY_RATE_LIMITS = {"address": 2, "link": 100}
    day = datetime.date.today()
    bookings = [
        booked(course, agency_x, office, (TODAY - day).days, name=f"P{n}") for n in range(3)
    ]
    client = Client()

    def answer(booking, address):
        url = reverse("learning:evaluate", args=[booking.token(Stage.AFTER)])
        return client.post(url, {"confidence": "4"}, REMOTE_ADDR=address)

    assert answer(bookings[0], "198.51.100.1").status_code == 302
    assert answer(bookings[1], "198.51.100.1").status_code == 302
    refused = answer(bookings[2], "198.51.100.1")
    assert refused.status_code == 429 and "Too many answers" in refused.content.decode()
    assert Evaluation.objects.count() == 2
    assert answer(bookings[2], "198.51.100.2").status_code == 302
