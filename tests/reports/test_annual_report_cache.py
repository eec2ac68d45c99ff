"""The annual report page is kept in the cache (core.page_cache) for each reader: a change to a
section or to the records it is generated from shows at once, and one reader's page (a manager's
edit links, what a case review reader may read) is never shown to another."""

import pytest
from django.urls import reverse

from accounts.models import User
from reports.annual import plan_of
from reports.models import AnnualReport, SectionKind

from ..factories import ActionFactory
from ..helpers import page


@pytest.fixture
def report(demo_board):
    return AnnualReport.objects.filter(board=demo_board).order_by("period_start").first()


def login(client, email):
    client.force_login(User.objects.get(email=email))
    return client


def test_an_edited_section_and_a_new_action_show_at_once(report, client):
    login(client, "member@demo.lscb.test")
    url = report.get_absolute_url()
    assert "A paragraph written today" not in page(client, url)
    section = report.sections.order_by("number").first()
    section.body = "A paragraph written today"
    section.save()
    assert "A paragraph written today" in page(client, url)
    section = report.sections.filter(kind=SectionKind.BUSINESS_PLAN).first()
    plan = plan_of(section, report, User.objects.get(email="member@demo.lscb.test"))
    before = page(client, url)
    ActionFactory(plan=plan, ref="99.1", text="A late action")  # counted in the business plan
    assert page(client, url) != before


def test_a_managers_page_is_never_shown_to_a_reader(report, client):
    url = report.get_absolute_url()
    assert "Publish this version" in page(login(client, "office@demo.lscb.test"), url)
    assert "Publish this version" not in page(login(client, "member@demo.lscb.test"), url)


def test_the_page_is_refused_to_another_board_before_the_cache(report, client, outsider):
    page(login(client, "office@demo.lscb.test"), report.get_absolute_url())
    client.force_login(outsider)
    assert client.get(reverse("reports:annual", args=[report.pk])).status_code == 404


def test_the_page_is_refused_at_once_to_a_reader_who_leaves_the_board(report, client):
    """Whether a person may read the report is kept with the page, under the stamp of the boards
    and memberships that decide it: leaving the board asks again."""
    member = User.objects.get(email="member@demo.lscb.test")
    url = report.get_absolute_url()
    login(client, member.email)
    assert report.title in page(client, url)
    assert report.title in page(client, url)  # kept
    member.board_memberships.filter(board=report.board).delete()
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # a refusal is not kept: asked each time
