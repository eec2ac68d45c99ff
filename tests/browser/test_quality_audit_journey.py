"""A locality QAG's chair records an audit with its gradings and findings, turns two recommendations
into actions, completes them, and sees the audit closed; the themes page shows its finding."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHAIR = "qag.chair@demo.lscb.test"


def qag_chair():
    from accounts.models import User
    from subgroups.models import MemberRole, Subgroup, SubgroupMembership

    from .conftest import DEMO_PASSWORD

    user = User.objects.create(email=CHAIR, name="Jordan Reid", job_title="Detective Inspector")
    user.set_password(DEMO_PASSWORD)
    user.save()
    group = Subgroup.objects.get(short_name="QAG North & Eden")
    SubgroupMembership.objects.create(subgroup=group, user=user, role=MemberRole.CHAIR)
    return user


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_qag_chair_records_an_audit_and_sees_it_close(visit):
    from audits.models import QualityAudit

    qag_chair()
    page = visit.page
    visit.sign_in(CHAIR)
    page.get_by_role("link", name="Quality audits").click()
    visit.check()
    expect(page.locator("caption")).to_contain_text("Forward plan")
    page.get_by_role("link", name="Plan an audit").click()
    visit.check()
    page.get_by_label("Theme", exact=True).fill("Neglect in the under fives")
    page.get_by_label("Performance data").check()
    page.get_by_label("Month").select_option(label="May")
    page.get_by_label("Year").fill("2017")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Neglect in the under fives")

    page.get_by_role("link", name="Record cases, gradings and report").click()
    visit.check()
    page.get_by_label("Child protection").fill("2")
    page.get_by_label("Child in need").fill("1")
    page.get_by_label("Good").fill("1")
    page.get_by_label("Requires improvement").fill("1")
    page.get_by_label("Cumbria Constabulary").check()
    page.get_by_role("group", name="Was the child's voice gathered?").get_by_label("Yes").check()
    fill_date(page, "Date reported", "20", "6", "2017")
    page.get_by_label("The meeting it went to").fill("PMQAG, June 2017")
    page.get_by_role("button", name="Save").click()
    visit.check()  # the gradings do not add up to the cases
    expect(page.locator(".govuk-error-summary")).to_contain_text("The gradings add up to 2")
    page.get_by_label("Requires improvement").fill("2")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.get_by_role("region", name="Cases by grading")).to_contain_text(
        "Requires improvement"
    )

    for kind, text in [
        ("Strength", "Graded Care Profile used well in two cases."),
        ("Area for improvement", "Child HR's views not recorded."),
    ]:
        page.get_by_role("link", name="Add a finding").click()
        visit.check()
        page.get_by_label(kind, exact=True).check()
        page.get_by_label("Finding").fill(text)
        page.get_by_label("Neglect", exact=True).check()
        page.get_by_role("button", name="Save").click()
        visit.check()
    # initials are refused
    expect(page.locator(".govuk-error-summary")).to_contain_text("could be someone’s initials")
    page.get_by_label("Finding").fill("The child's views were not recorded in one case.")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("#findings ~ ul").last).to_contain_text("not recorded in one case")

    for text in ["Use the Graded Care Profile in every case", "Record the child's views"]:
        page.get_by_role("link", name="Add a recommendation").click()
        visit.check()
        page.get_by_label("Recommendation").fill(text)
        page.get_by_role("button", name="Save").click()
        visit.check()
    for number in (1, 2):
        page.get_by_role("link", name=f"Make it an action for recommendation {number}").click()
        visit.check()
        fill_date(page, "Due date", "30", "9", "2017")
        page.get_by_role("button", name="Make it an action").click()
        visit.check()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            f"Recommendation {number} is now action {number}"
        )

    page.get_by_role("link", name="Edit the plan").click()
    visit.check()
    page.get_by_label("Reported", exact=True).check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    audit_url = page.url
    expect(page.locator("body")).to_contain_text("0 of 2 actions complete")

    for number in (1, 2):
        page.get_by_role("link", name=f"Action {number}", exact=True).click()
        visit.check()
        page.get_by_role("link", name="Update this action").click()
        visit.check()
        page.get_by_label("Progress").fill("Done and checked by dip sample")
        page.get_by_role("group", name="RAG now").get_by_label("Complete").check()
        page.get_by_label("Reason for the RAG").fill("Dip sample showed it in every case")
        page.get_by_role("button", name="Save update").click()
        visit.check()
        page.goto(audit_url)
        visit.check()

    expect(page.locator(".govuk-inset-text")).to_contain_text("This audit is closed since")
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        "all 2 actions from its recommendations are complete"
    )
    assert QualityAudit.objects.get(theme="Neglect in the under fives").status == "closed"

    page.get_by_role("link", name="Neglect", exact=True).first.click()
    visit.check()
    expect(page.locator("body")).to_contain_text("Graded Care Profile used well in two cases.")
