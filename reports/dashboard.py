"""What each person's home page shows: the state of their boards' work, and what is theirs to do.
Every panel is counted in the database, so the page costs the same queries whatever the data.

Every panel states the date its figures are as at. By default the business plans and the Section 11
audit are as they stand today, and each board's scorecard is as at the latest date at which its
figures are complete (performance.rating.complete_as_at: a stray later figure does not move it). The
reader may pick another date (`?as_at=`): the plans, the audit and the scorecards are then counted
from their history as at that date (an action's RAG is its latest update on or before it, only the
actions and returns that existed then are counted, each indicator shows its latest figure on or
before it). The lists of what is to do (actions to update, returns, what to chase) are always today's.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from actions.models import Action, Plan, PlanKind, Update, UpdateCycle
from audits.compliance import summary
from audits.models import COUNTED, AuditCycle, Submission, SubmissionStatus, of_boards
from boards.models import Board, Role
from core.as_at import end_of
from core.rag import DONE, ORDER, Rag
from performance.models import Measurement, Status, Trend
from performance.rating import complete_as_at, rate_at
from reviews.clocks import STATE_TAGS
from reviews.models import CaseReview, InformationRequest, StatusChange
from reviews.models import Status as ReviewStatus
from subgroups.models import Subgroup

from .charts import sparkline, stacked_bars

CHASE_LIMIT = 10  # the oldest few of each kind; the lists behind them have the rest
CHOICES_LIMIT = 40  # the period ends offered to pick from (ten years of quarters)


@dataclass
class PlanPanel:
    plan: Plan
    as_at: date
    cycle: UpdateCycle | None
    themes: list
    overdue: int = 0
    not_updated: int = 0
    totals: dict = field(default_factory=dict)
    bars: list = field(default_factory=list)


def counts_by_plan(actions):
    return dict(actions.values_list("plan").annotate(n=Count("pk")).order_by())


def plan_panels(boards, today, as_at=None):
    """The boards' business plans running at the date (`as_at`, or today): RAG by theme, overdue,
    not updated in the round current then. As at a date, only the actions that existed then count,
    each with the RAG of its latest update on or before it, and only updates made by then."""
    day = as_at or today
    running = Q(closed__isnull=True) | Q(closed__gt=as_at) if as_at else Q(closed__isnull=True)
    plans = list(
        Plan.objects.filter(running, board__in=boards, kind=PlanKind.BUSINESS)
        .select_related("board")
        .order_by("board__name", "name")
    )
    ids = [plan.pk for plan in plans]
    cycles = UpdateCycle.objects.current_by_plan(ids, day)
    actions = Action.objects.filter(plan__in=ids)
    actions = actions.as_at(as_at) if as_at else actions.now()
    themes = actions.rag_by_theme("rag_then")
    overdue = counts_by_plan(actions.overdue_then(day))
    updated = Update.objects.current().filter(
        action=OuterRef("pk"), cycle__in=[cycle.pk for cycle in cycles.values()]
    )
    if as_at:
        updated = updated.filter(created__lt=end_of(as_at))
    not_updated = counts_by_plan(actions.filter(plan__in=cycles).exclude(Exists(updated)))
    panels = []
    for plan in plans:
        rows = [row for row in themes if row["plan_id"] == plan.pk]
        panels.append(
            PlanPanel(
                plan,
                day,
                cycles.get(plan.pk),
                rows,
                overdue.get(plan.pk, 0),
                not_updated.get(plan.pk, 0),
                {rag: sum(row["counts"][rag] for row in rows) for rag in ORDER},
                stacked_bars([(row["theme"], row["counts"]) for row in rows]),
            )
        )
    return panels


def latest_audit(boards, today, as_at=None):
    """The boards' latest Section 11 cycle with results, and its compliance report: a cycle that has
    just opened counts nothing yet, so the dashboard shows the last one with returns counted (or the
    latest cycle, if none has any). None if the boards have no cycle. As at a date: the cycles opened
    by then, counting only the returns submitted by then."""
    cycles = (
        AuditCycle.objects.filter(boards__in=boards)
        .select_related("framework", "previous")
        .order_by("-opens")
    )
    counted = Submission.objects.filter(cycle=OuterRef("pk"), status__in=COUNTED)
    if as_at:
        cycles = cycles.filter(opens__lte=as_at)
        counted = counted.filter(submitted__lt=end_of(as_at))
    cycle = cycles.filter(Exists(counted)).first() or cycles.first()
    if cycle is None:
        return None
    # the headline: standards and responses, year on year
    report = summary(cycle, as_at=as_at) if as_at else summary(cycle)
    expected = AuditCycle.expected.through.objects.filter(auditcycle=cycle).count()
    return {"cycle": cycle, "report": report, "expected": expected, "as_at": as_at or today}


def recent_series(indicators, latest, years=3):
    """{indicator id: its figures of the last few years up to `latest` (the date the panel is as
    at: no later figure is drawn), oldest first}, in one query."""
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


def scorecards(boards, as_at=None):
    """Per board, its scorecard as at `as_at` or else at the latest date its figures are complete
    (a few figures for a later date do not move it): how many indicators are red, and declining."""
    panels = []
    for board in boards:
        indicators = board.indicators.filter(on_scorecard=True, status=Status.ACTIVE)
        latest = as_at or complete_as_at(indicators)
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
                "complete": as_at is None,  # the default date: the latest complete one
                "count": len(rows),
                "red": [row for row in rows if row.rag == Rag.RED],
                "declining": [row for row in rows if row.trend == Trend.DECLINING],
            }
        )
    return panels


def status_then(day):
    """A review's status at the end of `day`: its latest status change on or before it (None if it
    was not yet recorded then)."""
    changes = StatusChange.objects.filter(review=OuterRef("pk"), on__lte=day).order_by(
        "-on", "-recorded", "-pk"
    )
    return Subquery(changes.values("status")[:1])


def reviews_as_at(reviews, day):
    """`reviews` as they stood at `day`: those recorded by then, each with its status then (shown in
    place of today's: these objects are only read, never saved) and its action plan's actions that
    existed then and were not done then as `outstanding`. One query more than today's."""
    reviews = list(reviews)
    outstanding = dict(
        Action.objects.filter(plan__in=[r.plan_id for r in reviews if r.plan_id])
        .as_at(day)
        .exclude(rag_then__in=DONE)
        .values_list("plan")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for review in reviews:
        review.status = review.status_then
        review.outstanding = outstanding.get(review.plan_id, 0)
    return reviews


def clock_states_at(review, day):
    """The review's clocks as they stood at `day`: those started by then, met only if met by then."""
    states = []
    for clock in review.clocks():
        if clock.started and clock.started > day:
            continue
        if clock.done and clock.done > day:
            clock = replace(clock, done=None)
        state = clock.state(day)
        states.append((clock, state, STATE_TAGS[state]))
    return states


FINISHED = [ReviewStatus.PUBLISHED, ReviewStatus.CLOSED]


def reviews_in_progress(user, today, as_at=None):
    """Case reviews the user may read that are not yet published (at `as_at`, or today), with their
    clocks and the action plan's outstanding actions (agency leads see none: review_boards leaves
    them out)."""
    reviews = CaseReview.objects.visible_to(user).select_related("board")
    if as_at:
        reviews = reviews.annotate(status_then=status_then(as_at)).filter(status_then__isnull=False)
        reviews = reviews_as_at(
            reviews.exclude(status_then__in=FINISHED).order_by("notification_due", "pk"), as_at
        )
        return [(review, clock_states_at(review, as_at)) for review in reviews]
    reviews = reviews.exclude(status__in=FINISHED).with_counts().order_by("notification_due", "pk")
    return [
        (review, [(clock, state, STATE_TAGS[state]) for clock, state in review.clock_states(today)])
        for review in reviews
    ]


def published_with_actions(user, as_at=None):
    """Published reviews (by `as_at`, or today) whose action plan still has outstanding actions."""
    reviews = CaseReview.objects.visible_to(user)
    if as_at:
        reviews = reviews.annotate(status_then=status_then(as_at)).filter(status_then__in=FINISHED)
        reviews = reviews_as_at(reviews.order_by("-publication_date", "pk"), as_at)
        return [review for review in reviews if review.outstanding]
    return list(
        reviews.filter(status__in=FINISHED)
        .with_counts()
        .filter(outstanding__gt=0)
        .order_by("-publication_date", "pk")
    )


def chaired_actions(user):
    """The actions of running plans owned by the groups the user chairs."""
    return Action.objects.visible_to(user).owned_by_chair(user).filter(plan__closed__isnull=True)


def chair_actions(user, today):
    """Actions of the groups the user chairs not yet updated in their plan's current cycle."""
    if not Subgroup.objects.chaired_by(user).exists():
        return []  # most people chair nothing: one small query instead of three
    actions = chaired_actions(user)
    cycles = UpdateCycle.objects.current_by_plan(actions.values("plan"), today)
    updated = Update.objects.current().filter(action=OuterRef("pk"), cycle__in=cycles.values())
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


def information_asked(user):
    """The lead's agency's information asked for rapid reviews and not yet returned, soonest due
    first (reviews/incidents.py)."""
    if not user.agency_id:
        return []
    asked = InformationRequest.objects.visible_to(user).filter(agency=user.agency_id).open()
    return list(asked.select_related("review__board", "agency").order_by("due", "pk"))


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


def as_at_choices(boards, asked=None):
    """The dates a reader may pick: the boards' scorecard period ends, latest first (and the date
    asked for, if it is not one of them)."""
    days = list(
        Measurement.objects.filter(
            indicator__board__in=boards,
            indicator__on_scorecard=True,
            indicator__status=Status.ACTIVE,
        )
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .distinct()[:CHOICES_LIMIT]
    )
    if asked and asked not in days:
        days = sorted([*days, asked], reverse=True)
    return days


def for_user(user, today, as_at=None):
    """The panels of the user's home page, by what they do: the board's figures as at `as_at` if
    the reader asked for a date, else each as at its default (see the module's docstring)."""
    memberships = list(user.board_memberships.select_related("board"))
    readers = list(
        {m.board: None for m in memberships if m.role in (Role.OFFICE, Role.CHAIR, Role.MEMBER)}
    )  # once each, whatever roles the person holds there
    managed = list(Board.objects.managed_by(user).order_by("name"))
    roles = {m.role for m in memberships}
    waiting = chair_actions(user, today)
    chaired = bool(waiting) or Subgroup.objects.chaired_by(user).exists()
    return {
        "today": today,
        "as_at": as_at,
        "memberships": memberships,
        "managed": managed,
        "as_at_choices": as_at_choices(readers, as_at) if readers else [],
        "plans": plan_panels(readers, today, as_at) if readers else [],
        "audit": latest_audit(readers, today, as_at) if readers else None,
        "scorecards": scorecards(readers, as_at),
        "reviews": reviews_in_progress(user, today, as_at),
        "review_actions": published_with_actions(user, as_at),
        "chaired": chaired,
        "chair_actions": waiting,
        "chair_overdue": chaired_actions(user).overdue(today).count() if chaired else 0,
        "returns": agency_returns(user, today) if Role.AGENCY_LEAD in roles else None,
        "information": information_asked(user) if Role.AGENCY_LEAD in roles else [],
        "chase": chase_list(managed, today) if managed else None,
    }
