"""The board's people read its datasets (the queryset decides that). The office defines them; the
office and the supplying agency's safeguarding lead enter, import and correct their figures."""

import rules

from boards.models import BoardMembership, Role
from boards.rules import is_admin, is_board_office


@rules.predicate
def is_supplying_lead(user, dataset):
    """The safeguarding lead, at the dataset's board, of the agency that supplies it."""
    if dataset is None or not user.is_authenticated or not dataset.agency_id:
        return False
    return (
        user.agency_id == dataset.agency_id
        and BoardMembership.objects.filter(
            user=user, board=dataset.board_id, role=Role.AGENCY_LEAD
        ).exists()
    )


rules.add_perm("datasets.manage", is_admin | is_board_office)
rules.add_perm("datasets.enter_figures", is_admin | is_board_office | is_supplying_lead)
