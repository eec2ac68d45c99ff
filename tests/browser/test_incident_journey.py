"""The serious incident pipeline in a real browser: the office records a rapid review and asks two
agencies for their information, the police lead finds the request on their home page and returns
it, then the office records the national panel's response and the decision on a practice review,
whose 6-month clock shows on the review, and reads the monitoring page. Axe checks every page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.clocks import add_months, add_working_days

pytestmark = pytest.mark.browser

OFFICE = "office@demo.lscb.test"
LEAD = "police.lead@demo.lscb.test"


def fill_date(page, name, day):
    page.locator(f'input[name="{name}_0"]').fill(str(day.day))
    page.locator(f'input[name="{name}_1"]').fill(str(day.month))
    page.locator(f'input[name="{name}_2"]').fill(str(day.year))


def test_office_asks_two_agencies_a_lead_returns_and_the_office_decides(visit):
    page = visit.page
    today = timezone.localdate()
    due = add_working_days(today, 10)

    visit.sign_in(OFFICE)
    page.get_by_role("link", name="Case reviews").first.click()
    visit.check()
    page.get_by_role("link", name=re.compile("Record a case review")).click()
    visit.check()
    page.get_by_label("Reference").fill("Child Y")
    page.get_by_label("Rapid review", exact=True).check()
    fill_date(page, "known_date", today)
    fill_date(page, "notified_date", today)
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Child Y")
    review_path = page.url.split("//", 1)[1].split("/", 1)[1]

    page.get_by_role("link", name="Ask agencies for their information").click()
    visit.check()
    page.get_by_label("Cumbria Constabulary", exact=True).check()
    page.get_by_label("Cumbria Clinical Commissioning Group", exact=True).check()
    saturday = today + timezone.timedelta(days=(5 - today.weekday()) % 7 or 7)
    fill_date(page, "due", saturday)
    page.get_by_role("button", name="Ask these agencies").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("choose a working day")
    fill_date(page, "due", due)
    page.get_by_role("button", name="Ask these agencies").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 agencies asked")
    asked = page.locator("table", has_text="Agencies asked for their information")
    expect(asked).to_contain_text("Cumbria Constabulary")
    expect(asked).to_contain_text("Cumbria Clinical Commissioning Group")
    expect(asked).to_contain_text(due.strftime("%a %-d %b %Y"))

    page.context.clear_cookies()
    visit.sign_in(LEAD)
    panel = page.locator("table", has_text="To return from Cumbria Constabulary")
    expect(panel).to_contain_text("Child Y")
    panel.get_by_role("link", name="Child Y").click()
    visit.check()
    expect(page.locator("main")).not_to_contain_text("Clinical Commissioning")
    page.get_by_role("link", name="Return your agency's information").click()
    visit.check()
    page.get_by_label("Summary of the agency's chronology", exact=True).fill(
        "Two calls to the family home in the year before the incident."
    )
    page.get_by_label("The agency's involvement", exact=True).fill(
        "Officers attended twice and shared a domestic abuse notification."
    )
    page.get_by_label("Initial learning", exact=True).fill(
        "Mrs Brown was not asked about the baby."
    )
    page.get_by_role("button", name="Send to the board office").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Remove")
    page.get_by_label("Initial learning", exact=True).fill(
        "Officers did not always ask to see the baby."
    )
    page.get_by_role("button", name="Send to the board office").click()
    visit.check()
    expect(page.locator("main")).to_contain_text("Returned on time")
    assert visit.go("/" + review_path).status == 404  # the lead reads their request, not the review

    page.context.clear_cookies()
    visit.sign_in(OFFICE)
    visit.go("/" + review_path)
    visit.check()
    asked = page.locator("table", has_text="Agencies asked for their information")
    expect(asked.locator("tr", has_text="Cumbria Constabulary")).to_contain_text("Returned on time")
    expect(asked.locator("tr", has_text="Clinical Commissioning")).to_contain_text("Awaited")

    page.get_by_role("link", name="Record the national panel's response").click()
    visit.check()
    fill_date(page, "received", today)
    page.get_by_label("Agrees with the rapid review's recommendation", exact=True).check()
    page.get_by_label("The panel's response", exact=True).fill(
        "The panel agrees that a local review would add to the learning."
    )
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("main")).to_contain_text("agrees with the rapid review")

    page.get_by_role("link", name="Record the decision").click()
    visit.check()
    page.get_by_label("Yes: a local child safeguarding practice review", exact=True).check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reasons")
    page.get_by_label("Reasons", exact=True).fill(
        "The rapid review found learning about how agencies share information."
    )
    fill_date(page, "decided_on", today)
    fill_date(page, "lcspr_start", today)
    page.get_by_role("button", name="Save").click()
    visit.check()
    clock = page.locator("table", has_text="Statutory clocks").locator(
        "tr", has_text="Publication of the practice review"
    )
    expect(clock).to_contain_text(add_months(today, 6).strftime("%a %-d %b %Y"))
    expect(clock).to_contain_text("Running")

    page.get_by_role("link", name="Case reviews", exact=True).first.click()
    page.get_by_role("link", name=re.compile("^Monitoring")).first.click()
    visit.check()
    row = page.locator("tr", has_text="Child Y")
    expect(row).to_contain_text("1 returned on time")
    expect(row).to_contain_text("1 awaited")
    row.get_by_role("link", name="1 awaited").click()
    visit.check()
    expect(page.locator("table")).to_contain_text("Cumbria Clinical Commissioning Group")
    expect(page.locator("table")).not_to_contain_text("Cumbria Constabulary")
