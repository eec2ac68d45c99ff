"""Changing a board's kind from a date, as LSCBs became safeguarding children partnerships in 2019.

The board keeps its records and its history (simple-history records the change and who made it). Its
years before the date keep the old kind: `Board.kind_on` reads it, so a 2016-17 annual report and its
published versions stay an LSCB's. People whose role the new kind also has (boards/roles.py,
`ROLE_IN_NEW_KIND`) are given it; the others keep their role and are listed for the office to give
them one the new kind offers."""

from dataclasses import dataclass, field

from django.db import transaction

from .models import ROLES_BY_KIND, BoardKind, BoardMembership
from .roles import KIND_CHANGES, ROLE_IN_NEW_KIND


def can_change(board):
    """The kinds `board` may become (none when it is not a legacy LSCB)."""
    return KIND_CHANGES.get(BoardKind(board.kind), ())


@dataclass
class Change:
    """What changing `board` to `kind` from `day` does, listed before it is done."""

    board: object
    kind: BoardKind
    day: object
    mapped: list = field(default_factory=list)  # [(membership, new role)]
    to_reassign: list = field(default_factory=list)  # memberships whose role the kind lacks
    reports_kept: list = field(default_factory=list)  # years ending before the day: old kind
    reports_changed: list = field(default_factory=list)  # years ending on or after it: new kind

    @property
    def old_kind(self):
        return BoardKind(self.board.kind)


def plan(board, kind, day):
    """The change, listed: who is given which role, who is to be reassigned, which years' reports
    keep the old kind. Nothing is saved."""
    change = Change(board=board, kind=BoardKind(kind), day=day)
    offered = ROLES_BY_KIND[change.kind]
    mapping = ROLE_IN_NEW_KIND.get(change.kind, {})
    memberships = board.memberships.select_related("user").order_by("user__name", "role")
    for membership in memberships:
        if membership.role in offered:
            continue
        if membership.role in mapping:
            change.mapped.append((membership, mapping[membership.role]))
        else:
            change.to_reassign.append(membership)
    # The reports app's annual reports, through the reverse relation (boards imports no app above).
    for report in board.annual_reports.order_by("period_end"):
        kept = report.period_end < day
        (change.reports_kept if kept else change.reports_changed).append(report)
    return change


@transaction.atomic
def apply(change, user):
    """Do the change listed by `plan`, as `user` (recorded in the board's and roles' history)."""
    board = change.board
    board.previous_kind = board.kind
    board.kind = change.kind
    board.kind_from = change.day
    board._history_user = user
    board.save()
    for membership, role in change.mapped:
        held = BoardMembership.objects.filter(user=membership.user, board=board, role=role)
        membership._history_user = user
        if held.exists():  # already has the new role: the old one goes
            membership.delete()
        else:
            membership.role = role
            membership.save()
    return board
