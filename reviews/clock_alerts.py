"""Telling the board office of a statutory clock (reviews/clocks.py) due within two working days, or
missed: once each, however often the daily check runs (`manage.py check_clocks`)."""

from django.utils import timezone

from notifications.models import Event
from notifications.notifying import notify
from notifications.recipients import office_of

from .clocks import ClockState, clocks
from .models import CaseReview


def check_clocks(today=None):
    """Tell each board's office staff of its reviews' clocks now due soon or missed. Returns the
    notifications made; a second run the same day (or any later day, for the same state and due
    date) makes none."""
    today = today or timezone.localdate()
    made = []
    reviews = (
        CaseReview.objects.clock_running()
        .filter(pk__in=CaseReview.objects.due_soon(today) | CaseReview.objects.overdue(today))
        .select_related("board", "lcspr_decision")
        .order_by("board", "pk")
    )
    office = {}
    for review in reviews:
        for clock in clocks(review):
            state = clock.state(today)
            if state not in (ClockState.DUE_SOON, ClockState.OVERDUE):
                continue
            if review.board_id not in office:
                office[review.board_id] = list(office_of([review.board]))
            due = f"{clock.due:%-d %B %Y}"
            if state == ClockState.DUE_SOON:
                event = Event.CLOCK_DUE_SOON
                subject = f"{review.reference}: {clock.name.lower()} due {due}"
                body = (
                    f"The statutory clock for the {clock.name.lower()} of {review.reference} "
                    f"({review.board.short_name}) is due on {due}: "
                    f"{clock.days_left(today)} working day(s) from today."
                )
            else:
                event = Event.CLOCK_MISSED
                subject = f"{review.reference}: {clock.name.lower()} was due {due} and is missed"
                body = (
                    f"The statutory clock for the {clock.name.lower()} of {review.reference} "
                    f"({review.board.short_name}) was due on {due} and has not been met. Record "
                    "the date it was met, or the reason, on the review."
                )
            made += notify(
                office[review.board_id],
                event,
                subject,
                body,
                review.get_absolute_url(),
                key=f"clock:{review.pk}:{clock.name}:{clock.due:%Y-%m-%d}:{state}",
            )
    return made
