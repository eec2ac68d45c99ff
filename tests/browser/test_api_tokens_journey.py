"""A board member makes an API token for Power BI, copies it (shown once), reads the board with it,
and revokes it, in a real browser with axe on every page; the pages reflow at 320 px."""

import re

import pytest

from api.models import ApiToken

pytestmark = pytest.mark.browser

MEMBER = "member@demo.lscb.test"


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_make_copy_use_and_revoke_a_token(visit):
    page = visit.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit.sign_in(MEMBER)
    page.get_by_role("link", name="API tokens").click()
    visit.check()
    assert page.get_by_role("heading", name="API tokens").is_visible()
    assert page.get_by_text("You have no tokens.").is_visible()

    page.get_by_label("What is the token for?", exact=True).fill("Power BI scorecard")
    page.get_by_role("button", name="Make a token").click()
    visit.check()
    key = page.get_by_label("Token", exact=True).input_value()
    assert re.fullmatch(r"lscb_[A-Za-z0-9_-]{43}", key)
    page.get_by_role("button", name="Copy the token").click()
    status = page.locator("#copy-status")
    status.filter(has_text=re.compile("copied|copy it")).wait_for()
    if status.inner_text() == "Token copied":
        assert page.evaluate("navigator.clipboard.readText()") == key

    header = {"Authorization": f"Bearer {key}"}
    boards = page.request.get(f"{visit.server.url}/api/boards/", headers=header)
    assert boards.status == 200
    assert [b["short_name"] for b in boards.json()["results"]] == ["Cumbria LSCB"]
    assert (
        page.request.get(f"{visit.server.url}/api/boards/").status == 401
    )  # a session is no token

    visit.go("/account/api-tokens/")
    assert key not in page.content(), "a token is shown once"
    assert page.get_by_role("cell", name="Power BI scorecard", exact=True).is_visible()
    assert ApiToken.objects.get(user__email=MEMBER).last_used is not None

    page.set_viewport_size({"width": 320, "height": 640})
    assert page_width(page) <= 320
    visit.go("/api/docs/")
    assert page.get_by_role("heading", name="GET /api/section-11/returns/").is_visible()
    assert page_width(page) <= 320
    page.set_viewport_size({"width": 1280, "height": 800})

    visit.go("/account/api-tokens/")
    page.get_by_role("link", name="Revoke Power BI scorecard").click()
    visit.check()
    page.get_by_role("button", name="Yes, revoke it").click()
    visit.check()
    assert page.get_by_text("Token “Power BI scorecard” revoked").is_visible()
    assert page.get_by_text(re.compile("^Revoked ")).is_visible()
    assert page.request.get(f"{visit.server.url}/api/boards/", headers=header).status == 401
