"""Who may do what with boards and agencies. Querysets decide what a user sees at all (404 otherwise);
these predicates decide what they may do with what they see (403 otherwise)."""

import rules

from .models import Board, BoardMembership, Role


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
