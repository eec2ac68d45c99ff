"""The key pages other than the home pages (the plan page, an action, "Your actions", the Section 11
report, the scorecard and the annual report) are kept in the cache until their data changes
(core.page_cache), and then answer in a handful of queries with ten times the demo's data."""

import pytest
from django.urls import reverse

from accounts.models import User
from actions.models import Action
from audits.models import AuditCycle
from reports.models import AnnualReport
from subgroups.models import Subgroup

from ..helpers import page
from .test_home_glance import grow

KEPT = 10  # session, user, second factor, the page's own record, the stamp, the cache, the session

PAGES = {
    "plan": ("office@demo.lscb.test", lambda board: board.plans.order_by("pk").first()),
    "action": (
        "office@demo.lscb.test",
        lambda board: Action.objects.get(plan=board.plans.order_by("pk").first(), ref="1.1"),
    ),
    "mine": ("pmqag.chair@demo.lscb.test", lambda board: reverse("actions:mine")),
    "report": (
        "office@demo.lscb.test",
        lambda board: reverse(
            "audits:report", args=[AuditCycle.objects.get(name="Section 11 audit 2016-17").pk]
        ),
    ),
    "scorecard": (
        "office@demo.lscb.test",
        lambda board: reverse("performance:scorecard", args=[board.pk]),
    ),
    "annual": (
        "office@demo.lscb.test",
        lambda board: AnnualReport.objects.filter(board=board).order_by("period_start").first(),
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_key_page_once_kept_answers_in_a_few_queries_with_ten_times_the_demo(
    demo_board, client, django_assert_max_num_queries, name
):
    plan = demo_board.plans.order_by("pk").first()
    subgroup = Subgroup.objects.filter(board=demo_board).order_by("pk").first()
    audit_cycle = AuditCycle.objects.filter(boards=demo_board).order_by("-opens").first()
    grow(demo_board, plan, subgroup, audit_cycle)
    email, where = PAGES[name]
    url = where(demo_board)
    url = url if isinstance(url, str) else url.get_absolute_url()
    client.force_login(User.objects.get(email=email))
    page(client, url)  # built and kept
    with django_assert_max_num_queries(KEPT):
        page(client, url)
