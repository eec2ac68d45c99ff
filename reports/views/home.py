from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from actions.models import Action
from boards.models import Board, Invitation, Role
from core.as_at import from_query
from core.rag import ORDER
from subgroups.models import SubgroupMembership

from .. import dashboard, glance, home_cache


@login_required
def home(request):
    """Each person's own things: first what their role asks (big numbers, each a link to its list),
    then the detail: what is theirs to do, the board's figures, their boards, groups and agency.
    Built once while the data stays the same (reports.home_cache); the rest is read live."""
    user = request.user
    as_at, as_at_error = from_query(request.GET)  # a bad date: said so, and the default shown
    today = timezone.localdate()
    parts = home_cache.page(user, today, as_at, lambda: build(user, today, as_at))
    return render(
        request,
        "reports/home.html",
        {
            **parts,
            # answered in place (no audit trail to stamp) and open only until they expire: live
            "invitations": Invitation.objects.open().filter(user=user).select_related("board"),
            "as_at_error": as_at_error,
        },
        status=400 if as_at_error else 200,
    )


def build(user, today, as_at):
    """The parts of the user's page that the cache keeps: rendered, and what the as-at form needs."""
    dash = dashboard.for_user(user, today, as_at)
    roles = {}
    for membership in dash["memberships"]:
        roles.setdefault(membership.board_id, []).append(membership.get_role_display())
    context = {
        "user": user,
        "dash": dash,
        "glance": glance.groups(dash),
        "boards": [
            (board, roles.get(board.pk, []))
            for board in Board.objects.visible_to(user).order_by("name")
        ],
        "groups": SubgroupMembership.objects.filter(user=user)
        .select_related("subgroup__board")
        .order_by("subgroup__name"),
        "agency": user.agency,
        "is_agency_lead": any(m.role == Role.AGENCY_LEAD for m in dash["memberships"]),
        "managed": dash["managed"],
        "own_actions": Action.objects.visible_to(user).owned_by(user).count(),
        "rags": ORDER,
    }
    return {
        "agency_name": user.agency.name if user.agency_id else "",
        "dash": {"as_at": as_at, "as_at_choices": dash["as_at_choices"]},
        "has_figures": bool(dash["plans"] or dash["scorecards"] or dash["audit"]),
        "glance_html": render_to_string("reports/_home_glance.html", context),
        "todo_html": render_to_string("reports/_home_todo.html", context),
        "figures_html": render_to_string("reports/_home_figures.html", context),
        "about_html": render_to_string("reports/_home_about.html", context),
    }
