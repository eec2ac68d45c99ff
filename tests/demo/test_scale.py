"""`manage.py seed_scale --factor N`: the benchmark's synthetic data, N times the demo."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from actions.models import Action, PlanKind, Update
from audits.compliance import compliance
from audits.models import Answer, AuditCycle, StandardResult, Submission
from boards.models import Agency, Board, BoardMembership
from boards.roles import ROLES_BY_KIND
from demo.audits import PUBLISHED
from demo.scale import PREFIX, demo_board
from performance.models import Indicator, Measurement
from reports.models import Section
from reviews.models import CaseReview, Lesson
from subgroups.models import Responsibility, Subgroup, SubgroupMembership

from ..helpers import count_queries, page

FACTOR = 3
# R, A, G of synthetic board 001's updates: its generated ones (74, 205, 439) and its copies of the
# demo's illustrative 2017-18 updates (1 red, 3 amber, 17 green)
EXPECTED_001 = (74 + 1, 205 + 3, 439 + 17)


@pytest.fixture(scope="module")
def scaled_once(django_db_setup, django_db_blocker):
    """Loaded once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_scale", factor=FACTOR, stdout=io.StringIO())
        yield demo_board()
        transaction.set_rollback(True)


@pytest.fixture
def scaled(scaled_once, db):
    return scaled_once


def copies():
    return Board.objects.filter(name__startswith=PREFIX).order_by("name")


def test_each_copy_has_the_demo_boards_shape(scaled):
    assert copies().count() == FACTOR - 1
    for board in copies():
        for model, lookup in [
            (Agency, "boards"),
            (Subgroup, "board"),
            (Responsibility, "subgroup__board"),
            (Action, "plan__board"),
        ]:
            assert model.objects.filter(**{lookup: board}).count() == (
                model.objects.filter(**{lookup: scaled}).count()
            ), model
        # the tree of groups is copied within the board
        parents = Subgroup.objects.filter(board=board, parent__isnull=False)
        assert (
            parents.count() == Subgroup.objects.filter(board=scaled, parent__isnull=False).count()
        )
        assert not parents.exclude(parent__board=board).exists()
        # actions keep the demo's refs and current RAG, and are owned by the copy's own groups
        assert sorted(Action.objects.filter(plan__board=board).values_list("ref", "rag")) == sorted(
            Action.objects.filter(plan__board=scaled).values_list("ref", "rag")
        )
        assert (
            not Action.owners.through.objects.filter(action__plan__board=board)
            .exclude(subgroup__board=board)
            .exists()
        )


def test_annual_reports_draw_on_the_copys_plan_and_the_national_cycles(scaled):
    board = copies().first()
    demo_sections = Section.objects.filter(report__board=scaled)
    sections = Section.objects.filter(report__board=board)
    assert sections.count() == demo_sections.count() > 0
    assert not sections.filter(plan__isnull=False).exclude(plan__board=board).exists()
    assert sections.filter(audit_cycle__boards=board).count() == (
        demo_sections.filter(audit_cycle__isnull=False).count()
    )


def test_indicators_with_ten_years_of_monthly_figures(scaled):
    board = copies().first()
    assert Indicator.objects.filter(board=board).count() == scaled.indicators.count() > 40
    per_indicator = (
        Measurement.objects.filter(indicator__board=board)
        .values("indicator")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert set(per_indicator) == {120}
    demo_latest = Measurement.objects.filter(
        indicator__board=scaled, period_end=datetime.date(2017, 3, 31)
    )
    copied = Measurement.objects.filter(
        indicator__board=board, period_end=datetime.date(2017, 3, 31)
    )
    assert set(demo_latest.values_list("indicator__code", "value")) <= set(
        copied.values_list("indicator__code", "value")
    )  # the demo's own figures, unchanged


def test_case_reviews_with_their_action_plans(scaled):
    board = copies().first()
    reviews = CaseReview.objects.filter(board=board)
    assert reviews.count() == CaseReview.objects.filter(board=scaled).count() > 0
    assert not reviews.filter(plan__isnull=False).exclude(plan__board=board).exists()
    assert reviews.filter(plan__isnull=False).count() == (
        CaseReview.objects.filter(board=scaled, plan__isnull=False).count()
    )
    assert Lesson.objects.filter(review__board=board, themes__board=board).exists()


def test_people_in_every_role_who_cannot_sign_in(scaled, client):
    board = copies().first()
    for role in ROLES_BY_KIND[board.kind]:  # the roles a board of its kind offers
        assert BoardMembership.objects.filter(board=board, role=role).exists(), role
    chaired = SubgroupMembership.objects.filter(subgroup__board=board, role="chair")
    assert (
        chaired.values("subgroup").distinct().count()
        == Subgroup.objects.filter(board=board).count()
    )
    office = User.objects.get(email="office@ssp001.scale.test")
    assert not office.has_usable_password()


def test_years_of_updates_before_the_demos_own(scaled):
    board = copies().first()
    action = Action.objects.get(plan__board=board, ref="1.1")
    demo_action = Action.objects.get(plan__board=scaled, ref="1.1")
    updates = list(action.updates.all())  # newest first
    assert len(updates) == 11 + demo_action.updates.count()
    assert updates[0].rag == demo_action.rag
    assert updates[-1].created.year == 2014


def test_national_cycles_hold_every_copys_returns_and_reproduce_the_published_table(scaled):
    demo_cycle = AuditCycle.objects.get(name="Section 11 audit 2016-17")
    national = AuditCycle.objects.get(name="National Section 11 audit 2016-17 (synthetic)")
    assert national.boards.count() == FACTOR - 1
    returns = Submission.objects.filter(cycle=national).count()
    assert returns == (FACTOR - 1) * PUBLISHED[demo_cycle.name][0]
    assert Answer.objects.filter(submission__cycle=national).count() == returns * 26
    assert StandardResult.objects.filter(submission__cycle=national).count() == returns * 9
    report = compliance(national)
    assert [row.fully for row in report.standards] == PUBLISHED[demo_cycle.name][1]
    assert [row.previous for row in report.standards] == PUBLISHED["Section 11 audit 2015-16"][1]


def test_the_report_costs_the_same_queries_for_the_demo_and_the_nation(scaled, client):
    office = User.objects.get(email="office@ssp001.scale.test")
    client.force_login(office)
    national = AuditCycle.objects.get(name="National Section 11 audit 2016-17 (synthetic)")
    demo_cycle = AuditCycle.objects.get(name="Section 11 audit 2016-17")
    big = count_queries(client, f"/audits/{national.pk}/report/")
    client.force_login(User.objects.get(email="office@demo.lscb.test"))
    assert count_queries(client, f"/audits/{demo_cycle.pk}/report/") == big


def rag_history(board_name):
    """The RAG of every update of the board's business plan, in order, as one string."""
    rags = (
        Update.objects.filter(
            action__plan__board__name=board_name, action__plan__kind=PlanKind.BUSINESS
        )
        .order_by("action__ref_sort", "created", "pk")
        .values_list("rag", flat=True)
    )
    return "".join(rags)


def test_the_same_data_every_time(scaled):
    """RAG histories come from a generator seeded with the copy's number: these are copy 1's."""
    history = rag_history(f"{PREFIX} 001")
    assert (history.count("R"), history.count("A"), history.count("G")) == EXPECTED_001
    assert rag_history(f"{PREFIX} 002") != history


def test_refuses_a_database_already_scaled(scaled):
    with pytest.raises(CommandError, match="already holds synthetic boards"):
        call_command("seed_scale", factor=2, stdout=io.StringIO())
    assert copies().count() == FACTOR - 1


def test_the_national_offices_home_page_counts_who_is_yet_to_submit(scaled, client):
    """The chase list follows the open national cycle (2017-18); the Section 11 panel shows the last
    one with returns counted (2016-17)."""
    national = AuditCycle.objects.get(name="National Section 11 audit 2017-18 (synthetic)")
    missing = national.expected.count() - Submission.objects.filter(cycle=national).count()
    assert missing > 0
    client.force_login(User.objects.get(email="office@ssp002.scale.test"))
    html = page(client, "/")
    assert f"{missing} agencies yet to submit</a> to {national.name}" in html
    assert f"{(FACTOR - 1) * 433}</span> returns counted" in html


def test_the_report_counts_only_the_ratings_short_of_fully_met(scaled):
    """So PostgreSQL reads the partial indexes of the exceptions, not every answer (compliance.py)."""
    national = AuditCycle.objects.get(name="National Section 11 audit 2015-16 (synthetic)")
    with CaptureQueriesContext(connection) as captured:
        compliance(national)
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]]
    for table in ("audits_answer", "audits_standardresult"):
        reads = [sql for sql in counts if f'FROM "{table}"' in sql]
        assert reads, table
        for sql in reads:
            assert (
                f'NOT ("{table}"."rating" = \'fully\')' in sql
                or f'NOT ("{table}"."moderated_rating" = \'\')' in sql
            ), sql
