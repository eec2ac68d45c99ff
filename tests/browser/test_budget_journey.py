"""The office reads the demo's budget for 2016-17 (the seed's section 10), adds a partner's
contribution in kind and a line of spend, and sees the balance carried forward change; a board
member reads the year and the annual report's generated budget sections."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_records_a_contribution_in_kind_and_spend(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").first.click()
    page.get_by_role("link", name="Budget: partners' contributions and spend").click()
    visit.check()
    page.get_by_role("link", name="2016-17").click()
    visit.check()
    contributions = page.get_by_role("region", name="Partner contributions 2016-17", exact=True)
    expect(contributions).to_contain_text("£212,588")
    expect(page.get_by_role("region", name="Spend 2016-17", exact=True)).to_contain_text(
        "Virtual College (online training) (three years membership paid in 2015-16)"
    )
    page.get_by_role("link", name="Add a partner's contribution").click()
    visit.check()
    page.get_by_label("Agency", exact=True).select_option(label="Public Health")
    page.get_by_label("Money (£)", exact=True).fill("0")
    page.get_by_label("In kind", exact=True).fill("Analyst time for the scorecard")
    page.get_by_label("Estimated value in kind (£)", exact=True).fill("1500")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(contributions).to_contain_text("Analyst time for the scorecard")
    page.get_by_role("link", name="Add a line of spend").click()
    visit.check()
    page.get_by_label("Heading", exact=True).fill("Printing")
    page.get_by_label("Amount (£)", exact=True).fill("100")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.get_by_role("region", name="Balance 2016-17", exact=True)).to_contain_text("-£100")


def test_member_reads_the_budget_sections_of_the_annual_report(visit):
    page = visit.page
    visit.sign_in("member@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").first.click()
    page.get_by_role("link", name="Annual reports").click()
    page.get_by_role("link", name="Annual Report 2016-17").click()
    visit.check()
    expect(page.locator("#section-4 ~ .app-table-wrapper table").first).to_contain_text(
        "Total Partner Agency Contributions"
    )
    expect(page.get_by_role("region", name="Spend, 2016-17", exact=True)).to_contain_text(
        "£212,588"
    )
