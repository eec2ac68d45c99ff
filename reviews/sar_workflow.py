"""A safeguarding adults review's steps: the referral recorded (a case review of kind `sar` with its
details), the section 44 decision (which moves the review to Decision), the quality markers checklist
saved, and the rule that a SAR proceeds past its decision only when the review is mandatory or
discretionary (`status_problem`, asked by the status form)."""

from django.db import transaction

from . import workflow
from .models import CaseReview, ReviewKind, Status, StatusChange
from .sar import MarkerAssessment, S44Decision, quality_markers

# Statuses a SAR reaches only after a section 44 decision that it goes ahead.
AFTER_DECISION = (
    Status.COMMISSIONED,
    Status.IN_PROGRESS,
    Status.DRAFT_REPORT,
    Status.PUBLISHED,
)


def is_sar(review):
    return review.kind == ReviewKind.SAR


def offers(review, status):
    """Whether the status form offers `status` for `review`: a SAR has no rapid review (that is the
    children's national panel's step)."""
    return not (is_sar(review) and status == Status.RAPID_REVIEW)


def status_problem(review, status):
    """Why `review` may not move to `status`, or None: a SAR goes on to be commissioned, written and
    published only once its section 44 decision says it is mandatory or discretionary."""
    if not is_sar(review) or status not in AFTER_DECISION:
        return None
    details = getattr(review, "sar", None)  # None: no referral recorded
    decision = details.decision if details else ""
    if not decision:
        return "Record the section 44 decision first: a safeguarding adults review goes ahead only once the board has decided it is mandatory or discretionary"
    if decision == S44Decision.NOT_MET:
        return "The section 44 decision is that the criteria are not met: the review does not go ahead. Close it, or record a new decision"
    return None


@transaction.atomic
def record_referral(review, details, *, user):
    """A new SAR: `review` (kind `sar`, status Notified) and its `details`, with the referral."""
    review.kind, review.status = ReviewKind.SAR, Status.NOTIFIED
    review._history_user = user
    review.save()
    details.review = review
    details._history_user = user
    details.save()
    StatusChange.objects.create(
        review=review,
        status=review.status,
        kind=review.kind,
        on=details.referral_date,
        note=f"Referral received from {details.referrer}",
        by=user,
    )
    return review


@transaction.atomic
def decide(details, *, user):
    """Save the section 44 decision of `details` (already set on it): the review takes its date as
    its decision date, and a review still at referral moves to Decision."""
    details._history_user = user
    details.save()
    review = details.review
    if review.decision_date != details.decided_on:
        review.decision_date = details.decided_on
        review._history_user = user
        review.save(update_fields=["decision_date"])
    note = f"Section 44 decision: {details.get_decision_display()}"
    if review.status == Status.NOTIFIED:
        workflow.move(review, Status.DECISION, user=user, on=details.decided_on, note=note)
    return details


@transaction.atomic
def save_markers(details, ratings, *, user):
    """`ratings`: {marker number: (rating, note)}. Each marker's assessment is created or changed
    only when it differs, with its author in the audit trail."""
    existing = {m.marker: m for m in details.markers.all()}
    numbers = {m["number"] for m in quality_markers()["markers"]}
    for number, (rating, note) in ratings.items():
        if number not in numbers:
            continue
        assessment = existing.get(number) or MarkerAssessment(sar=details, marker=number)
        if assessment.pk and (assessment.rating, assessment.note) == (rating, note):
            continue
        if not assessment.pk and not rating and not note:
            continue
        assessment.rating, assessment.note = rating, note
        assessment._history_user = user
        assessment.save()


def marker_rows(details):
    """Every marker of the data file with its assessment for `details` (None when not marked)."""
    done = {m.marker: m for m in details.markers.all()} if details else {}
    return [(marker, done.get(marker["number"])) for marker in quality_markers()["markers"]]


def sars_of(board):
    return CaseReview.objects.filter(board=board, kind=ReviewKind.SAR)
