"""A board's page, with the agencies represented at it (and a link to all its partners), its links
and subgroup tree; its office edits the board's details."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.access import require_perm, visible_or_404
from core.pages import form_page

from ..forms import BoardForm
from ..models import Board, BoardKind, BoardLink


def managed_board(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", board)
    return board


@login_required
def board_detail(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
    # The agencies at the board itself; the whole list of partners (hundreds) has its own page.
    represented = board.partners.filter(represented=True).select_related("agency")
    links = BoardLink.objects.filter(board=board).select_related("other").order_by("other__name")
    subgroups = board.subgroups.select_related("chair_agency").order_by("name")
    return render(
        request,
        "boards/board_detail.html",
        {
            "board": board,
            "represented": represented.order_by("agency__name", "agency_id"),
            "partner_count": board.partners.count(),
            "links": links,
            "tree": subgroup_tree(subgroups),
            "can_manage": request.user.has_perm("boards.manage_board", board),
            "can_change_kind": request.user.has_perm("boards.change_kind", board),
            "can_read_scrutiny": board.kind == BoardKind.PARTNERSHIP
            and request.user.has_perm("boards.read_scrutiny", board),
        },
    )


def subgroup_tree(subgroups):
    """[(group, [(child, [...]), ...]), ...] from one flat list, roots first, each level by name."""
    children = {}
    for group in subgroups:
        children.setdefault(group.parent_id, []).append(group)

    def branch(parent_id):
        return [(group, branch(group.pk)) for group in children.get(parent_id, [])]

    return branch(None)


@login_required
def board_edit(request, pk):
    board = managed_board(request, pk)
    form = BoardForm(request.POST or None, instance=board)
    return form_page(
        request,
        form,
        title="Edit the board's details",
        caption=board.name,
        back_url=board.get_absolute_url(),
        done=lambda b: f"{b.name} saved",
    )
