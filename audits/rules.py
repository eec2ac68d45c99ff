import rules

from boards.models import Board, BoardMembership, Role
from boards.rules import is_admin, is_office_anywhere

from .models import Criterion, Standard, SubmissionStatus


@rules.predicate
def is_cycle_office(user, obj):
    """Office staff of a board the cycle (or the submission's cycle) serves."""
    if obj is None or not user.is_authenticated:
        return False
    cycle = getattr(obj, "cycle", obj)
    return cycle.boards.filter(pk__in=Board.objects.managed_by(user)).exists()


@rules.predicate
def leads_the_agency(user, submission):
    """The safeguarding lead of the submission's agency at one of the cycle's boards."""
    if submission is None or not user.is_authenticated or user.agency_id != submission.agency_id:
        return False
    return BoardMembership.objects.filter(
        user=user, role=Role.AGENCY_LEAD, board__in=submission.cycle.boards.all()
    ).exists()


@rules.predicate
def can_start(user, cycle):
    """An agency lead whose agency the cycle expects, while it is open."""
    if cycle is None or not user.is_authenticated or not user.agency_id or not cycle.is_open():
        return False
    lead = BoardMembership.objects.filter(
        user=user, role=Role.AGENCY_LEAD, board__in=cycle.boards.all()
    )
    return lead.exists() and cycle.expected.filter(pk=user.agency_id).exists()


@rules.predicate
def open_for_changes(user, submission):
    """A draft while the cycle takes returns; or a return the office sent back (even after it closed)."""
    if submission.status == SubmissionStatus.RETURNED:
        return True
    return submission.editable and submission.cycle.is_open()


@rules.predicate
def awaiting_review(user, submission):
    return submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


rules.add_perm("audits.add_cycle", is_admin | is_office_anywhere)
rules.add_perm("audits.manage_cycle", is_admin | is_cycle_office)
rules.add_perm("audits.start_submission", can_start)


@rules.predicate
def in_draft(user, submission):
    return submission.editable


# Once submitted, a return changes only after the office returns it: nobody rewrites a submitted return.
rules.add_perm(
    "audits.edit_submission", (leads_the_agency & open_for_changes) | (is_cycle_office & in_draft)
)
rules.add_perm("audits.moderate_submission", (is_admin | is_cycle_office) & awaiting_review)
rules.add_perm("audits.review_submission", (is_admin | is_cycle_office) & awaiting_review)
# The list of the returns of the cycles an office runs, where it decides them in bulk.
rules.add_perm("audits.review_returns", is_admin | is_office_anywhere)


def framework_of(obj):
    if isinstance(obj, Criterion):
        return obj.standard.framework
    return obj.framework if isinstance(obj, Standard) else obj


@rules.predicate
def not_in_use(user, obj):
    """A framework (or its standard or criterion) no cycle uses yet: once used, it is fixed."""
    return obj is not None and not framework_of(obj).cycles.exists()


@rules.predicate
def is_framework_office(user, obj):
    """Office staff of the board owning the framework (of the standard or criterion). The library
    (no board) has no office: system administrators edit it."""
    if obj is None or not user.is_authenticated:
        return False
    framework = framework_of(obj)
    if framework.board_id is None:
        return False
    return Board.objects.managed_by(user).filter(pk=framework.board_id).exists()


rules.add_perm("audits.add_framework", is_admin | is_office_anywhere)
# Any office copies what it may read (the library, frameworks shared with it) into its own board.
rules.add_perm("audits.copy_framework", is_admin | is_office_anywhere)
rules.add_perm("audits.change_framework", (is_admin | is_framework_office) & not_in_use)
# New versions and sharing stay with the owner, in use or not.
rules.add_perm("audits.version_framework", is_admin | is_framework_office)
rules.add_perm("audits.share_framework", is_framework_office)


# The good practice catalogue's and the quality audits' permissions.
from . import good_practice_rules, quality_rules  # noqa: E402, F401
