"""A board member reads the 2016-17 Section 11 audit as the seed reports it: the returns by sector and
the statutory partners' summary, on the compliance report and in the annual report."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_member_reads_the_returns_by_sector_and_the_statutory_partners(visit):
    page = visit.page
    visit.sign_in("member@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Section 11 audits").click()
    page.get_by_role("link", name="Section 11 audit 2016-17").click()
    page.get_by_role("link", name="Compliance report").click()
    visit.check()
    sectors = page.get_by_role("region", name="Returns by sector", exact=True)
    expect(sectors.locator("tr", has_text="Schools")).to_contain_text("205")
    expect(sectors.locator("tr", has_text="GPs")).to_contain_text("47")
    expect(sectors.locator("tr", has_text="Statutory partners")).to_contain_text("15")
    expect(page.locator("main")).to_contain_text(
        "Counted from 15 statutory partners' returns: 3 of 15 (20%) fully met every standard."
    )
    by_standard = page.get_by_role(
        "region", name="Statutory partners: ratings by standard", exact=True
    )
    expect(by_standard.locator("tr", has_text="A culture of listening")).to_contain_text("73%")

    visit.go("/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").first.click()
    page.get_by_role("link", name="Annual reports").click()
    page.get_by_role("link", name="Annual Report 2016-17").click()
    visit.check()
    expect(
        page.get_by_role("region", name="Returns by sector", exact=True).locator(
            "tr", has_text="Schools"
        )
    ).to_contain_text("205")
    expect(
        page.get_by_role("region", name="Statutory partners: ratings by standard", exact=True)
    ).to_contain_text("Every standard")
