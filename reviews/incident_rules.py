"""Who may do what in the serious incident pipeline (reviews/incidents.py). Who sees an agency's
request at all is `InformationRequest.objects.visible_to` (404 otherwise): the office, the case review
group and that agency's leads. These predicates decide who changes what (403 otherwise)."""

import rules

from boards.models import BoardMembership, Role
from boards.rules import is_admin, is_board_office

from .rules import in_case_review_group


@rules.predicate
def leads_the_agency(user, request):
    """A safeguarding lead, at the review's board, of the agency the request asks."""
    if request is None or not user.is_authenticated or user.agency_id != request.agency_id:
        return False
    return BoardMembership.objects.filter(
        user=user, board=request.board, role=Role.AGENCY_LEAD
    ).exists()


@rules.predicate
def rapid_review_running(user, request):
    """The review's rapid review is not yet done: once it is, the returns it was made from stand as
    they were."""
    return request is not None and request.review.rapid_review_date is None


# Asking agencies, changing a due date, recording the panel's response and the decision, and the
# monitoring page: the office and the case review group, as for the rest of a case review.
runs_incidents = is_admin | is_board_office | in_case_review_group
rules.add_perm("reviews.run_incident", runs_incidents)
rules.add_perm("reviews.submit_information", leads_the_agency & rapid_review_running)
