"""The office decides returns in bulk from its home page's count; a chair updates one action after
another without going back to a list."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def submitted_returns(cycle, names):
    """Each agency's return to `cycle`, answered fully met and submitted."""
    from audits.models import Answer, Criterion, Rating
    from audits.submitting import start, submit
    from boards.models import Agency

    criteria = list(Criterion.objects.filter(standard__framework=cycle.framework))
    returns = []
    for name in names:
        submission = start(cycle, Agency.objects.get(name=name), None)
        Answer.objects.bulk_create(
            Answer(submission=submission, criterion=c, rating=Rating.FULLY) for c in criteria
        )
        submit(submission, user=None, name="A. Senior", role="Director")
        returns.append(submission)
    return returns


def test_office_returns_two_and_accepts_one_from_the_home_page(visit):
    from audits.models import AuditCycle, Submission, SubmissionStatus

    cycle = AuditCycle.objects.get(name="Section 11 audit 2017-18")
    police, council, trust = submitted_returns(
        cycle, ["Cumbria Constabulary", "Barnardo's", "NHS England"]
    )
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="3 returns waiting for your decision").click()  # its first screen
    visit.check()
    expect(page.locator("caption")).to_contain_text("matching return")
    page.get_by_label(f"Cumbria Constabulary, {cycle.name}").check()
    page.get_by_label(f"Barnardo's, {cycle.name}").check()
    page.get_by_role("button", name="Return selected for changes").click()
    visit.check()  # refused: one comment is required
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Say what the agencies need to change"
    )
    expect(page.get_by_label(f"Cumbria Constabulary, {cycle.name}")).to_be_checked()
    page.get_by_label("Or return them for changes").fill("Add your evidence for standard 7")
    page.get_by_role("button", name="Return selected for changes").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Returns returned for changes: Barnardo's and Cumbria Constabulary"
    )
    page.get_by_label(f"NHS England, {cycle.name}").check()
    page.get_by_role("button", name="Accept selected").click()
    visit.check()
    statuses = dict(
        Submission.objects.filter(pk__in=[police.pk, council.pk, trust.pk]).values_list(
            "agency__name", "status"
        )
    )
    assert statuses == {
        "Cumbria Constabulary": SubmissionStatus.RETURNED,
        "Barnardo's": SubmissionStatus.RETURNED,
        "NHS England": SubmissionStatus.ACCEPTED,
    }


def test_office_follows_agencies_yet_to_submit_from_the_home_page(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="yet to submit").first.click()
    visit.check()
    expect(page.locator("details.govuk-details")).to_have_attribute("open", "")
    expect(page.locator("table caption").last).to_contain_text("matching agenc")
    page.get_by_label("Sector").select_option(label="Police")
    page.get_by_role("button", name="Apply filters").click()
    visit.check()
    expect(page.locator("table").last).to_contain_text("Cumbria Constabulary")


def test_chair_updates_one_action_after_another(visit):
    page = visit.page
    visit.sign_in("pmqag.chair@demo.lscb.test")
    page.get_by_role("link", name="See and update your actions").click()
    visit.check()
    page.locator("table a", has_text="Update").first.click()
    visit.check()
    expect(page.locator("main")).to_contain_text("Previous update")
    expect(page.locator("main")).to_contain_text("What we are trying to achieve")
    first = page.locator("h1").inner_text().removeprefix("Update action ")
    page.get_by_label("Progress").fill("On track: the audit is booked.")
    page.get_by_role("button", name="Save update").click()
    visit.check()
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text(f"Action {first} updated")
    expect(banner).to_contain_text("Next action to update")
    expect(page.locator("h1")).not_to_have_text(f"Update action {first}")
    second = page.locator("h1").inner_text().removeprefix("Update action ")
    page.get_by_label("Progress").fill("On track.")
    page.get_by_role("button", name="Save update").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Action {second} updated")
    page.get_by_role("link", name=f"See action {second}").click()  # what was saved, a link away
    visit.check()
    expect(page.locator("table").first).to_contain_text("On track.")
