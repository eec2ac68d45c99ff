"""An agency's self-assessment from start to submission."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import Event
from notifications.notifying import notify
from notifications.recipients import leads_of

from .improvement import roll_up
from .models import (
    NEEDS_ACTION,
    AuditCycle,
    Criterion,
    StandardResult,
    Submission,
    SubmissionStatus,
    standard_rating,
)


def start(cycle, agency, user):
    """The agency's submission for the cycle, created on first use. The database allows one."""
    try:
        with transaction.atomic():
            submission, _ = Submission.objects.get_or_create(
                cycle=cycle, agency=agency, defaults={"started_by": user}
            )
    except IntegrityError:  # two leads pressed start at once
        submission = Submission.objects.get(cycle=cycle, agency=agency)
    return submission


def missing_answers(submission):
    """[(criterion, what is missing)] for every criterion not yet answered in full."""
    answers = {a.criterion_id: a for a in submission.answers.all()}
    problems = []
    criteria = Criterion.objects.filter(
        standard__framework=submission.cycle.framework
    ).select_related("standard")
    for criterion in criteria.order_by("standard__number", "number"):
        answer = answers.get(criterion.pk)
        if answer is None or not answer.rating:
            problems.append((criterion, "choose a rating"))
        elif answer.rating in NEEDS_ACTION and not answer.improvement_action.strip():
            problems.append((criterion, "enter an improvement action"))
    return problems


def progress(submission):
    """Per standard: (standard, answered criteria, all criteria)."""
    answered = {}
    for answer in submission.answers.all():
        if answer.rating:
            answered[answer.criterion_id] = True
    return [
        (
            standard,
            sum(1 for c in standard.criteria.all() if c.pk in answered),
            len(standard.criteria.all()),
        )
        for standard in submission.cycle.framework.standards.prefetch_related("criteria")
    ]


def record_results(submission):
    """Work out the return's result per standard (see StandardResult): it counts from now on."""
    by_standard = {}
    for answer in submission.answers.select_related("criterion"):
        by_standard.setdefault(answer.criterion.standard_id, []).append(answer.rating)
    forget_results(submission)  # in submit's transaction: the new token commits with the results
    StandardResult.objects.bulk_create(
        StandardResult(submission=submission, standard_id=standard, rating=standard_rating(ratings))
        for standard, ratings in by_standard.items()
    )


def forget_results(submission):
    """The return no longer counts until it is submitted again; cached summaries are then stale."""
    submission.results.all().delete()
    AuditCycle.objects.filter(pk=submission.cycle_id).results_changed()


@transaction.atomic
def review(submission, *, user, accept, comment):
    """Accept a submitted return, or return it for changes (which reopens it, even after the cycle closed)."""
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.RETURNED
    submission.office_comment = comment
    if not accept:
        forget_results(submission)
    submission._history_user = user
    submission.save()
    if accept:
        roll_up(submission, user)
    tell_leads_of_decision(submission, user=user, accept=accept, comment=comment)


def tell_leads_of_decision(submission, *, user, accept, comment):
    """The agency's leads hear that their return was accepted, or returned and why."""
    cycle, agency = submission.cycle, submission.agency
    if accept:
        subject = f"{cycle.name}: {agency.name}'s return was accepted"
        body = f"The board office accepted {agency.name}'s Section 11 return for {cycle.name}."
        if comment.strip():
            body += f"\n\nTheir comments:\n{comment.strip()}"
    else:
        subject = f"{cycle.name}: {agency.name}'s return was returned for changes"
        body = (
            f"The board office returned {agency.name}'s Section 11 return for {cycle.name} "
            f"for changes. Why:\n{comment.strip()}\n\nMake the changes, then submit it again."
        )
    notify(
        leads_of([agency], cycle.boards.all()),
        Event.RETURN_ACCEPTED if accept else Event.RETURN_RETURNED,
        subject,
        body,
        submission.get_absolute_url(),
        actor=user,
    )


def announce_cycle(cycle, today=None):
    """Once the cycle is open, tell the leads of each agency it expects, once each (an agency added
    later is told when it is added; the daily run of send_audit_reminders tells the leads of cycles
    that open on a later day). Returns the notifications made."""
    today = today or timezone.localdate()
    if not cycle.is_open(today):
        return []
    deadline = f"{cycle.closes:%-d %B %Y}"
    return notify(
        leads_of(cycle.expected.all(), cycle.boards.all()),
        Event.AUDIT_CYCLE_OPENED,
        f"{cycle.name} is open: your agency's Section 11 return is due {deadline}",
        f"{cycle.name} is open for Section 11 returns. Complete and submit your agency's "
        f"self-assessment by {deadline}.",
        cycle.get_absolute_url(),
        key=f"audit-cycle-opened:{cycle.pk}",
    )


@transaction.atomic
def submit(submission, *, user, name, role):
    record_results(submission)
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = user
    submission.submitted = timezone.now()
    submission.signed_off_name, submission.signed_off_role = name, role
    submission._history_user = user
    submission.save()
