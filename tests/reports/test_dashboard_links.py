"""Every count on a home page opens the list it counts, filtered to what it counts."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from audits.models import Rating
from reviews.models import Status as ReviewStatus

from ..audits.test_audits import answer, submit
from ..factories import ActionFactory, PlanFactory
from ..helpers import page


@pytest.fixture
def submitted(login_as, submission):
    for ref in ("1.1", "1.2", "2.1"):
        answer(submission, ref, Rating.FULLY)
    assert submit(login_as("lead_x"), submission).status_code == 302
    login_as("lead_x").logout()
    return submission


def link(html, words):
    """The address of the link whose text starts with `words`."""
    for href, text in re.findall(
        r'<a class="govuk-link[^"]*" href="([^"]+)">(.*?)</a>', html, re.S
    ):
        if " ".join(re.sub(r"<[^>]+>", " ", text).split()).startswith(words):
            return unescape(href)
    raise AssertionError(f"no link starting {words!r}")


def test_agencies_yet_to_submit_opens_those_agencies(login_as, submitted, agency_y):
    client = login_as("office")
    url = link(page(client, reverse("home")), "1 agency yet to submit")
    assert url == f"{submitted.cycle.get_absolute_url()}?status=yet#agencies"
    html = page(client, url)
    assert "1 matching agency" in html
    assert "Testshire NHS Trust" in html
    assert f'href="{submitted.get_absolute_url()}">Testshire Police' not in html


def test_returns_waiting_open_the_returns_to_decide(login_as, submitted):
    client = login_as("office")
    url = link(page(client, reverse("home")), "Returns waiting for your decision: 1")
    assert url == f"{reverse('audits:returns')}?status=submitted"
    html = page(client, url)
    assert "1 matching return" in html
    assert f'id="return-{submitted.pk}"' in html  # ticked there, and decided in one step


def test_overdue_actions_open_each_plans_overdue_actions(login_as, action, plan, board):
    other = PlanFactory(board=board, name="Audit plan 2017")
    ActionFactory(plan=other, ref="2.1", due_date=datetime.date(2017, 1, 1))
    ActionFactory(plan=other, ref="2.2", due_date=datetime.date(2017, 1, 1))
    client = login_as("office")
    html = page(client, reverse("home"))
    assert "Overdue actions: 3" in html
    assert link(html, "2 in Audit plan 2017") == f"{other.get_absolute_url()}?overdue=on#actions"
    url = link(html, "1 in Business Plan 2016-19")
    assert "1 matching action" in page(client, url)


def test_reviews_in_progress_open_the_reviews_before_publication(login_as, board):
    from ..reviews_factories import CaseReviewFactory

    CaseReviewFactory(board=board, reference="Child Q")
    CaseReviewFactory(board=board, reference="Child R", status=ReviewStatus.PUBLISHED)
    client = login_as("member")
    url = link(page(client, reverse("home")), "Reviews in progress (1)")
    assert url == f"{reverse('reviews:list')}?status=unpublished"
    html = page(client, url)
    assert "1 matching review" in html and "Child Q" in html and "Child R" not in html


def test_a_chairs_actions_to_update_open_their_list(login_as, action, cycle):
    client = login_as("subgroup_chair")
    url = link(page(client, reverse("home")), "1 action not yet updated this round")
    assert url == reverse("actions:mine")
    assert reverse("actions:update", args=[action.pk]) in page(client, url)
