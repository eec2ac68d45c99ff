"""The office finishes and publishes the annual report; a board member reads it and its dashboard."""

import re

import pytest
from playwright.sync_api import expect

EDIT_SECTION_2 = re.compile(r"^Edit\s+section 2$")  # not sections 20, 21, 22

pytestmark = pytest.mark.browser


def test_office_edits_and_publishes_the_annual_report(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").first.click()
    page.get_by_role("link", name="Annual reports").click()
    visit.check()
    page.get_by_role("link", name="Annual Report 2016-17").click()
    visit.check()
    expect(page.locator("#section-8 ~ .app-table-wrapper table").first).to_contain_text(
        "Number of responses"
    )
    page.get_by_role("link", name=EDIT_SECTION_2).click()
    visit.check()
    page.get_by_label("Text", exact=True).fill("Welcome to our annual report.")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("main")).to_contain_text("Welcome to our annual report.")
    page.get_by_role("link", name="Add a section").click()
    visit.check()
    page.get_by_label("Title").fill("Training attendance")
    page.get_by_label("A table the office enters or imports from CSV").check()
    page.get_by_label("Table", exact=True).fill("Course,Attended\nNeglect conference,180\nCSE,12,x")
    page.get_by_role("button", name="Save").click()
    visit.check()  # refused: the bad row is named
    expect(page.locator(".govuk-error-summary")).to_contain_text("Row 3 has 3 cells")
    page.get_by_label("Table", exact=True).fill("Course,Attended\nNeglect conference,180")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("main")).to_contain_text("Neglect conference")
    page.get_by_role("link", name="Publish this version").click()
    visit.check()
    # The one section an LSCB's report must have that the demo's lacks (reports/outlines.toml).
    page.get_by_label(
        "Why is “The effectiveness of child safeguarding in the area” missing?", exact=True
    ).fill("The foreword gives the board's view.")
    page.get_by_role("button", name="Publish this version").click()
    visit.check()
    expect(page.locator(".govuk-inset-text")).to_contain_text("Version 1, published")
    expect(page.get_by_role("link", name="Download version 1 as PDF")).to_be_visible()


def test_board_member_reads_the_report_but_cannot_change_it(visit):
    page = visit.page
    visit.sign_in(
        "member@demo.lscb.test"
    )  # the dashboard: business plan and Section 11 at a glance
    expect(page.locator("main")).to_contain_text("Business plan progress")
    expect(page.locator("main")).to_contain_text("of agencies fully met every standard")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").first.click()
    page.get_by_role("link", name="Annual reports").click()
    visit.check()
    page.get_by_role("link", name="Annual Report 2016-17").click()
    visit.check()
    expect(page.get_by_role("link", name="Publish this version")).to_have_count(0)
    expect(page.get_by_role("link", name=EDIT_SECTION_2)).to_have_count(0)
    assert visit.go(page.url.split("#")[0].replace(visit.server.url, "") + "publish/").status == 403
