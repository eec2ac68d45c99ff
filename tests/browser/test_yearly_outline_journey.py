"""The yearly report's outline (#19 item 4): the office sees on the 2016-17 report what the law asks
of an LSCB's report and what is missing, publishes with a reason for the missing section, keeps the
recipients and records where the version was sent. Then the board becomes a safeguarding children
partnership from 29 September 2019 (item 7): its 2019-20 report asks for the independent
scrutineer's statement, which the scrutineer writes. Axe checks every page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EFFECTIVENESS = "The effectiveness of child safeguarding in the area"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def open_report(visit, title):
    page = visit.page
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").first.click()
    page.get_by_role("link", name="Annual reports").click()
    page.get_by_role("link", name=title).click()
    visit.check()


def fill_date(page, day, month, year):
    page.get_by_label("Day", exact=True).fill(day)
    page.get_by_label("Month", exact=True).fill(month)
    page.get_by_label("Year", exact=True).fill(year)


def test_office_publishes_with_a_reason_and_records_where_it_was_sent(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    open_report(visit, "Annual Report 2016-17")
    outline = page.locator(".govuk-task-list")
    expect(outline.locator("li", has_text=EFFECTIVENESS)).to_contain_text("Missing")
    expect(outline.locator("li", has_text="Lessons from reviews in the year")).to_contain_text(
        "Generated"
    )

    page.get_by_role("link", name="Where the report is sent").click()
    visit.check()
    expect(page.get_by_role("region", name="Recipients")).to_contain_text(
        "Police and crime commissioner"
    )
    page.get_by_role("link", name="Add a recipient").click()
    visit.check()
    page.get_by_label("Recipient", exact=True).fill("Cumbria Safeguarding Adults Board")
    page.get_by_label("When it is sent", exact=True).fill("On publication")
    page.get_by_role("button", name="Save").click()
    visit.check()
    page.get_by_role("link", name="Annual reports").click()
    page.get_by_role("link", name="Annual Report 2016-17").click()

    page.get_by_role("link", name="Publish this version").click()
    visit.check()
    page.get_by_role("button", name="Publish this version").click()  # no reason yet
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(f"Say why “{EFFECTIVENESS}”")
    page.get_by_label(f"Why is “{EFFECTIVENESS}” missing?", exact=True).fill(
        "The chair's foreword (section 1) gives the board's view of effectiveness."
    )
    page.get_by_role("button", name="Publish this version").click()
    visit.check()
    expect(page.locator("#missing ~ dl").first).to_contain_text("The chair's foreword")

    page.get_by_role("link", name="Record where it was sent").click()
    visit.check()
    page.get_by_label("Chief executive of the local authority (On publication)").check()
    page.get_by_label("Cumbria Safeguarding Adults Board (On publication)").check()
    fill_date(page, "7", "7", "2017")
    page.get_by_role("button", name="Record as sent").click()
    visit.check()
    sent = page.get_by_role("region", name="Recipients of version 1")
    expect(sent.locator("tr", has_text="Chief executive")).to_contain_text("7 July 2017")
    expect(sent.locator("tr", has_text="Leader of the council")).to_contain_text("Not yet")


def test_the_board_becomes_a_partnership_and_the_scrutineer_writes_the_statement(visit):
    from boards.models import Board

    board = Board.objects.get(name="Cumbria Local Safeguarding Children Board")
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    visit.go(f"/boards/{board.pk}/")
    page.get_by_role("link", name="Make the board a safeguarding children partnership").click()
    visit.check()
    fill_date(page, "29", "9", "2019")
    page.get_by_role("button", name="Continue").click()
    visit.check()
    expect(page.locator("main")).to_contain_text(
        "Annual Report 2016-17: stays a local safeguarding children board"
    )
    page.get_by_role("button", name="Change the board's kind").click()
    visit.check()
    expect(page.locator(".govuk-caption-l").first).to_contain_text("since 29 September 2019")

    visit.go(f"/boards/{board.pk}/people/add/")
    page.get_by_label("Work email address").fill("member@demo.lscb.test")
    page.get_by_label("Full name").fill("Robin Clarke")
    page.get_by_label("Independent scrutineer", exact=True).check()
    page.get_by_role("button", name="Add person").click()
    visit.check()

    visit.go(f"/boards/{board.pk}/annual-reports/add/")
    page.get_by_label("Title", exact=True).fill("Yearly Report 2019-20")
    fill_date(page.get_by_role("group", name="Year from"), "1", "4", "2019")
    fill_date(page.get_by_role("group", name="Year to"), "31", "3", "2020")
    page.get_by_role("button", name="Save").click()
    visit.check()
    scrutiny = page.locator(".govuk-task-list li", has_text="Independent scrutiny")
    expect(scrutiny).to_contain_text("Missing")
    expect(page.get_by_role("link", name="Write the statement")).to_have_count(0)
    sign_out(page)

    visit.sign_in("member@demo.lscb.test")
    open_report(visit, "Yearly Report 2019-20")
    page.get_by_role("link", name="Write the statement").click()
    visit.check()
    page.get_by_label("Statement", exact=True).fill(
        "The partners know their priorities.\n\nThe front door needs a common threshold."
    )
    page.get_by_role("button", name="Save the statement").click()
    visit.check()
    expect(page.locator(".govuk-task-list li", has_text="Independent scrutiny")).to_contain_text(
        "Written"
    )
    expect(page.locator("main")).to_contain_text("The front door needs a common threshold.")
