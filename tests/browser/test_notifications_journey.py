"""A lead whose return is returned for changes gets one email and sees why, in a real browser with
axe on every page; then chooses a daily digest."""

import pytest
from django.core import mail
from django.urls import reverse

from audits.models import Submission, SubmissionStatus
from notifications.models import Frequency, Preference

pytestmark = pytest.mark.browser

LEAD = "police.lead@demo.lscb.test"


def test_a_returned_return_reaches_its_lead_who_sees_why(visit):
    page = visit.page
    submission = (
        Submission.objects.filter(agency__staff__email=LEAD)
        .select_related("agency", "cycle")
        .order_by("-cycle__opens")
        .first()
    )
    submission.status = SubmissionStatus.SUBMITTED  # waiting for the office's decision
    submission.save()

    visit.sign_in("office@demo.lscb.test")
    visit.go(reverse("audits:review", args=[submission.pk]))
    page.get_by_label("Return it to the agency for changes").check()
    page.get_by_label("Comments for the agency").fill("Standard 3 needs evidence of supervision.")
    mail.outbox.clear()
    page.get_by_role("button", name="Save decision").click()
    visit.check()

    leads = {m.to[0] for m in mail.outbox}
    assert LEAD in leads and len(mail.outbox) == len(leads), "one email each"
    email = next(m for m in mail.outbox if m.to == [LEAD])
    assert "returned for changes" in email.subject
    assert "Standard 3 needs evidence of supervision." in email.body

    page.context.clear_cookies()
    visit.sign_in(LEAD)
    page.get_by_role("link", name="Notifications").click()
    visit.check()
    assert page.get_by_role("heading", name="Your notifications").is_visible()
    assert page.get_by_text("Standard 3 needs evidence of supervision.").is_visible()

    page.get_by_role("link", name="Change how you get notifications").click()
    visit.check()
    page.get_by_label("One email a day listing them (a daily digest)").check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    assert page.get_by_text("one email a day listing your notifications").is_visible()
    assert Preference.objects.get(user__email=LEAD).frequency == Frequency.DAILY
