"""The office accepts a submitted return or returns it for changes; a returned one reopens."""

import datetime

import pytest
from django.urls import reverse

from audits.compliance import compliance
from audits.models import SubmissionStatus

from .test_audits import answer_all, standard_url, submit


def review(client, submission, **data):
    return client.post(reverse("audits:review", args=[submission.pk]), data)


@pytest.fixture
def submitted(login_as, submission):
    answer_all(submission)
    assert submit(login_as("lead_x"), submission).status_code == 302
    submission.refresh_from_db()
    return submission


def test_office_accepts_a_return(login_as, submitted, office):
    assert review(login_as("office"), submitted, decision="accept").status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.ACCEPTED
    assert submitted.history.first().history_user == office
    assert compliance(submitted.cycle).responses == 1


def test_returning_needs_a_comment(login_as, submitted):
    response = review(login_as("office"), submitted, decision="return", comment="")
    assert "Say what the agency needs to change" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.SUBMITTED


def test_a_returned_return_reopens_for_the_agency_and_stops_counting(login_as, submitted):
    review(login_as("office"), submitted, decision="return", comment="Add evidence for 2.1")
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.RETURNED
    assert compliance(submitted.cycle).responses == 0
    client = login_as("lead_x")
    assert "Add evidence for 2.1" in client.get(submitted.get_absolute_url()).content.decode()
    assert client.get(standard_url(submitted, 1)).status_code == 200


def test_after_the_cycle_closes_only_a_returned_return_opens_again(login_as, submitted):
    cycle = submitted.cycle
    cycle.closed = datetime.date.today() - datetime.timedelta(days=1)
    cycle.save()
    client = login_as("lead_x")
    assert client.get(standard_url(submitted, 1)).status_code == 403
    review(login_as("office"), submitted, decision="return", comment="Please correct 1.2")
    assert client.get(standard_url(submitted, 1)).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"), [("lead_x", 403), ("member", 404), ("lead_y", 404), ("outsider", 404)]
)
def test_only_the_office_reviews(login_as, submitted, role, status):
    assert review(login_as(role), submitted, decision="accept").status_code == status
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.SUBMITTED


def test_a_draft_cannot_be_accepted(login_as, submission):
    assert review(login_as("office"), submission, decision="accept").status_code == 403
