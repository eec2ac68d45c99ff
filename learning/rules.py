"""Who may do what with the training programme. Querysets decide what a user sees at all (every board
person sees its courses and sessions; bookings by name only the board's office and each agency's lead
for its own staff); these predicates decide what they may do (403 otherwise)."""

import rules

from boards.models import BoardMembership, Role
from boards.rules import board_of, is_admin, is_board_office


@rules.predicate
def is_agency_lead(user, obj):
    """An agency lead of the object's board (a board, course, session or booking)."""
    if obj is None or not user.is_authenticated or not user.agency_id:
        return False
    return BoardMembership.objects.filter(
        user=user, board=board_of(obj), role=Role.AGENCY_LEAD
    ).exists()


@rules.predicate
def leads_its_agency(user, booking):
    """The lead of the booked person's agency."""
    return (
        booking is not None
        and booking.agency_id == user.agency_id
        and is_agency_lead(user, booking)
    )


rules.add_perm("learning.manage_training", is_admin | is_board_office)
rules.add_perm("learning.book", is_admin | is_board_office | is_agency_lead)
rules.add_perm("learning.cancel_booking", is_admin | is_board_office | leads_its_agency)
# The attendee list (names): the office sees everyone, a lead their agency's staff (the queryset).
rules.add_perm("learning.list_attendees", is_admin | is_board_office | is_agency_lead)


# The practitioner survey's rules.
from . import survey_rules  # noqa: E402, F401
