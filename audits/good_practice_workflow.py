"""An example of good practice from sending in to publishing: saved (a returned example the submitter
changes goes back for approval), published or returned by the office, withdrawn. Each step tells the
people it concerns (notifications.notifying.notify)."""

from django.db import transaction
from django.utils import timezone

from notifications.models import Event
from notifications.notifying import notify
from notifications.recipients import office_of

from .good_practice import GoodPractice, GoodPracticeStatus


class AlreadyDecided(Exception):
    """Someone else decided or withdrew the example meanwhile: nothing was changed."""


def locked(example, statuses):
    """The example's row, locked; AlreadyDecided unless it is still in one of `statuses`."""
    current = GoodPractice.objects.select_for_update().get(pk=example.pk)
    if current.status not in statuses:
        raise AlreadyDecided
    return current


@transaction.atomic
def save_example(form, *, user):
    """Save the form's example as `user`. A new example, or a returned one its submitter changed, goes
    to the office for approval (and the office is told)."""
    example = form.save(commit=False)
    new = example.pk is None
    resubmitted = (
        not new
        and example.status == GoodPracticeStatus.RETURNED
        and example.submitted_by_id == user.pk
    )
    if new:
        example.submitted_by = user
    if new or resubmitted:
        example.status = GoodPracticeStatus.SUBMITTED
        example.submitted = timezone.now()
    example._history_user = user
    example.save()
    form.save_m2m()
    if new or resubmitted:
        tell_office(example, user=user, again=resubmitted)
    return example


def tell_office(example, *, user, again):
    board = example.board
    notify(
        office_of([board]),
        Event.GOOD_PRACTICE_SUBMITTED,
        f"Good practice to approve: {example.title}",
        f"{example.agency.name} {'changed and sent again' if again else 'sent'} an example of good "
        f"practice for {board.short_name}'s catalogue: “{example.title}”. Publish it, or return it "
        "with what needs changing.",
        example.get_absolute_url(),
        actor=user,
    )


@transaction.atomic
def decide(example, *, user, publish, comment=""):
    """Publish a waiting example in the catalogue, or return it to its submitter with a comment."""
    example = locked(example, [GoodPracticeStatus.SUBMITTED])
    example.status = GoodPracticeStatus.PUBLISHED if publish else GoodPracticeStatus.RETURNED
    example.office_comment = comment.strip()
    if publish:
        example.published = timezone.localdate()
    example._history_user = user
    example.save()
    tell_submitter(example, user=user, publish=publish)
    return example


def tell_submitter(example, *, user, publish):
    if example.submitted_by is None:
        return
    board = example.board.short_name
    if publish:
        subject = f"Your good practice example is published: {example.title}"
        body = f"The {board} office published “{example.title}” in the good practice catalogue."
        if example.office_comment:
            body += f"\n\nTheir comments:\n{example.office_comment}"
    else:
        subject = f"Your good practice example was returned for changes: {example.title}"
        body = (
            f"The {board} office returned “{example.title}” for changes. Why:\n"
            f"{example.office_comment}\n\nMake the changes, then send it for approval again."
        )
    notify(
        [example.submitted_by],
        Event.GOOD_PRACTICE_PUBLISHED if publish else Event.GOOD_PRACTICE_RETURNED,
        subject,
        body,
        example.get_absolute_url(),
        actor=user,
    )


@transaction.atomic
def withdraw(example, *, user, reason):
    """Take the example out of the catalogue (or out of the office's queue) for good; why is kept in
    the audit trail."""
    example = locked(example, [s for s in GoodPracticeStatus if s != GoodPracticeStatus.WITHDRAWN])
    example.status = GoodPracticeStatus.WITHDRAWN
    example._history_user = user
    example._change_reason = reason[:100]
    example.save()
    return example
