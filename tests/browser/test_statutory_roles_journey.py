"""The office makes the demo board a safeguarding children partnership, sets up its lead partners, a
delegate and an independent scrutineer, and records two relevant agencies; the scrutineer records a
finding and the delegated partner it is addressed to answers it. Axe checks every page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Demo people given the partnership's roles (each already at the board, so added at once).
PEOPLE = [
    ("member@demo.lscb.test", "Robin Clarke", "Lead safeguarding partner: local authority"),
    (
        "pmqag.chair@demo.lscb.test",
        "Priya Shah",
        "Lead safeguarding partner: integrated care board",
    ),
    (
        "police.lead@demo.lscb.test",
        "Chris Walker",
        "Lead safeguarding partner: chief officer of police",
    ),
    ("landi.chair@demo.lscb.test", "Lee Jones", "Delegated safeguarding partner: local authority"),
    ("chair@demo.lscb.test", "Sam Taylor", "Independent scrutineer"),
]
AGENCIES = [
    ("Fellside Primary School (demo)", "Education and childcare"),
    ("Cumbria Partnership NHS Foundation Trust", "Health and social care"),
]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_office_sets_up_a_partnership_and_scrutiny_is_answered(visit):
    from boards.models import Board, BoardAgency, ScrutinyFinding

    board = Board.objects.get(name="Cumbria Local Safeguarding Children Board")
    page = visit.page
    visit.sign_in("office@demo.lscb.test")

    visit.go(f"/boards/{board.pk}/")
    page.get_by_role("link", name="Make the board a safeguarding children partnership").click()
    visit.check()
    page.get_by_label("Day").fill("29")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2019")
    page.get_by_role("button", name="Continue").click()
    visit.check()
    page.get_by_role("button", name="Change the board's kind").click()
    visit.check()

    for email, name, role in PEOPLE:
        visit.go(f"/boards/{board.pk}/people/add/")
        expect(page.get_by_label("Independent chair", exact=True)).to_have_count(0)
        page.get_by_label("Work email address").fill(email)
        page.get_by_label("Full name").fill(name)
        page.get_by_label(role, exact=True).check()
        page.get_by_role("button", name="Add person").click()
        visit.check()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(role.lower())
    expect(page.get_by_role("region", name="Board roles")).to_contain_text("Independent scrutineer")

    visit.go(f"/boards/{board.pk}/")
    page.get_by_role("link", name="Relevant agencies register").click()
    visit.check()
    for agency, category in AGENCIES:  # from the partners not recorded (filters open), by name
        page.get_by_role("link", name="not recorded as relevant agencies").click()
        visit.check()
        page.get_by_label("Agency name contains").fill(agency)
        page.get_by_role("button", name="Apply filters").click()
        visit.check()
        page.get_by_role("link", name=f"Register entry of {agency}", exact=True).click()
        visit.check()
        page.get_by_label(category, exact=True).check()
        page.get_by_label("Named in the published arrangements").check()
        page.get_by_label("Day").fill("2")
        page.get_by_label("Month").fill("9")
        page.get_by_label("Year").fill("2019")
        page.get_by_role("button", name="Save").click()
        visit.check()
        expect(page.get_by_role("region", name=f"{category} (1)")).to_contain_text(agency)
    assert BoardAgency.objects.filter(board=board).exclude(category="").count() == 2
    sign_out(page)

    visit.sign_in("chair@demo.lscb.test")
    visit.go(f"/boards/{board.pk}/")
    page.get_by_role("link", name="Independent scrutiny findings").click()
    visit.check()
    page.get_by_role("link", name="Record a finding").click()
    visit.check()
    page.get_by_label("Local authority", exact=True).check()
    page.get_by_label("Title").fill("Front door thresholds")
    page.get_by_label("Finding").fill("Thresholds at the front door are applied unevenly.")
    page.get_by_role("button", name="Record the finding").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Front door thresholds")
    expect(page.get_by_role("link", name="Respond to this finding")).to_have_count(0)
    sign_out(page)

    visit.sign_in("landi.chair@demo.lscb.test")
    visit.go(f"/boards/{board.pk}/scrutiny/")
    page.get_by_role("link", name="Front door thresholds").click()
    visit.check()
    page.get_by_role("link", name="Respond to this finding").click()
    visit.check()
    page.get_by_label("Your response").fill(
        "A single threshold document from June, audited in July."
    )
    page.get_by_role("button", name="Save the response").click()
    visit.check()
    expect(page.locator(".govuk-summary-list")).to_contain_text("by Lee Jones")
    finding = ScrutinyFinding.objects.get()
    assert finding.responded_by.email == "landi.chair@demo.lscb.test"
