"""Two-factor sign-in (TOTP) for office staff and system administrators.

These tests sign in through the real sign-in form with a plain `Client()` (the `client` fixture
completes the second step itself); codes are computed from the device's key as an app would."""

import base64
import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..factories import PASSWORD, UserFactory

PAGES = ["/", "/audits/", "/frameworks/", "/actions/mine/", "/admin/", "/password/change/"]


def code_for(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def wrong_code(device):
    return "000000" if code_for(device) != "000000" else "111111"


def signed_in(user):
    """A browser that has given the right password and nothing more."""
    browser = Client()
    response = browser.post("/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def device_for(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def text(response):
    return response.content.decode()


def error_summary(response):
    html = text(response)
    assert "There is a problem" in html
    return html


# Who is asked


@pytest.mark.parametrize("path", PAGES + ["/boards/1/", "/admin/subgroups/subgroup/"])
def test_office_without_a_device_is_sent_to_set_up_from_every_page(office, path):
    response = signed_in(office).get(path)
    assert response.status_code == 302
    assert response.url == f"{reverse('two_factor_setup')}?next={path.replace('/', '%2F')}"


@pytest.mark.parametrize("path", PAGES)
def test_office_with_a_device_is_asked_for_the_code_from_every_page(office, path):
    device_for(office)
    response = signed_in(office).get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify") + "?next=")


def test_posts_are_refused_until_the_code_is_given(office, board):
    device_for(office)
    browser = signed_in(office)
    response = browser.post(reverse("actions:plan_add", args=[board.pk]), {"name": "Sneaky plan"})
    assert response.status_code == 302
    assert response.url == reverse("two_factor_verify")
    assert not board.plans.exists()


def test_the_system_administrator_is_asked_too(admin_user):
    response = signed_in(admin_user).get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_setup"))


@pytest.mark.parametrize("role", ["member", "chair", "subgroup_chair", "lead_x"])
def test_other_roles_are_not_asked(request, role):
    user = request.getfixturevalue(role)
    browser = signed_in(user)
    assert browser.get("/").status_code == 200


def test_sign_out_and_public_pages_stay_open(office):
    browser = signed_in(office)
    assert browser.get("/accessibility/").status_code == 200
    assert browser.post("/logout/").status_code == 302
    assert "_auth_user_id" not in browser.session


# Setting up an app


def test_set_up_shows_a_qr_code_and_the_key_typed_out(office):
    response = signed_in(office).get(reverse("two_factor_setup"))
    assert response.status_code == 200
    html = text(response)
    device = TOTPDevice.objects.get(user=office, confirmed=False)
    assert re.search(r'<svg class="app-qr-code"[^>]*role="img"', html)
    assert '<path class="app-qr-code__modules" d="M' in html
    key = response.context["secret"].replace(" ", "")
    assert TOTPDevice(key=device.key).bin_key == base64.b32decode(key)
    assert response.context["secret"] in html
    assert 'autocomplete="one-time-code"' in html
    # Coming back shows the same key: the app already scanned keeps working.
    again = signed_in(office).get(reverse("two_factor_setup"))
    assert again.context["secret"] == response.context["secret"]


def test_set_up_with_the_right_code_confirms_the_app_and_lets_in(office):
    browser = signed_in(office)
    browser.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=office)
    response = browser.post(
        reverse("two_factor_setup") + "?next=/audits/", {"code": code_for(device)}
    )
    assert response.status_code == 302
    assert response.url == "/audits/"
    device.refresh_from_db()
    assert device.confirmed
    assert browser.get("/").status_code == 200
    # Office staff past their second factor are still refused the admin: it is the system
    # administrators' alone.
    assert browser.get("/admin/").url.startswith("/admin/login/")


def test_set_up_with_a_wrong_code_is_refused_with_a_govuk_error(office):
    browser = signed_in(office)
    browser.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=office)
    wrong = wrong_code(device)
    response = browser.post(reverse("two_factor_setup"), {"code": wrong})
    assert response.status_code == 200
    assert "The code is not right" in error_summary(response)
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert browser.get("/").status_code == 302


def test_a_password_alone_cannot_replace_a_confirmed_app(office):
    device_for(office)
    browser = signed_in(office)
    response = browser.get(reverse("two_factor_setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=office).count() == 1


# Entering the code


def test_the_right_code_lets_in_and_goes_to_the_page_asked_for(office):
    device = device_for(office)
    browser = signed_in(office)
    first = browser.get("/audits/")
    response = browser.post(first.url, {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == "/audits/"
    assert browser.get("/audits/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_error(office):
    device = device_for(office)
    browser = signed_in(office)
    response = browser.post(reverse("two_factor_verify"), {"code": "12345x"})
    assert "Enter the 6-digit code" in error_summary(response)
    wrong = wrong_code(device)
    response = browser.post(reverse("two_factor_verify"), {"code": wrong})
    html = error_summary(response)
    assert "The code is not right" in html
    assert 'href="#id_code"' in html  # the summary links to the field
    assert response.context["title"] == "Enter your security code"
    assert browser.get("/").status_code == 302


def test_a_code_works_only_once(office):
    device = device_for(office)
    code = code_for(device)
    assert signed_in(office).post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    again = signed_in(office).post(reverse("two_factor_verify"), {"code": code})
    assert "The code is not right" in error_summary(again)


def test_after_a_wrong_code_even_the_right_one_must_wait(office):
    """django-otp's throttling is on: each wrong code doubles the wait before the next try."""
    device = device_for(office)
    browser = signed_in(office)
    browser.post(reverse("two_factor_verify"), {"code": wrong_code(device)})
    response = browser.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert "You have entered a wrong code too often" in error_summary(response)
    assert browser.get("/").status_code == 302


def test_wrong_codes_lock_the_account_like_wrong_passwords(office, settings):
    device = device_for(office)
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting, to reach the lockout quickly
    browser = signed_in(office)
    wrong = wrong_code(device)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert browser.post(reverse("two_factor_verify"), {"code": wrong}).status_code == 200
    response = browser.post(reverse("two_factor_verify"), {"code": wrong})
    assert response.status_code == 429
    assert "Your account is locked" in text(response)
    assert "_auth_user_id" not in browser.session
    # and the password no longer signs in
    again = Client().post("/login/", {"username": office.email, "password": PASSWORD})
    assert again.status_code == 429


def test_the_code_is_never_recorded_with_failed_attempts(office):
    from axes.models import AccessAttempt

    device = device_for(office)
    browser = signed_in(office)
    browser.post(reverse("two_factor_verify"), {"code": wrong_code(device)})
    attempt = AccessAttempt.objects.get()
    assert "000000" not in attempt.post_data and "111111" not in attempt.post_data


def test_next_never_leaves_the_site(office):
    device = device_for(office)
    browser = signed_in(office)
    response = browser.post(
        reverse("two_factor_verify") + "?next=https://evil.example/", {"code": code_for(device)}
    )
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


def test_signing_in_fully_gives_a_new_session_id(office):
    device = device_for(office)
    browser = signed_in(office)
    before = browser.cookies[settings.SESSION_COOKIE_NAME].value
    browser.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert browser.cookies[settings.SESSION_COOKIE_NAME].value != before


# Opting in


def test_a_member_may_set_up_an_app_and_is_then_asked_for_it(member):
    browser = signed_in(member)
    browser.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=member)
    assert browser.post(reverse("two_factor_setup"), {"code": code_for(device)}).status_code == 302
    assert TOTPDevice.objects.get(user=member).confirmed
    assert browser.get("/").status_code == 200
    again = signed_in(member)
    response = again.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))
    assert again.post(response.url, {"code": code_for(device, 1)}).status_code == 302
    assert again.get("/").status_code == 200


# The fixtures other tests rely on


def test_the_client_fixture_completes_two_factor_for_office_staff(login_as):
    assert login_as("office").get("/").status_code == 200
    assert login_as("admin_user").get("/admin/").status_code == 200


def test_people_made_office_staff_need_two_factor_from_their_next_request(member, board):
    from boards.models import BoardMembership, Role

    browser = signed_in(member)
    assert browser.get("/").status_code == 200
    BoardMembership.objects.create(user=member, board=board, role=Role.OFFICE)
    assert browser.get("/").status_code == 302


def test_a_user_without_memberships_is_not_asked(db):
    user = UserFactory()
    assert signed_in(user).get("/").status_code == 200


def test_only_the_system_administrator_manages_authenticator_apps_in_the_admin(login_as, office):
    url = "/admin/otp_totp/totpdevice/"
    assert login_as("office").get(url).url.startswith("/admin/login/")
    device = TOTPDevice.objects.get(user=office)
    response = login_as("admin_user").get(f"{url}{device.pk}/change/")
    assert response.status_code == 200
    assert device.key not in response.content.decode()  # OTP_ADMIN_HIDE_SENSITIVE_DATA
