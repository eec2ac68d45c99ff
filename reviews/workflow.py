"""A review's moves: from status to status (who moved it, when), re-categorisation to another kind
(its history kept), and its action plan (a Plan of the actions app, kind "case review action plan")."""

from django.db import transaction
from django.utils import timezone

from actions.models import Plan, PlanKind

from .models import STATUS_ORDER, StatusChange

# Entering a status records its key date, when the review does not have it yet.
STAMPS = {
    "rapid_review": "notified_date",  # the panel has been notified: the rapid review clock starts
    "decision": "rapid_review_date",  # the rapid review is complete; the decision is next
    "commissioned": "decision_date",
    "published": "publication_date",
}


def is_backwards(review, status):
    return STATUS_ORDER.index(status) < STATUS_ORDER.index(review.status)


@transaction.atomic
def record_creation(review, *, user, on=None):
    """The first entry of a new review's history."""
    return StatusChange.objects.create(
        review=review,
        status=review.status,
        kind=review.kind,
        on=on or timezone.localdate(),
        note="Review recorded",
        by=user,
    )


@transaction.atomic
def move(review, status, *, user, on, note=""):
    """Move `review` to `status` on the day `on`; a key date the status stands for is filled in."""
    change = StatusChange(
        review=review,
        previous_status=review.status,
        status=status,
        kind=review.kind,
        on=on,
        note=note,
        by=user,
    )
    review.status = status
    field = STAMPS.get(status)
    if field and getattr(review, field) is None:
        setattr(review, field, on)
    review._history_user = user
    review.save()
    change.save()
    return change


@transaction.atomic
def recategorise(review, kind, *, user, on, note):
    """Change the review's kind; the change and its reason stay in the review's history."""
    change = StatusChange(
        review=review,
        previous_status=review.status,
        status=review.status,
        previous_kind=review.kind,
        kind=kind,
        on=on,
        note=note,
        by=user,
    )
    review.kind = kind
    review._history_user = user
    review.save()
    change.save()
    return change


def plan_name(review):
    return f"{review.reference} action plan"


@transaction.atomic
def open_plan(review, *, user):
    """The review's action plan, created the first time: its actions are kept by the actions app."""
    if review.plan_id:
        return review.plan
    name, n = plan_name(review), 1
    while Plan.objects.filter(board=review.board, name=name).exists():
        n += 1
        name = f"{plan_name(review)} ({n})"
    plan = Plan(
        board=review.board,
        name=name,
        kind=PlanKind.REVIEW,
        description=f"Actions from the {review.get_kind_display().lower()} of {review.reference}.",
    )
    plan._history_user = user
    plan.save()
    review.plan = plan
    review._history_user = user
    review.save(update_fields=["plan"])
    return plan
