"""Moderation: the office records a moderated rating beside each self-rating; the report shows the gap."""

import pytest
from django.urls import reverse

from audits.compliance import FEWER, compliance
from audits.models import Criterion, Rating, SubmissionStatus

from ..factories import AgencyFactory, SubmissionFactory
from .test_audits import answer_all, submit


@pytest.fixture
def submitted(login_as, submission):
    answer_all(submission)  # every criterion self-rated fully met
    assert submit(login_as("lead_x"), submission).status_code == 302
    return submission


def moderate(client, submission, ratings):
    answers = {
        f"{a.criterion.standard.number}.{a.criterion.number}": a
        for a in submission.answers.select_related("criterion__standard")
    }
    data = {f"moderated_{answers[ref].pk}": rating for ref, rating in ratings.items()}
    return client.post(reverse("audits:moderate", args=[submission.pk]), data)


def test_office_records_moderated_ratings_and_the_report_shows_the_gap(login_as, submitted, office):
    assert (
        moderate(
            login_as("office"), submitted, {"1.1": Rating.FULLY, "1.2": Rating.PARTIALLY}
        ).status_code
        == 302
    )
    answer = submitted.answers.get(criterion__number=2, criterion__standard__number=1)
    assert answer.moderated_rating == Rating.PARTIALLY
    assert answer.history.first().history_user == office
    # One return's moderated answers: the gap is not shown (it would be that agency's own).
    (row,) = compliance(submitted.cycle).moderation
    assert (row.standard.number, row.answers, row.self_rated, row.moderated, row.gap) == (
        1,
        FEWER,
        FEWER,
        FEWER,
        None,
    )
    html = (
        login_as("member").get(reverse("audits:report", args=[submitted.cycle.pk])).content.decode()
    )
    assert "Moderation: self-rating and moderated rating" in html
    assert "points" not in html
    # Two more returns moderated the same way: three returns, and the gap shows.
    for agency in (AgencyFactory(name="Agency P"), AgencyFactory(name="Agency Q")):
        other = SubmissionFactory(cycle=submitted.cycle, agency=agency)
        for criterion in Criterion.objects.filter(standard__framework=submitted.cycle.framework):
            other.answers.create(criterion=criterion, rating=Rating.FULLY)
        other.status = SubmissionStatus.SUBMITTED
        other.save()
        moderate(login_as("office"), other, {"1.1": Rating.FULLY, "1.2": Rating.PARTIALLY})
    (row,) = compliance(submitted.cycle).moderation
    assert (row.answers, row.self_rated, row.moderated, row.gap) == (6, 100, 50, 50)
    html = (
        login_as("member").get(reverse("audits:report", args=[submitted.cycle.pk])).content.decode()
    )
    assert "50 points" in html


def test_the_submission_page_shows_both_ratings(login_as, submitted):
    moderate(login_as("office"), submitted, {"2.1": Rating.NOT_MET})
    html = login_as("lead_x").get(submitted.get_absolute_url()).content.decode()
    assert "(moderated: Not met)" in html


@pytest.mark.parametrize(("role", "status"), [("lead_x", 403), ("member", 404), ("lead_y", 404)])
def test_only_the_office_moderates(login_as, submitted, role, status):
    assert moderate(login_as(role), submitted, {"1.1": Rating.NOT_MET}).status_code == status
    assert not submitted.answers.exclude(moderated_rating="").exists()


def test_without_moderation_the_report_has_no_gap_table(audit_cycle):
    assert compliance(audit_cycle).moderation == []
