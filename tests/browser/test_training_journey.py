"""The training programme in a real browser: the office sets up a course (answering a quality audit,
whose page then lists it) and two sessions, an agency
lead books two of their staff, the office marks attendance, and an attendee answers the three-month
evaluation through their link, with no account. Axe checks every page visited."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def fill_date(page, name, day):
    page.locator(f'input[name="{name}_0"]').fill(str(day.day))
    page.locator(f'input[name="{name}_1"]').fill(str(day.month))
    page.locator(f'input[name="{name}_2"]').fill(str(day.year))


def add_session(visit, day, place):
    page = visit.page
    page.get_by_role("link", name="Add a session").click()
    visit.check()
    fill_date(page, "date", day)
    page.get_by_label("Robin Volunteer").check()
    page.get_by_label("Place", exact=True).fill(place)
    page.get_by_label("Places", exact=True).fill("2")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added")
    page.get_by_role("link", name="Hidden children").click()  # back to the course
    visit.check()


def book(visit, name, role):
    page = visit.page
    page.get_by_role("link", name="Book a place").click()
    visit.check()
    page.get_by_label("Attendee's name").fill(name)
    page.get_by_label("Job role").fill(role)
    page.get_by_role("button", name="Book the place").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{name} has a place")


def test_a_course_from_set_up_to_the_three_month_evaluation(visit):
    page = visit.page
    today = timezone.localdate()
    held = today - datetime.timedelta(days=100)
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Training", exact=True).first.click()
    visit.check()
    page.get_by_role("link", name="The trainer pool").first.click()
    visit.check()
    page.get_by_role("link", name="Add a trainer").click()
    visit.check()
    page.get_by_label("Name").fill("Robin Volunteer")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.get_by_role("region", name="Trainers")).to_contain_text("Robin Volunteer")
    page.get_by_role("link", name="Training", exact=True).first.click()
    page.get_by_role("link", name="Add a course").first.click()
    visit.check()
    page.get_by_label("Title").fill("Hidden children")
    page.get_by_label("Enhanced or specialist").check()
    audits = page.get_by_role("group", name="Quality audits it answers")
    audits.get_by_label("Missing from home", exact=True).check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Hidden children")
    page.get_by_role("link", name=re.compile("^Missing from home")).click()  # the audit's page
    visit.check()
    expect(page.locator("#courses + ul")).to_contain_text("Hidden children")
    page.get_by_role("link", name="Hidden children").click()
    add_session(visit, held, "Carlisle Civic Centre")
    add_session(visit, today + datetime.timedelta(days=30), "Kendal Town Hall")
    expect(page.locator("table")).to_contain_text("Kendal Town Hall")
    page.get_by_role("button", name="Sign out").click()

    visit.sign_in("police.lead@demo.lscb.test")
    page.get_by_role("link", name="Training", exact=True).first.click()
    visit.check()
    page.get_by_role("link", name="Hidden children").click()
    visit.check()
    page.get_by_role("link", name=held.strftime("%-d %B %Y")).click()
    visit.check()
    book(visit, "Dana Officer", "Detective constable")
    book(visit, "Eli Officer", "Police constable")
    expect(page.locator("main")).to_contain_text("2 of 2 booked, 0 free")
    page.get_by_role("button", name="Sign out").click()

    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Training", exact=True).first.click()
    page.get_by_role("link", name="Hidden children").click()
    page.get_by_role("link", name=held.strftime("%-d %B %Y")).click()
    visit.check()
    page.get_by_role("link", name="Mark attendance").click()
    visit.check()
    page.get_by_role("group", name="Dana Officer").get_by_label("Attended", exact=True).check()
    page.get_by_role("group", name="Eli Officer").get_by_label("Did not attend").check()
    page.get_by_role("button", name="Save attendance").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Attendance saved")
    link = page.get_by_role(
        "link", name=re.compile("Three months later.*Dana Officer")
    ).get_attribute("href")
    page.get_by_role("link", name="Training", exact=True).first.click()
    page.get_by_role("link", name="Attendance, year on year").first.click()
    visit.check()
    by_level = page.get_by_role("region", name="Attendees by level")
    expect(by_level).to_contain_text(f"{held.year if held.month > 3 else held.year - 1}-")
    by_level.get_by_role("link", name=re.compile("^1 attendees: Enhanced")).click()
    visit.check()
    expect(page.locator("main")).to_contain_text("Dana Officer")
    expect(page.locator("main")).not_to_contain_text("Eli Officer")
    page.get_by_role("button", name="Sign out").click()

    page.goto(link)  # the link as the attendee was sent it: no account
    visit.check()
    expect(page.locator("h1")).to_have_text("Your evaluation: three months later")
    page.get_by_label("Confident", exact=True).check()
    page.get_by_label("What has changed in your practice?").fill(
        "I ask about children not seen at school."
    )
    page.get_by_role("button", name="Send your answers").click()
    visit.check()
    expect(page.locator(".govuk-panel")).to_contain_text("Thank you")

    visit.sign_in("member@demo.lscb.test")
    page.get_by_role("link", name="Training", exact=True).first.click()
    page.get_by_role("link", name="Evaluation results").first.click()
    visit.check()
    expect(page.get_by_role("region", name="By course")).to_contain_text("4.0 (1 answer)")
    page.get_by_role("link", name="Training", exact=True).first.click()
    page.get_by_role("link", name="E-learning completions").first.click()
    visit.check()
    expect(page.locator("main")).to_contain_text("833 of 1104")
    page.get_by_role("button", name="Sign out").click()

    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Training", exact=True).first.click()
    page.get_by_role("link", name="E-learning completions").first.click()
    page.get_by_role("link", name="Map Nurseries").click()
    visit.check()
    page.get_by_role("link", name="Back", exact=True).click()
    page.get_by_role("link", name="Import the provider's export").click()
    visit.check()
