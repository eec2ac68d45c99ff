"""The good practice catalogue: a board member sends in an example (a slip of initials refused first),
the office publishes it, and another person of the board finds it by searching and by its theme."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Family group conference before a baby's birth"


def test_a_member_sends_in_the_office_publishes_and_the_chair_finds_it(visit):
    from audits.models import GoodPractice, GoodPracticeStatus

    page = visit.page
    visit.sign_in("member@demo.lscb.test")
    page.get_by_role("link", name="Good practice", exact=True).click()
    visit.check()
    page.get_by_role("link", name="Send in an example").click()
    visit.check()
    expect(page.locator(".govuk-warning-text")).to_contain_text("Never write a child")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("What was done", exact=True).fill(
        "Midwives and children's services held a family group conference with Mother AB."
    )
    page.get_by_label("What changed for the child", exact=True).fill(
        "The baby went home with a safety plan the wider family wrote and keeps to."
    )
    page.get_by_label("Voice of the child", exact=True).check()
    page.get_by_role("button", name="Send for approval").click()
    visit.check()  # refused: "Mother AB" reads as initials
    expect(page.locator(".govuk-error-summary")).to_contain_text("Remove “Mother AB”")
    page.get_by_label("What was done", exact=True).fill(
        "Midwives and children's services held a family group conference before the birth."
    )
    page.get_by_role("button", name="Send for approval").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent to the board office")
    expect(page.locator("main")).to_contain_text("Waiting for approval")
    page.get_by_role("button", name="Sign out").click()

    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Good practice", exact=True).click()
    visit.check()
    page.get_by_role("link", name="2 examples waiting for your approval").click()
    visit.check()
    page.get_by_role("link", name=TITLE).click()
    visit.check()
    page.get_by_role("link", name="Publish or return").click()
    visit.check()
    page.get_by_label("Publish it in the catalogue").check()
    page.get_by_role("button", name="Save decision").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("published in the catalogue")
    assert GoodPractice.objects.get(title=TITLE).status == GoodPracticeStatus.PUBLISHED
    other = GoodPractice.objects.get(title__startswith="'Was Not Brought'")
    visit.go(f"/good-practice/{other.pk}/edit/")  # the office's other pages, checked with axe
    expect(page.get_by_label("Agency", exact=True)).to_be_visible()
    visit.go(f"/good-practice/{other.pk}/withdraw/")
    page.get_by_role("button", name="Withdraw the example").click()
    visit.check()  # refused: a reason is required
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    page.get_by_role("button", name="Sign out").click()

    visit.sign_in("chair@demo.lscb.test")
    page.get_by_role("link", name="Good practice", exact=True).click()
    visit.check()
    page.get_by_label("Search for", exact=True).fill("family group conference")
    page.get_by_role("button", name="Apply filters").click()
    visit.check()
    expect(page.locator("caption")).to_contain_text("1 matching example")
    page.get_by_role("link", name=TITLE).click()
    visit.check()
    expect(page.locator("main")).to_contain_text("The baby went home with a safety plan")

    visit.go("/reviews/lessons/")
    page.get_by_role(
        "link", name="Published examples of good practice on Voice of the child"
    ).click()
    visit.check()
    expect(page.locator("table")).to_contain_text(TITLE)
    expect(page.locator("table")).to_contain_text("Hearing non-verbal disabled children")
