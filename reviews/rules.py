"""Who may do what with case reviews. `review_boards` (models.py) decides who sees them at all
(404 otherwise): the board's office staff, chair and members, and its case review group. These
predicates decide who changes them (403 otherwise)."""

import rules

from boards.rules import board_of, is_admin, is_board_office

from .models import ReviewSettings, review_boards


@rules.predicate
def in_case_review_group(user, obj):
    """A member (any role) of the case review group of the board of `obj` (a board or a review)."""
    if obj is None or not user.is_authenticated:
        return False
    return ReviewSettings.objects.filter(
        board=board_of(obj), case_review_group__memberships__user=user
    ).exists()


@rules.predicate
def reads_reviews(user, obj):
    """Reads the case reviews of the board of `obj` (a board or a review): see `review_boards`."""
    if obj is None or not user.is_authenticated:
        return False
    return review_boards(user).filter(pk=board_of(obj).pk).exists()


rules.add_perm("reviews.read_review", reads_reviews)
rules.add_perm("reviews.edit_review", is_admin | is_board_office | in_case_review_group)
rules.add_perm("reviews.manage_settings", is_admin | is_board_office)

from . import incident_rules  # noqa: E402, F401
