"""The compliance report is kept in the cache (core.page_cache), the same for everyone who may see
the cycle: a return entering the count, or a moderated answer, shows at once, and a person who may
not see the cycle is refused before the cache is read."""

import pytest
from django.urls import reverse

from audits.models import Rating
from audits.submitting import submit

from ..helpers import page
from .test_compliance import four_returns, returns  # noqa: F401 (fixtures)


@pytest.fixture
def counted(request):
    """Four counted returns and a draft (test_compliance's `four_returns`)."""
    return request.getfixturevalue("four_returns")


def report_url(cycle):
    return reverse("audits:report", args=[cycle.pk])


def test_a_return_entering_the_count_shows_at_once(login_as, audit_cycle, counted, office):
    client = login_as("member")
    assert "Counted from 4 submitted returns" in page(client, report_url(audit_cycle))
    submit(counted[2], user=office, name="Jo Bloggs", role="Head teacher")
    assert "Counted from 5 submitted returns" in page(client, report_url(audit_cycle))


def test_a_moderated_answer_shows_at_once(login_as, audit_cycle, counted):
    client = login_as("member")
    assert "Moderation: self-rating" not in page(client, report_url(audit_cycle))
    answer = counted[0].answers.first()
    answer.moderated_rating = Rating.PARTIALLY
    answer.save()
    assert "Moderation: self-rating" in page(client, report_url(audit_cycle))


def test_everyone_who_sees_the_cycle_reads_the_same_report_and_no_one_else(
    login_as, audit_cycle, counted
):
    shown = page(login_as("office"), report_url(audit_cycle))
    assert "Counted from 4 submitted returns" in shown
    assert "Counted from 4 submitted returns" in page(login_as("chair"), report_url(audit_cycle))
    assert login_as("outsider").get(report_url(audit_cycle)).status_code == 404
