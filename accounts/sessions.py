"""Sessions end after SESSION_COOKIE_AGE seconds without a request (and when the browser closes).

Each request moves the end on, but the session is written only when it has changed or when its end,
as last written, is more than SESSION_REFRESH_SECONDS old: writing it on every request
(SESSION_SAVE_EVERY_REQUEST) costs every page an UPDATE and a commit that waits for the disk. So a
session ends between SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE seconds
after its last request: never later than the idle limit, at most a minute sooner.

`SESSION_ENGINE = "accounts.sessions"` (Django's database sessions, remembering the end they read)
and `accounts.sessions.SessionMiddleware` in place of Django's."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, remembering when the session read was due to end."""

    expire_date = None  # not read (or a new session)

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.expire_date = session.expire_date if session is not None else None
        return session


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, which writes a session when it has changed, also writing one whose end is due to
    be moved on (`refresh_due`)."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and refresh_due(session):
            session.modified = True
        return super().process_response(request, response)


def refresh_due(session):
    """Whether the end of this session, as last written, is more than SESSION_REFRESH_SECONDS old."""
    end = getattr(session, "expire_date", None)
    if end is None:  # not read this request, or new: written if it changed, as Django does
        return False
    written = end - timedelta(seconds=session.get_session_cookie_age())
    return timezone.now() - written >= timedelta(seconds=settings.SESSION_REFRESH_SECONDS)
