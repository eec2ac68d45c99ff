"""Case reviews in a real browser: the office takes a new review from notification to published, with
its statutory clocks shown and then met; a board member reads it but cannot change it. Axe checks
every page visited."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.clocks import add_working_days

pytestmark = pytest.mark.browser

STAGES = ["Decision", "Commissioned", "In progress", "Draft report", "Published"]


def fill_date(page, name, day):
    page.locator(f'input[name="{name}_0"]').fill(str(day.day))
    page.locator(f'input[name="{name}_1"]').fill(str(day.month))
    page.locator(f'input[name="{name}_2"]').fill(str(day.year))


def clock_row(page, name):
    return page.locator("table").filter(has_text="Statutory clocks").locator("tr", has_text=name)


def move_to(visit, stage):
    page = visit.page
    page.get_by_role("link", name="Move the review on").click()
    visit.check()
    page.get_by_label(stage, exact=True).check()
    page.get_by_role("button", name="Move the review").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(stage.lower())


def test_office_takes_a_review_from_notification_to_published(visit):
    page = visit.page
    today = timezone.localdate()
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Case reviews").first.click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Case reviews")
    expect(page.get_by_role("link", name="Child N", exact=True)).to_be_visible()

    page.get_by_role("link", name=re.compile("Record a case review")).click()
    visit.check()
    expect(page.locator("main")).to_contain_text("Never enter a child's")
    page.get_by_label("Reference").fill("Jane")  # a name: refused
    page.get_by_label("Local child safeguarding practice review").check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Never a name")
    page.get_by_label("Reference").fill("Child Z")
    fill_date(page, "known_date", today)
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Child Z")
    due = add_working_days(today, 5)
    notification = clock_row(page, "Notification to the national panel")
    expect(notification).to_contain_text(due.strftime("%a %-d %b %Y"))
    expect(notification).to_contain_text("Running")

    page.get_by_role("link", name="Case reviews", exact=True).first.click()
    page.get_by_role("link", name=re.compile("Statutory clocks")).click()
    visit.check()
    expect(page.locator("table", has_text="Running")).to_contain_text("Child Z")

    page.get_by_role("link", name="Child Z").first.click()
    move_to(visit, "Rapid review")
    expect(clock_row(page, "Notification to the national panel")).to_contain_text("Met")
    rapid = clock_row(page, "Rapid review")
    expect(rapid).to_contain_text(add_working_days(today, 15).strftime("%a %-d %b %Y"))
    expect(rapid).to_contain_text("Running")
    for stage in STAGES:
        move_to(visit, stage)
        if stage == "Decision":
            expect(clock_row(page, "Rapid review")).to_contain_text("Met")
    expect(page.locator("main")).to_contain_text(today.strftime("%-d %B %Y"))  # published today

    page.get_by_role("link", name="Add a lesson").click()
    visit.check()
    page.get_by_label("Lesson", exact=True).fill(
        "Use the Graded Care Profile when neglect is suspected."
    )
    page.get_by_label("Neglect", exact=True).check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("#lesson-1")).to_contain_text("Graded Care Profile")

    page.get_by_role("link", name="Update the dissemination checklist").click()
    visit.check()
    fill_date(page, "website_on", today)
    page.locator('input[name="website_by"]').fill("LSCB Business Unit")
    page.get_by_role("button", name="Save the checklist").click()
    visit.check()
    expect(page.locator("#dissemination ~ dl").first).to_contain_text("by LSCB Business Unit")

    page.get_by_role("link", name="Create the action plan").click()
    visit.check()
    page.get_by_role("button", name="Create the action plan").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Child Z action plan")

    visit.go("/reviews/lessons/")
    neglect = page.locator("section").filter(
        has=page.get_by_role("heading", name="Neglect", exact=True)
    )
    expect(neglect).to_contain_text("Child Z, lesson 1")
    review_url = page.get_by_role("link", name="Child Z, lesson 1").get_attribute("href")
    review_path = review_url.split("#")[0]

    page.context.clear_cookies()
    visit.sign_in("member@demo.lscb.test")
    visit.go(review_path)
    expect(page.locator("h1")).to_have_text("Child Z")
    expect(page.locator("main")).to_contain_text("Published")
    expect(page.get_by_role("link", name="Move the review on")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit the review")).to_have_count(0)
    for suffix in ["edit/", "status/", "recategorise/", "lessons/add/", "dissemination/"]:
        assert visit.go(review_path + suffix).status == 403

    page.context.clear_cookies()
    visit.sign_in("police.lead@demo.lscb.test")
    assert visit.go(review_path).status == 404


def test_every_other_review_page_passes_axe(visit):
    """The pages the journey above does not reach, each checked by axe, with an error summary too."""
    from reviews.models import CaseReview

    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    child_ad = CaseReview.objects.get(reference="Child AD")
    child_n = CaseReview.objects.get(reference="Child N")
    board = child_n.board_id
    visit.go(child_ad.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Re-categorised from serious case review")
    visit.go(child_n.get_absolute_url())
    expect(page.locator("#action-plan ~ .app-table-wrapper table").first).to_contain_text(
        "Outstanding actions"
    )
    visit.go("/reviews/?kind=scr&status=published&clock=&outstanding=on")
    expect(page.locator("main table")).to_contain_text("Child N")
    for path in [
        f"/reviews/{child_n.pk}/edit/",
        f"/reviews/{child_n.pk}/recommendations/add/",
        f"/lessons/{child_n.lessons.get(number=3).pk}/edit/",
        f"/reviews/{child_n.pk}/history/",
        f"/reviews/{child_n.pk}/action-plan/",
        f"/boards/{board}/reviews/settings/",
        f"/boards/{board}/learning-themes/add/",
        f"/boards/{board}/reviews/add/",
    ]:
        visit.go(path)
        expect(page.locator("h1")).to_be_visible()
    visit.go(f"/reviews/{child_n.pk}/recategorise/")
    page.get_by_role("button", name="Re-categorise").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    visit.go(f"/reviews/{child_n.pk}/dissemination/")
    page.locator('input[name="training_on_0"]').fill("45")
    page.get_by_role("button", name="Save the checklist").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
