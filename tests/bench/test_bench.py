"""What the benchmark (bench/) relies on in the app: its timing middleware, and the admin changelist
of returns it compares the compliance report with."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..factories import AuditCycleFactory, BoardFactory, SubmissionFactory

SUBMISSIONS = "/admin/audits/submission/"


@pytest.fixture
def timed(settings):
    settings.MIDDLEWARE = ["bench.middleware.timing", *settings.MIDDLEWARE]


def test_off_unless_the_benchmark_turns_it_on(client, db):
    response = client.get("/healthz")
    assert "X-Query-Count" not in response
    assert "Server-Timing" not in response


def test_healthz_takes_one_query(timed, client, db):
    response = client.get("/healthz")
    assert response["X-Query-Count"] == "1"
    assert response["Server-Timing"].startswith("app;dur=")


def test_counts_every_query_of_a_page_with_its_session(timed, login_as, action):
    client = login_as("office")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(action.get_absolute_url())
    assert response.status_code == 200
    assert int(response["X-Query-Count"]) == len(captured.captured_queries) > 5
    assert float(response["Server-Timing"].removeprefix("app;dur=")) > 0


@pytest.fixture
def elsewhere_return(db):
    cycle = AuditCycleFactory(name="Elsewhere Section 11 2016-17")
    cycle.boards.add(BoardFactory(name="Elsewhere Board"))
    return SubmissionFactory(cycle=cycle)


def test_the_system_administrator_lists_a_cycles_returns(login_as, submission, elsewhere_return):
    response = login_as("admin_user").get(f"{SUBMISSIONS}?cycle__id__exact={submission.cycle_id}")
    html = response.content.decode()
    assert response.status_code == 200
    assert str(submission.agency) in html
    assert str(elsewhere_return.agency) not in html


def test_returns_are_read_only_in_the_admin(login_as, submission):
    client = login_as("admin_user")
    page = client.get(f"{SUBMISSIONS}{submission.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(f"{SUBMISSIONS}add/").status_code == 403


@pytest.mark.parametrize("role", ["office", "lead_x", "member", "chair"])
def test_others_cannot_list_returns(login_as, role, submission):
    assert login_as(role).get(SUBMISSIONS).status_code == 302


def test_the_targets_of_issue_16_are_checked():
    """Key pages within 10 x /healthz's p95; home pages in at most 15 queries and at least 50
    requests a second."""
    pytest.importorskip("httpx")  # the bench extra
    from bench.run import PAGES, Result, check

    pages = {page.key: page for page in PAGES}

    def result(key, ms, queries, per_second):
        r = Result(pages[key], pages[key].path, None, [queries] * 3, [ms] * 3, [ms] * per_second)
        r.load_seconds = 1
        return r

    results = {
        "healthz": result("healthz", 1.0, 1, 500),
        "home_office": result("home_office", 9.0, 9, 60),
        "home_chair": result("home_chair", 12.0, 16, 40),
    }
    lines = check({1: ({}, results)}, 50).splitlines()
    assert "- PASS: factor 1: Home: office p95 9.0 ms <= 10 x /healthz's 1.0 ms (9.0 x)" in lines
    assert (
        "- FAIL: factor 1: Home: independent chair p95 12.0 ms <= 10 x /healthz's 1.0 ms (12.0 x)"
        in lines
    )
    assert "- PASS: factor 1: Home: office in 9 queries <= 15" in lines
    assert "- FAIL: factor 1: Home: independent chair in 16 queries <= 15" in lines
    assert "- PASS: factor 1: Home: office 60.0 req/s >= 50 at 50 users" in lines
    assert "- FAIL: factor 1: Home: independent chair 40.0 req/s >= 50 at 50 users" in lines
