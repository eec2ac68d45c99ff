"""The office sets up next year's Section 11 cycle, expecting every school and one agency picked by
hand, and follows an accepted return's improvement action into the cycle's action plan."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_adds_next_years_cycle_by_sector(visit):
    from audits.models import AuditCycle

    last_year = AuditCycle.objects.get(name="Section 11 audit 2017-18")
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    visit.go("/audits/")
    page.get_by_role("link", name="Add an audit cycle").click()
    visit.check()
    page.get_by_label("Name").fill("Section 11 audit 2018-19")
    page.get_by_role("button", name="Save").click()
    visit.check()  # refused: dates and expected agencies missing, each named
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the sectors or the agencies expected to return")
    for name, (day, month, year) in {"opens": (3, 12, 2018), "closes": (11, 3, 2019)}.items():
        page.locator(f"#id_{name}_0").fill(str(day))
        page.locator(f"#id_{name}_1").fill(str(month))
        page.locator(f"#id_{name}_2").fill(str(year))
    expect(page.get_by_label("Last year's cycle")).to_have_value(str(last_year.pk))
    page.get_by_label("School or college").check()
    page.get_by_label("Cumbria Constabulary").check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.locator("h1")).to_have_text("Section 11 audit 2018-19")
    expected = page.locator("table").first
    expect(expected).to_contain_text("Cumbria Constabulary")
    # Every school: the list comes 50 agencies a page, so each is found by its name.
    page.locator("summary", has_text="Filter the agencies").click()
    for name, found in [
        ("Fellside Primary School (demo)", "Fellside Primary School (demo)"),
        ("Cumbria County Council", "No agencies match"),
    ]:
        page.get_by_label("Agency name contains").fill(name)
        page.get_by_role("button", name="Apply filters").click()
        visit.check()
        expect(expected).to_contain_text(found)
    page.get_by_role("link", name="Edit the cycle").click()
    visit.check()
    expect(page.get_by_label("School or college")).to_be_checked()


def test_office_accepts_a_return_and_tracks_its_improvement_action(visit):
    from audits.models import Answer, AuditCycle, Criterion, Rating
    from audits.submitting import start, submit
    from boards.models import Agency

    cycle = AuditCycle.objects.get(name="Section 11 audit 2017-18")
    police = start(cycle, Agency.objects.get(name="Cumbria Constabulary"), None)
    for criterion in Criterion.objects.filter(standard__framework=cycle.framework):
        gap = (criterion.standard.number, criterion.number) == (7, 2)
        Answer.objects.update_or_create(
            submission=police,
            criterion=criterion,
            defaults={
                "rating": Rating.PARTIALLY if gap else Rating.FULLY,
                "improvement_action": "Audit DBS renewals every quarter" if gap else "",
                "action_owner": "Head of HR" if gap else "",
            },
        )
    submit(police, user=None, name="A. Senior", role="Deputy Chief Constable")

    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    visit.go(f"/submissions/{police.pk}/")
    page.get_by_role("link", name="Accept or return").click()
    page.get_by_label("Accept the return").check()
    page.get_by_role("button", name="Save decision").click()
    visit.check()
    page.get_by_role("link", name="action 7.2/").click()
    visit.check()
    expect(page.locator("main")).to_contain_text(
        "Cumbria Constabulary: Audit DBS renewals every quarter"
    )
    expect(page.locator("main")).to_contain_text("Head of HR")
    page.get_by_role("link", name="Update this action").click()
    visit.check()
    page.get_by_label("Progress").fill("First quarterly DBS audit done in June.")
    page.get_by_label("Green").first.check()
    page.get_by_label("Reason for the RAG").fill("On schedule")
    page.get_by_role("button", name="Save update").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("updated: Green")
    visit.go(f"/audits/{cycle.pk}/")
    page.get_by_role("link", name="Improvement actions from accepted returns").click()
    visit.check()
    expect(page.locator("main")).to_contain_text("Audit DBS renewals every quarter")


def test_office_copies_the_standards_into_a_new_version(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    visit.go("/audits/")
    page.get_by_role("link", name="Frameworks of standards").click()
    visit.check()
    page.get_by_role("link", name="Section 11 self-assessment (2016)").click()
    visit.check()
    expect(page.get_by_role("link", name="Add a standard")).to_have_count(0)  # in use: fixed
    # The demo's standards are in the deployment's library: the office copies them into its board.
    page.get_by_role("link", name="Copy it into your board").click()
    visit.check()
    page.get_by_label("Version").fill("2018")
    page.get_by_role("button", name="Copy the framework").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Section 11 self-assessment")
    expect(page.locator(".govuk-caption-l")).to_have_text(
        "Version 2018 · Cumbria Local Safeguarding Children Board"
    )
    expect(page.locator("main")).to_contain_text(
        "Continues 7.2 of Section 11 self-assessment (2016)"
    )
    page.get_by_role("link", name="Add a criterion to standard 7").click()
    visit.check()
    page.get_by_label("Number").fill("9")
    page.get_by_role("button", name="Save").click()
    visit.check()  # refused: the text is required
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Text").fill("Volunteers are recruited as safely as staff")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("#standard-7 ~ dl").first).to_contain_text(
        "Volunteers are recruited as safely as staff"
    )
    page.get_by_role("link", name="Delete criterion 7.9").click()
    visit.check()
    page.get_by_role("button", name="Yes, delete").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("deleted")
    expect(page.locator("#standard-7 ~ dl").first).not_to_contain_text("Volunteers are recruited")
