"""Who is told: the people of a board in a role (active, with an email address)."""

from django.contrib.auth import get_user_model

from boards.models import BOARD_MEMBER_ROLES, Role


def board_people(boards, roles, *, agencies=None):
    """People holding one of `roles` at any of `boards` (of `agencies`, when given)."""
    people = get_user_model().objects.filter(
        is_active=True, board_memberships__board__in=boards, board_memberships__role__in=roles
    )
    if agencies is not None:
        people = people.filter(agency__in=agencies)
    return people.distinct().order_by("pk")


def office_of(boards):
    return board_people(boards, [Role.OFFICE])


def leads_of(agencies, boards):
    """The safeguarding leads of `agencies` at `boards`."""
    return board_people(boards, [Role.AGENCY_LEAD], agencies=agencies)


def members_of(boards):
    """The board's members and its chair (of whichever kind the board is)."""
    return board_people(boards, BOARD_MEMBER_ROLES)
