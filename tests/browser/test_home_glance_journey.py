"""The first screen of a home page answers the role's first question, on a desktop and on a 320 px
phone: its big numbers are in view without scrolling, and each opens the list it counts."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FIRST_SCREEN = 700  # px tall


def in_first_screen(page, locator):
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= FIRST_SCREEN, f"{box} below the first screen"


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


def test_the_office_sees_what_to_chase_and_follows_a_count(visit):
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": FIRST_SCREEN})
    visit.sign_in("office@demo.lscb.test")
    overdue = page.locator(".app-glance").get_by_role("link", name=re.compile(r"actions overdue"))
    in_first_screen(page, overdue)
    in_first_screen(page, page.get_by_role("link", name=re.compile(r"yet to submit to")).first)
    overdue.click()
    expect(page.locator("#overdue")).to_be_in_viewport()  # overdue in several plans: by plan


def test_a_board_member_on_a_phone_sees_how_the_board_is_doing(visit):
    page = visit.page
    page.set_viewport_size({"width": 320, "height": FIRST_SCREEN})
    visit.sign_in("member@demo.lscb.test")
    no_sideways_scroll(page)
    red = page.get_by_role("link", name=re.compile(r"^\d+ indicators? red against target"))
    in_first_screen(page, red)
    red.click()
    visit.check()
    expect(page.locator("h1")).to_contain_text("scorecard")
    no_sideways_scroll(page)


def test_an_agency_lead_on_a_phone_sees_their_return_and_its_deadline(visit):
    page = visit.page
    page.set_viewport_size({"width": 320, "height": FIRST_SCREEN})
    visit.sign_in("police.lead@demo.lscb.test")
    no_sideways_scroll(page)
    card = page.get_by_role("link", name=re.compile(r"^\d+ Section 11 returns? to submit"))
    in_first_screen(page, card)
    card.click()
    visit.check()
