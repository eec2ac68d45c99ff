"""The agencies' information for a rapid review: asking agencies (their leads are told), an agency's
lead returning it (the office is told), and the daily reminder of returns overdue (their leads are
told, once each: `manage.py check_clocks`); the decision on a practice review, which makes the
review a local child safeguarding practice review when it is one (`decide`)."""

from django.db import transaction
from django.utils import timezone

from core.history import save_as
from notifications.models import Event
from notifications.notifying import notify
from notifications.recipients import leads_of, office_of

from .incidents import Decision, InformationRequest
from .models import ReviewKind
from .workflow import recategorise


def due_words(request):
    return f"{request.due:%-d %B %Y}"


@transaction.atomic
def ask(review, agencies, due, *, user):
    """Ask each of `agencies` for its information for `review`'s rapid review, due on `due`; each
    agency's leads at the review's board are told. Returns the requests made."""
    made = []
    for agency in agencies:
        request = InformationRequest(review=review, agency=agency, due=due, asked_by=user)
        request._history_user = user
        request.save()
        made.append(request)
        notify(
            leads_of([agency], [review.board]),
            Event.INFORMATION_REQUESTED,
            f"{review.reference}: {agency.name}'s information for the rapid review is due "
            f"{due_words(request)}",
            f"{review.board.name} asks {agency.name} for its information for the rapid review "
            f"of {review.reference}: a summary of the agency's chronology, its involvement and its "
            f"initial learning. Return it through the service by {due_words(request)}.",
            request.get_absolute_url(),
            actor=user,
        )
    return made


@transaction.atomic
def submit(request, form, *, user):
    """The lead's return (a valid InformationForm on `request`): the date it first came in is kept;
    the office is told each time it is sent."""
    first = request.submitted_on is None
    request = form.save(commit=False)
    if first:
        request.submitted_on = timezone.localdate()
        request.submitted_by = user
    request._history_user = user
    request.save()
    review = request.review
    notify(
        office_of([review.board]),
        Event.INFORMATION_RETURNED,
        f"{review.reference}: {request.agency.name}'s information for the rapid review "
        f"{'is in' if first else 'was changed'}",
        f"{request.agency.name} {'returned' if first else 'changed'} its information for the "
        f"rapid review of {review.reference} (due {due_words(request)}).",
        request.get_absolute_url(),
        actor=user,
    )
    return request


def remind_overdue(today=None):
    """Tell the leads of each agency whose return is overdue, once per request and due date.
    Returns the notifications made."""
    today = today or timezone.localdate()
    made = []
    overdue = (
        InformationRequest.objects.open()
        .filter(due__lt=today, review__rapid_review_date__isnull=True)
        .select_related("review__board", "agency")
        .order_by("pk")
    )
    for request in overdue:
        review = request.review
        made += notify(
            leads_of([request.agency], [review.board]),
            Event.INFORMATION_OVERDUE,
            f"{review.reference}: {request.agency.name}'s information for the rapid review was "
            f"due {due_words(request)}",
            f"{review.board.name} asked {request.agency.name} for its information for the rapid "
            f"review of {review.reference} by {due_words(request)}, and it has not come in. "
            "Return it through the service as soon as you can.",
            request.get_absolute_url(),
            key=f"information-overdue:{request.pk}:{request.due:%Y-%m-%d}",
        )
    return made


@transaction.atomic
def decide(form, *, user):
    """Save the decision; a decision for a practice review makes the review one (its kind changed
    with the decision's date and reasons in its history), unless it is one already."""
    decision = save_as(form, user)
    review = decision.review
    if decision.decision == Decision.LCSPR and review.kind != ReviewKind.LCSPR:
        note = f"Decided on a practice review: {decision.reasons}"
        recategorise(review, ReviewKind.LCSPR, user=user, on=decision.decided_on, note=note)
    return decision
