"""What each person's home page shows: the state of their boards' work, and what is theirs to do.
Every panel is counted in the database, so the page costs the same queries whatever the data."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from actions.models import Action, Plan, PlanKind, Update, UpdateCycle
from audits.compliance import summary
from audits.models import COUNTED, AuditCycle, Submission, SubmissionStatus, of_boards
from boards.models import Board, Role
from core.rag import ORDER, Rag
from performance.models import Measurement, Status, Trend
from performance.rating import rate_at
from reviews.clocks import STATE_TAGS
from reviews.models import CaseReview
from reviews.models import Status as ReviewStatus
from subgroups.models import Subgroup

from .charts import sparkline, stacked_bars

CHASE_LIMIT = 10  # the oldest few of each kind; the lists behind them have the rest


@dataclass
class PlanPanel:
    plan: Plan
    cycle: UpdateCycle | None
    themes: list
    overdue: int = 0
    not_updated: int = 0
    totals: dict = field(default_factory=dict)
    bars: list = field(default_factory=list)


def counts_by_plan(actions):
    return dict(actions.values_list("plan").annotate(n=Count("pk")).order_by())


def plan_panels(boards, today):
    """The boards' running business plans: RAG by theme, overdue, not updated this cycle."""
    plans = list(
        Plan.objects.filter(board__in=boards, kind=PlanKind.BUSINESS, closed__isnull=True)
        .select_related("board")
        .order_by("board__name", "name")
    )
    ids = [plan.pk for plan in plans]
    cycles = UpdateCycle.objects.current_by_plan(ids, today)
    actions = Action.objects.filter(plan__in=ids)
    themes = actions.rag_by_theme()
    overdue = counts_by_plan(actions.overdue(today))
    updated = Update.objects.filter(
        action=OuterRef("pk"), cycle__in=[cycle.pk for cycle in cycles.values()]
    )
    not_updated = counts_by_plan(actions.filter(plan__in=cycles).exclude(Exists(updated)))
    panels = []
    for plan in plans:
        rows = [row for row in themes if row["plan_id"] == plan.pk]
        panels.append(
            PlanPanel(
                plan,
                cycles.get(plan.pk),
                rows,
                overdue.get(plan.pk, 0),
                not_updated.get(plan.pk, 0),
                {rag: sum(row["counts"][rag] for row in rows) for rag in ORDER},
                stacked_bars([(row["theme"], row["counts"]) for row in rows]),
            )
        )
    return panels


def latest_audit(boards):
    """The boards' latest Section 11 cycle with results, and its compliance report: a cycle that has
    just opened counts nothing yet, so the dashboard shows the last one with returns counted (or the
    latest cycle, if none has any). None if the boards have no cycle."""
    cycles = (
        AuditCycle.objects.filter(boards__in=boards)
        .select_related("framework", "previous")
        .order_by("-opens")
    )
    counted = Submission.objects.filter(cycle=OuterRef("pk"), status__in=COUNTED)
    cycle = cycles.filter(Exists(counted)).first() or cycles.first()
    if cycle is None:
        return None
    report = summary(cycle)  # the headline: standards and responses, year on year
    expected = AuditCycle.expected.through.objects.filter(auditcycle=cycle).count()
    return {"cycle": cycle, "report": report, "expected": expected}


def recent_series(indicators, latest, years=3):
    """{indicator id: its figures of the last few years, oldest first}, in one query."""
    since = latest.replace(year=latest.year - years)
    series = {}
    for indicator_id, value in (
        Measurement.objects.filter(
            indicator__in=indicators, value__isnull=False, period_end__range=(since, latest)
        )
        .order_by("indicator", "period_end")
        .values_list("indicator", "value")
    ):
        series.setdefault(indicator_id, []).append(value)
    return series


def scorecards(boards):
    """Per board, its scorecard at the latest figures: how many indicators are red, and declining."""
    panels = []
    for board in boards:
        indicators = board.indicators.filter(on_scorecard=True, status=Status.ACTIVE)
        latest = Measurement.objects.filter(indicator__in=indicators).aggregate(
            last=Max("period_end")
        )["last"]
        if latest is None:
            continue
        rows = rate_at(indicators, latest)
        shown = [row for row in rows if row.rag == Rag.RED or row.trend == Trend.DECLINING]
        lines = recent_series([row.indicator for row in shown], latest)
        for row in shown:
            row.sparkline = sparkline(lines.get(row.indicator.pk, []))
        panels.append(
            {
                "board": board,
                "as_at": latest,
                "count": len(rows),
                "red": [row for row in rows if row.rag == Rag.RED],
                "declining": [row for row in rows if row.trend == Trend.DECLINING],
            }
        )
    return panels


def reviews_in_progress(user, today):
    """Case reviews the user may read that are not yet published, with their clocks and the
    action plan's outstanding actions (agency leads see none: review_boards leaves them out)."""
    reviews = (
        CaseReview.objects.visible_to(user)
        .exclude(status__in=[ReviewStatus.PUBLISHED, ReviewStatus.CLOSED])
        .with_counts()
        .select_related("board")
        .order_by("notification_due", "pk")
    )
    return [
        (review, [(clock, state, STATE_TAGS[state]) for clock, state in review.clock_states(today)])
        for review in reviews
    ]


def published_with_actions(user):
    """Published reviews whose action plan still has outstanding actions."""
    return list(
        CaseReview.objects.visible_to(user)
        .filter(status__in=[ReviewStatus.PUBLISHED, ReviewStatus.CLOSED])
        .with_counts()
        .filter(outstanding__gt=0)
        .order_by("-publication_date", "pk")
    )


def chair_actions(user, today):
    """Actions of the groups the user chairs not yet updated in their plan's current cycle."""
    if not Subgroup.objects.chaired_by(user).exists():
        return []  # most people chair nothing: one small query instead of three
    actions = Action.objects.visible_to(user).owned_by_chair(user).filter(plan__closed__isnull=True)
    cycles = UpdateCycle.objects.current_by_plan(actions.values("plan"), today)
    updated = Update.objects.filter(action=OuterRef("pk"), cycle__in=cycles.values())
    waiting = list(
        actions.filter(plan__in=cycles)
        .exclude(Exists(updated))
        .select_related("plan")
        .order_by("plan", "ref_sort")
    )
    return [(action, cycles[action.plan_id]) for action in waiting]


def agency_returns(user, today):
    """The Section 11 cycles expecting the user's agency, with its return if started: the open ones
    first (what is to do, soonest deadline first), then those not yet open, then their history (closed
    cycles, newest first, with the return's final status). A closed cycle is never to do, unless the
    office sent the return back for changes (which it may be, even after closing)."""
    if not user.agency_id:
        return None
    cycles = AuditCycle.objects.visible_to(user).filter(expected=user.agency_id)
    own = Submission.objects.filter(cycle=OuterRef("pk"), agency=user.agency_id).values("pk")[:1]
    open_ids = set(cycles.open(today).values_list("pk", flat=True))
    rows = list(cycles.annotate(own=own).order_by("-opens", "pk"))
    if not rows:
        return None
    submissions = Submission.objects.visible_to(user).filter(agency=user.agency_id).in_bulk()
    to_do, upcoming, history = [], [], []
    for cycle in rows:
        submission = submissions.get(cycle.own)
        if cycle.pk in open_ids or (submission and submission.status == SubmissionStatus.RETURNED):
            to_do.append((cycle, submission))
        elif cycle.opens > today:
            upcoming.append((cycle, submission))
        else:
            history.append((cycle, submission))
    to_do.sort(key=lambda pair: pair[0].closes)
    return {"open": to_do, "upcoming": upcoming, "history": history}


def chase_list(boards, today):
    """What the office needs to chase, oldest first: overdue actions, returns waiting for a
    decision, and agencies whose return is not in for an open cycle."""
    overdue = Action.objects.filter(plan__board__in=boards, plan__closed__isnull=True).overdue(
        today
    )
    # The boards' few cycles by id: the planner then knows how few of all returns they hold.
    cycle_ids = list(of_boards(boards))
    awaiting = Submission.objects.filter(cycle__in=cycle_ids, status=SubmissionStatus.SUBMITTED)
    # Each count in its own subquery: joining both to the cycle would multiply them (expected x in).
    expected = AuditCycle.expected.through.objects.filter(auditcycle=OuterRef("pk"))
    returned = Submission.objects.filter(cycle=OuterRef("pk"), status__in=COUNTED)
    cycles = (
        AuditCycle.objects.filter(pk__in=cycle_ids)
        .open(today)
        .annotate(expected_count=count_of(expected), in_count=count_of(returned))
        .order_by("closes")
    )
    late_clocks = CaseReview.objects.filter(board__in=boards).overdue(today)
    # counted by plan, so each count links to its plan's overdue actions
    overdue_by_plan = list(
        overdue.values("plan", "plan__name").annotate(n=Count("pk")).order_by("plan__name", "plan")
    )
    return {
        "clocks": list(late_clocks.order_by("notification_due", "rapid_review_due", "pk")),
        "overdue": list(overdue.select_related("plan").order_by("due_date", "pk")[:CHASE_LIMIT]),
        "overdue_count": sum(row["n"] for row in overdue_by_plan),
        "overdue_by_plan": overdue_by_plan,
        "awaiting": list(
            # the agency fetched for these few only, not joined (a hash of every agency)
            awaiting.select_related("cycle")
            .prefetch_related("agency")
            .order_by("submitted", "pk")[:CHASE_LIMIT]
        ),
        "awaiting_count": awaiting.count(),
        "missing": [
            (cycle, cycle.expected_count - cycle.in_count)
            for cycle in cycles
            if cycle.expected_count > cycle.in_count
        ],
    }


def count_of(rows):
    """How many `rows` (a queryset filtered on OuterRef), as a subquery."""
    counted = rows.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("*"))
    return Coalesce(Subquery(counted.values("n")), 0)


def for_user(user, today):
    """The panels of the user's home page, by what they do."""
    memberships = list(user.board_memberships.select_related("board"))
    readers = [m.board for m in memberships if m.role in (Role.OFFICE, Role.CHAIR, Role.MEMBER)]
    managed = list(Board.objects.managed_by(user))
    roles = {m.role for m in memberships}
    return {
        "plans": plan_panels(readers, today) if readers else [],
        "audit": latest_audit(readers) if readers else None,
        "scorecards": scorecards(readers),
        "reviews": reviews_in_progress(user, today),
        "review_actions": published_with_actions(user),
        "chair_actions": chair_actions(user, today),
        "returns": agency_returns(user, today) if Role.AGENCY_LEAD in roles else None,
        "chase": chase_list(managed, today) if managed else None,
    }
