"""Two-factor sign-in in a real browser, with axe on its pages: setting up an app, then signing in."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from boards.models import Board, BoardMembership, Role

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def app_code(key_text, at=None):
    """What an authenticator app shows for the key typed from the set-up page."""
    key = base64.b32decode("".join(key_text.split(":")[-1].split()))
    totp = TOTP(key)
    totp.time = at or time.time()
    return f"{totp.token():06d}"


def test_new_office_staff_set_up_an_app_then_sign_in_with_it(visit):
    page = visit.page
    office = UserFactory(email="new.office@example.test", name="Nia New")
    board = Board.objects.get(memberships__user__email="office@demo.lscb.test")
    BoardMembership.objects.create(user=office, board=board, role=Role.OFFICE)

    visit.sign_in(office.email, PASSWORD)  # axe-checks the set-up page it lands on
    assert "/two-factor/set-up/" in page.url
    assert page.get_by_role("img", name="QR code to add this account").is_visible()
    key = page.locator("#setup-key").inner_text()

    page.get_by_label("Security code").fill("12345")
    page.get_by_role("button", name="Continue").click()
    visit.check()  # the error summary
    assert page.get_by_text("Enter the 6-digit code").first.is_visible()

    page.get_by_label("Security code").fill(app_code(key))
    page.get_by_role("button", name="Continue").click()
    visit.check()
    assert "Your authenticator app is set up" in page.content()
    assert page.get_by_role("heading", level=1).inner_text() != "Set up your authenticator app"

    page.get_by_role("button", name="Sign out").click()
    visit.go("/login/")
    page.get_by_label("Email address").fill(office.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    visit.check()  # the code page
    assert page.get_by_role("heading", name="Enter your security code").is_visible()
    page.get_by_label("Security code").fill(app_code(key, time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    visit.check()
    assert page.url.endswith("/")


def test_demo_office_signs_in_with_the_published_key_and_a_wrong_code_is_refused(visit):
    page = visit.page
    visit.go("/login/")
    page.get_by_label("Email address").fill("office@demo.lscb.test")
    page.get_by_label("Password").fill("demo-password-2017")
    page.get_by_role("button", name="Sign in").click()
    visit.check()
    from demo.security import DEMO_TOTP_SECRET

    right = app_code(DEMO_TOTP_SECRET)
    page.get_by_label("Security code").fill("000000" if right != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    visit.check()
    assert page.get_by_text("The code is not right").first.is_visible()
    time.sleep(1.1)  # the throttle's wait after one wrong code
    page.get_by_label("Security code").fill(app_code(DEMO_TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()
    visit.check()
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert "/two-factor/" not in page.url
