"""Who may do what with boards and agencies. Querysets decide what a user sees at all (404 otherwise);
these predicates decide what they may do with what they see (403 otherwise)."""

import rules

from .kind_change import can_change
from .models import (
    BOARD_READER_ROLES,
    PARTNER_ROLES,
    Board,
    BoardMembership,
    Role,
    StatutoryPartner,
)


def board_of(obj):
    """The board an object belongs to: a board itself, or anything with a `board` attribute."""
    return obj if isinstance(obj, Board) else obj.board


@rules.predicate
def is_board_office(user, obj):
    """Office staff of the object's board (a board, or anything with a `board`)."""
    if obj is None or not user.is_authenticated:
        return False
    return BoardMembership.objects.filter(user=user, board=board_of(obj), role=Role.OFFICE).exists()


@rules.predicate
def is_office_anywhere(user):
    return user.is_authenticated and Board.objects.managed_by(user).exists()


is_admin = rules.is_superuser

# Office staff sign in with a second factor (accounts/two_factor.py).
rules.add_rule("accounts.two_factor_required", is_office_anywhere)

rules.add_perm("boards.manage_board", is_admin | is_board_office)


@rules.predicate
def is_board_reader(user, obj):
    """Reads everything of the object's board (boards.models.BOARD_READER_ROLES)."""
    if obj is None or not user.is_authenticated:
        return False
    return BoardMembership.objects.filter(
        user=user, board=board_of(obj), role__in=BOARD_READER_ROLES
    ).exists()


@rules.predicate
def is_scrutineer(user, obj):
    """The independent scrutineer of the object's board."""
    if obj is None or not user.is_authenticated:
        return False
    return BoardMembership.objects.filter(
        user=user, board=board_of(obj), role=Role.SCRUTINEER
    ).exists()


@rules.predicate
def is_addressed_partner(user, finding):
    """The lead or a delegated safeguarding partner of the partner a finding is addressed to."""
    if finding is None or not user.is_authenticated:
        return False
    roles = PARTNER_ROLES[StatutoryPartner(finding.partner)]
    return BoardMembership.objects.filter(
        user=user, board=finding.board_id, role__in=roles
    ).exists()


# The scrutineer records findings (on the board); the partner a finding is addressed to answers it.
# The office neither records nor answers them: scrutiny is independent of the business unit.
rules.add_perm("boards.read_scrutiny", is_admin | is_board_reader)
rules.add_perm("boards.record_scrutiny", is_scrutineer)
rules.add_perm("boards.answer_scrutiny", is_addressed_partner)


@rules.predicate
def may_change_kind(user, board):
    """A legacy LSCB may become a safeguarding children partnership (boards/kind_change.py)."""
    return bool(can_change(board))


# The board's office changes its kind, when its kind may change.
rules.add_perm("boards.change_kind", (is_admin | is_board_office) & may_change_kind)
