"""On the illustrative safeguarding adults board, the office records a referral for a SAR, the section
44 decision, the methodology, the library coversheet, the quality markers, a finding and a
recommendation, opens the action plan and publishes the review; the independent chair reads it and
downloads the row for the national SAR library. Axe checks every page; the review reflows at 320 px."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BOARD = "Illustrative Safeguarding Adults Board"


def fill_date(page, day, month, year):
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)


def test_a_sar_goes_from_referral_to_published(visit):
    from reviews.models import CaseReview, Status

    page = visit.page
    visit.sign_in("sab.office@demo.lscb.test")
    visit.go("/reviews/")
    page.get_by_role("link", name=f"Safeguarding adults reviews of {BOARD}").click()
    visit.check()
    expect(page.get_by_role("region", name="1 safeguarding adults review")).to_contain_text(
        "Adult A"
    )

    page.get_by_role("link", name="Record a referral").click()
    visit.check()
    page.get_by_label("Reference", exact=True).fill("Adult B")
    fill_date(page, "3", "4", "2017")
    page.get_by_label("Referring agency").fill("Illustrative Police")
    page.get_by_label("Summary of the referral").fill("Mrs Green was found at home.")
    page.get_by_role("button", name="Record the referral").click()
    visit.check()  # the error summary is checked too
    expect(page.locator(".govuk-error-summary")).to_contain_text("reads as someone")
    page.get_by_label("Summary of the referral").fill(
        "A woman in her sixties was financially exploited by a lodger over two years."
    )
    page.get_by_role("button", name="Record the referral").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Adult B")

    page.get_by_role("link", name="Record the section 44 decision").click()
    visit.check()
    page.get_by_label("The adult is alive", exact=False).check()
    page.get_by_label("There is reasonable cause for concern", exact=False).check()
    page.get_by_label("Mandatory: section 44(1) to (3) apply", exact=True).check()
    fill_date(page, "28", "4", "2017")
    page.get_by_label("Rationale").fill(
        "Serious financial abuse, and agencies did not share concerns."
    )
    page.get_by_role("button", name="Record the decision").click()
    visit.check()
    expect(page.locator("#section-44 + .govuk-summary-list")).to_contain_text("Mandatory")

    page.get_by_role("link", name="Choose the methodology").click()
    visit.check()
    page.get_by_label("Significant Incident Learning Process (SILP)", exact=True).check()
    page.get_by_role("button", name="Save").click()
    visit.check()

    page.get_by_role("link", name="Change the coversheet").click()
    visit.check()
    page.get_by_label("Financial or material abuse", exact=True).check()
    page.get_by_label("55 to 64", exact=True).check()
    page.get_by_label("Female", exact=True).check()
    page.get_by_label("Not known", exact=True).last.check()  # ethnicity (age band's comes first)
    page.get_by_role("button", name="Save").click()
    visit.check()

    page.get_by_role("link", name="Mark the quality markers").click()
    visit.check()
    page.get_by_role("group", name="Rating of marker 1", exact=True).get_by_label(
        "Met", exact=True
    ).check()
    page.get_by_label("Note on marker 1", exact=True).fill("Referred within a week.")
    page.get_by_role("button", name="Save the checklist").click()
    visit.check()
    expect(page.get_by_role("region", name="Quality markers")).to_contain_text(
        "Referred within a week."
    )

    page.get_by_role("link", name="Add a lesson").click()
    visit.check()
    page.get_by_label("Lesson", exact=True).fill("Financial abuse was seen as a housing matter.")
    page.get_by_role("button", name="Save").click()
    visit.check()
    page.get_by_role("link", name="Add a recommendation").click()
    visit.check()
    page.get_by_label("Recommendation", exact=True).fill("Agree a financial abuse pathway.")
    page.get_by_role("button", name="Save").click()
    visit.check()
    page.get_by_role("link", name="Create the action plan").click()
    visit.check()
    page.get_by_role("button", name="Create the action plan").click()
    visit.check()

    review = CaseReview.objects.get(reference="Adult B")
    visit.go(f"/reviews/{review.pk}/status/")
    page.get_by_label("Published", exact=True).check()
    fill_date(page, "20", "11", "2017")
    page.get_by_role("button", name="Move the review").click()
    visit.check()
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED and review.sar.markers.get().rating == "met"

    page.set_viewport_size({"width": 320, "height": 640})
    visit.go(review.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Sign out").click()

    visit.sign_in("sab.chair@demo.lscb.test")
    visit.go(review.get_absolute_url())
    expect(page.get_by_role("link", name="Record the section 44 decision")).to_have_count(0)
    expect(page.get_by_role("link", name="Change the section 44 decision")).to_have_count(0)
    visit.go(f"/boards/{review.board_id}/sars/")
    with page.expect_download() as download:
        page.get_by_role("link", name="as CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert "Adult B" in text and "55 to 64" in text and "Mrs" not in text
