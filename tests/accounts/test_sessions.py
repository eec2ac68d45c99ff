"""accounts.sessions: a session ends after SESSION_COOKIE_AGE seconds without a request. Each request
moves the end on, writing the session at most once every SESSION_REFRESH_SECONDS unless it changed."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

AGE = timedelta(seconds=settings.SESSION_COOKIE_AGE)
REFRESH = timedelta(seconds=settings.SESSION_REFRESH_SECONDS)


def signed_in(client, user, written_ago):
    """The client signed in as `user`, its session's end last written `written_ago`."""
    client.force_login(user)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - written_ago + AGE
    )


def end(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    writes = [q for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]
    return response, writes


def test_a_request_soon_after_the_session_was_written_does_not_write_it(client, member):
    signed_in(client, member, written_ago=REFRESH - timedelta(seconds=5))
    before = end(client)
    response, writes = session_writes(client, "/")
    assert response.status_code == 200
    assert writes == [] and end(client) == before


def test_a_request_once_the_refresh_interval_has_passed_moves_the_end_on(client, member):
    signed_in(client, member, written_ago=REFRESH + timedelta(seconds=5))
    response, writes = session_writes(client, "/")
    assert response.status_code == 200
    assert len(writes) == 1
    assert abs(end(client) - (timezone.now() + AGE)) < timedelta(seconds=5)


def test_a_session_idle_for_nearly_the_limit_still_answers_and_is_moved_on(client, member):
    signed_in(client, member, written_ago=AGE - timedelta(seconds=5))
    assert client.get("/").status_code == 200
    assert end(client) > timezone.now() + AGE - timedelta(seconds=5)


def test_a_session_idle_for_longer_than_the_limit_has_ended(client, member):
    signed_in(client, member, written_ago=AGE + timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/login/?next=/"
