"""Who may do what with the good practice catalogue (imported by audits/rules.py). Who sees an example
at all is GoodPractice.objects.visible_to."""

import rules

from boards.models import BoardMembership
from boards.rules import is_admin, is_board_office

from .good_practice import OPEN_TO_SUBMITTER, GoodPracticeStatus


@rules.predicate
def is_board_person(user, board):
    """Anyone with a place at the board itself: office staff, its chair, members, agency leads."""
    if board is None or not user.is_authenticated:
        return False
    return BoardMembership.objects.filter(user=user, board=board).exists()


@rules.predicate
def is_submitter(user, example):
    return example is not None and user.is_authenticated and example.submitted_by_id == user.pk


@rules.predicate
def open_to_submitter(user, example):
    return example.status in OPEN_TO_SUBMITTER


@rules.predicate
def waiting(user, example):
    return example.status == GoodPracticeStatus.SUBMITTED


@rules.predicate
def not_withdrawn(user, example):
    return example.status != GoodPracticeStatus.WITHDRAWN


rules.add_perm("audits.add_good_practice", is_admin | is_board_person)
# The submitter changes their example until it is published (a returned one is then resubmitted); the
# office may tidy any example it has not withdrawn.
rules.add_perm(
    "audits.change_good_practice",
    (is_submitter & open_to_submitter) | ((is_admin | is_board_office) & not_withdrawn),
)
rules.add_perm("audits.decide_good_practice", (is_admin | is_board_office) & waiting)
rules.add_perm(
    "audits.withdraw_good_practice",
    (is_submitter & open_to_submitter) | ((is_admin | is_board_office) & not_withdrawn),
)
