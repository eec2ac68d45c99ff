"""The office's decision on many returns at once: each return goes through submitting.review, the
function that decides one, after the same checks as one at a time, in one transaction: all or none."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import SubmissionStatus
from .submitting import review


class NotAwaiting(Exception):
    """Some chosen returns are no longer waiting for a decision (decided meanwhile, or never
    submitted): nothing was changed."""

    def __init__(self, submissions):
        self.submissions = submissions
        super().__init__(", ".join(str(s) for s in submissions))


@transaction.atomic
def decide(submissions, *, user, accept, comment=""):
    """Accept every return of `submissions` (a queryset the caller has scoped to what `user` may
    see), or return each for changes with `comment`. Raises NotAwaiting or PermissionDenied and
    changes nothing if any return may not be decided. A fixed few queries, then review()'s own per
    return: 400 returns cost no lookups of their own."""
    chosen = list(
        submissions.select_for_update(of=("self",))
        .select_related("agency", "cycle__plan")
        .order_by("agency__name", "pk")
    )
    # One cycle object per cycle: the first accepted return may make its plan, the rest then use it.
    cycles = {}
    for submission in chosen:
        submission.cycle = cycles.setdefault(submission.cycle_id, submission.cycle)
    late = [s for s in chosen if s.status != SubmissionStatus.SUBMITTED]
    if late:
        raise NotAwaiting(late)
    # The one-at-a-time permission, asked once per cycle: with every return submitted, what it asks
    # of a return is asked of its cycle (the cycle's office).
    checked = set()
    for submission in chosen:
        if submission.cycle_id not in checked:
            if not user.has_perm("audits.review_submission", submission):
                raise PermissionDenied
            checked.add(submission.cycle_id)
    for submission in chosen:
        review(submission, user=user, accept=accept, comment=comment)
    return chosen
