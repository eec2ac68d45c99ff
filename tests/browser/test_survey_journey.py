"""The office opens this year's practitioner survey from last year's, answers arrive anonymously
through an agency's link (on a 320 px phone), and the results compare the confidence question with
last year's. axe checks every page, the anonymous ones included."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import Visit
from .test_crawl import SMALL_SCREEN, reflow_problems

pytestmark = pytest.mark.browser

CONFIDENCE = "Confidence in the multi-agency safeguarding procedures"


def test_office_opens_a_survey_staff_answer_and_results_compare_with_last_year(
    visit, settings, browser
):
    from boards.models import Board
    from learning.models import Response

    settings.SURVEY_MIN_SECONDS = 0  # the journey types faster than the robot check allows
    today = datetime.date.today()
    closes = today + datetime.timedelta(days=30)
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    board = Board.objects.get(short_name="Cumbria LSCB")
    visit.go(board.get_absolute_url())
    page.get_by_role("link", name="Practitioner surveys").click()
    visit.check()
    expect(page.get_by_role("region", name="Surveys (2)")).to_contain_text(
        "Practitioner survey 2016"
    )
    page.get_by_role("link", name="Add a survey").click()
    visit.check()
    page.get_by_label("Title", exact=True).fill("Practitioner survey 2017")
    expect(page.get_by_label("Last year's survey")).to_have_value(
        str(board.surveys.get(title="Practitioner survey 2016").pk)
    )
    expect(page.get_by_label("Start from last year's questions")).to_be_checked()
    for name, day in (("Opens", today), ("Closes", closes)):
        group = page.get_by_role("group", name=name)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Practitioner survey 2017")
    expect(page.locator("#question-1")).to_contain_text(
        "repeats question 1 of Practitioner survey 2016"
    )

    page.get_by_role("link", name="Links for each agency").click()
    visit.check()
    page.get_by_role("button", name="Make a link for each partner agency").click()
    visit.check()
    row = page.get_by_role("row").filter(has_text="Cumbria Constabulary")
    link = row.get_by_role("link").get_attribute("href")

    # A member of staff with the link: no account, a phone-sized screen.
    phone = browser.new_context(viewport=SMALL_SCREEN)
    staff = Visit(phone.new_page(), visit.server)
    choices = ["Confident"] * 12 + ["Very confident"] * 5 + ["Not confident"] * 3
    for number, choice in enumerate(choices):
        staff.page.goto(visit.server.url + link)
        if number == 0:
            staff.check()
            assert reflow_problems(staff.page, link) == []
            expect(staff.page.get_by_text("Your answers are anonymous")).to_be_visible()
        staff.page.get_by_role("group", name=CONFIDENCE).get_by_label(choice, exact=True).check()
        staff.page.get_by_role("button", name="Send my answers").click()
        expect(staff.page.locator("h1")).to_have_text("Your answers have been sent")
        if number == 0:
            staff.check()
            assert reflow_problems(staff.page, link + "thanks/") == []
    phone.close()
    assert Response.objects.filter(survey__title="Practitioner survey 2017").count() == 20

    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Results").click()
    visit.check()
    comparison = page.get_by_role(
        "region", name="Question 1: Practitioner survey 2017 against Practitioner survey 2016"
    )
    confident = comparison.get_by_role("row", name=re.compile(r"^Confident "))
    expect(confident).to_contain_text("45.07%")  # 2016, as the seed prints it
    expect(confident).to_contain_text("60.0%")  # 12 of this year's 20
    expect(page.get_by_role("region", name="Question 1 by sector")).to_contain_text("Police")
    page.get_by_role("link", name="Free-text answers").click()
    visit.check()

    # The 2016-17 annual report's survey section (the seed's 2016 against 2015), on a phone.
    from reports.models import AnnualReport

    report = AnnualReport.objects.get(board=board, title="Annual Report 2016-17")
    page.set_viewport_size(SMALL_SCREEN)
    visit.go(report.get_absolute_url())
    expect(page.get_by_role("heading", name="Front Line Staff")).to_be_visible()
    expect(
        page.get_by_role("region", name="Confidence in the multi-agency safeguarding procedures")
    ).to_contain_text("16.62%")
    assert reflow_problems(page, report.get_absolute_url()) == []
