"""Signing in, lockout, password reset, health check, security headers and the home page."""

import os
import re
import secrets
import string
import subprocess
import sys

from django.conf import settings
from django.db import OperationalError

from ..factories import PASSWORD, UserFactory


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def sign_in(client, email, password):
    return client.post("/login/", {"username": email, "password": password})


# Signing in


def test_login_with_email_in_any_case_lands_on_home(client, member):
    response = sign_in(client, member.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").context["user"] == member


def test_wrong_password_shows_the_error_summary(client, member):
    response = sign_in(client, member.email, "not-the-password")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert title(response).startswith("Error:")
    assert "_auth_user_id" not in client.session


# Lockout


def fail_to_sign_in(client, email, times):
    for _ in range(times):
        assert sign_in(client, email, "not-the-password").status_code in (200, 429)


def test_lockout_refuses_even_the_right_password(client, member):
    fail_to_sign_in(client, member.email, settings.AXES_FAILURE_LIMIT)
    response = sign_in(client, member.email, PASSWORD)
    assert response.status_code == 429  # django-axes' AXES_HTTP_RESPONSE_CODE default
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_failure_short_of_the_limit_still_signs_in(client, member):
    fail_to_sign_in(client, member.email, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, member.email, PASSWORD).status_code == 302


def test_lockout_counts_failures_whatever_the_case_of_the_email(client, member, settings):
    for variant in [member.email, member.email.upper(), member.email.title()] * 2:
        sign_in(client, variant, "not-the-password")
    assert sign_in(client, member.email, PASSWORD).status_code == 429


# Password reset


def test_password_reset_by_email_link(client, member, mailoutbox):
    response = client.post("/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member.email]
    link = re.search(r"https?://testserver(/password/reset/\S+/)", mailoutbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new = "a-brand-new-long-passphrase"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert done.url == "/password/reset/done/"

    assert sign_in(client, member.email, new).status_code == 302


def test_password_reset_for_an_unknown_email_sends_nothing(client, db, mailoutbox):
    response = client.post("/password/reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mailoutbox == []


# Health check


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


class BrokenConnection:
    def cursor(self):
        raise OperationalError("database is down")


def test_healthz_answers_503_without_a_database(client, monkeypatch):
    monkeypatch.setattr("accounts.views.connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503


# Security headers and production settings


def test_security_headers(client, member):
    client.force_login(member)
    response = client.get("/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def production_env():
    key = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50))
    return {
        **{
            k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },  # set for browser tests
        "DJANGO_SETTINGS_MODULE": "lscb.settings",
        "DEBUG": "false",
        "SECRET_KEY": key,
        "ALLOWED_HOSTS": "example.org",
        "HTTPS": "true",
    }


def run_python(*args):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes_with_production_settings():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_https_turns_on_hsts_and_secure_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = run_python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_sessions_expire_when_idle():
    assert settings.SESSION_COOKIE_AGE <= 3600 * 8
    # Each request moves the end on, written at most a minute apart (tests/accounts/test_sessions.py).
    assert settings.SESSION_ENGINE == "accounts.sessions"
    assert "accounts.sessions.SessionMiddleware" in settings.MIDDLEWARE
    assert 0 < settings.SESSION_REFRESH_SECONDS <= 60


# Home page


def test_anonymous_home_redirects_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/login/?next=/"


def home(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_home_tells_office_staff_they_run_the_office(client, office, board):
    page = home(client, office)
    assert f"You run the office of {board.short_name}" in page


def test_home_of_a_member_does_not_offer_the_office(client, member):
    assert "You run the office of" not in home(client, member)


def test_home_lists_the_groups_of_a_subgroup_chair(client, subgroup_chair, subgroup):
    page = home(client, subgroup_chair)
    groups = page.split("Your groups", 1)[1]
    assert subgroup.name in groups


def test_home_names_the_agency_of_its_safeguarding_lead(client, lead_x, agency_x):
    page = home(client, lead_x)
    agency = page.split("Your agency", 1)[1]
    assert agency_x.name in agency
    assert "safeguarding lead" in agency


def test_home_of_someone_without_memberships(client, db):
    page = home(client, UserFactory())
    assert "You are not a member of any board yet" in page
