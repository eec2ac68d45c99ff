from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from actions.models import Action
from boards.models import Board, Invitation, Role
from core.as_at import from_query
from core.rag import ORDER
from subgroups.models import SubgroupMembership

from .. import dashboard


@login_required
def home(request):
    """Each person's own things: their boards and roles, the groups they chair or sit on, their agency."""
    user = request.user
    as_at, as_at_error = from_query(request.GET)  # a bad date: said so, and the default shown
    roles = {}
    for membership in user.board_memberships.all():
        roles.setdefault(membership.board_id, []).append(membership.get_role_display())
    boards = [
        (board, roles.get(board.pk, []))
        for board in Board.objects.visible_to(user).order_by("name")
    ]
    groups = (
        SubgroupMembership.objects.filter(user=user)
        .select_related("subgroup__board")
        .order_by("subgroup__name")
    )
    return render(
        request,
        "reports/home.html",
        {
            "boards": boards,
            "invitations": Invitation.objects.open().filter(user=user).select_related("board"),
            "groups": groups,
            "agency": user.agency,
            "is_agency_lead": user.board_memberships.filter(role=Role.AGENCY_LEAD).exists(),
            "managed": Board.objects.managed_by(user).order_by("name"),
            "own_actions": Action.objects.visible_to(user).owned_by(user).count(),
            "dash": dashboard.for_user(user, timezone.localdate(), as_at),
            "as_at_error": as_at_error,
            "rags": ORDER,
        },
        status=400 if as_at_error else 200,
    )
