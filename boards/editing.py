"""The office's pages for its board's own details, its links with other boards and its partner
agencies: what office staff once did in the Django admin (now for system administrators alone).
Boards themselves are created by system administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from core.access import require_perm, visible_or_404
from core.forms import RemoveForm
from core.pages import form_page

from .forms import BoardForm, BoardLinkForm
from .models import Board, BoardLink, Role


def managed_board(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", board)
    return board


def managed_link(request, pk):
    links = BoardLink.objects.filter(board__in=Board.objects.visible_to(request.user))
    link = get_object_or_404(links.select_related("board", "other"), pk=pk)
    require_perm(request.user, "boards.manage_board", link.board)
    return link


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


@login_required
def link_add(request, pk):
    board = managed_board(request, pk)
    choices = Board.objects.linkable_by(request.user)
    form = BoardLinkForm(request.POST or None, board=board, choices=choices)
    return form_page(
        request,
        form,
        title="Add a link with another board",
        caption=board.name,
        back_url=board.get_absolute_url() + "#links",
        intro="The boards you belong to, and the strategic boards recorded here only as partners. "
        "If the board you need is missing, ask your system administrator to add it.",
        done=lambda link: f"Link with {link.other.name} added",
    )


@login_required
def link_edit(request, pk):
    link = managed_link(request, pk)
    form = BoardLinkForm(request.POST or None, instance=link, board=link.board)
    return form_page(
        request,
        form,
        title=f"Edit the link with {link.other.name}",
        caption=link.board.name,
        back_url=link.get_absolute_url(),
        done=lambda link: f"Link with {link.other.name} saved",
    )


@login_required
def link_remove(request, pk):
    link = managed_link(request, pk)
    form = RemoveForm(request.POST or None)
    if form.is_valid():
        link._history_user = request.user
        link.delete()
        messages.success(request, f"Link with {link.other.name} removed")
        return redirect(link.get_absolute_url())
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Remove the link with {link.other.name}?",
            "caption": link.board.name,
            "back_url": link.get_absolute_url(),
            "intro": "The other board is not changed. The audit trail keeps what the link said.",
        },
    )


@login_required
def agency_remove(request, board_pk, pk):
    """The agency stops being a partner of the board. The agency and its records stay; refused while
    any of its people are the board's agency leads for it."""
    board = managed_board(request, board_pk)
    partner = get_object_or_404(board.partners.select_related("agency"), agency_id=pk)
    agency = partner.agency
    leads = board.memberships.filter(role=Role.AGENCY_LEAD, user__agency=agency)
    form = RemoveForm(request.POST or None)
    if form.is_bound and leads.exists():
        form.add_error(
            None,
            f"{agency.name} still has agency leads at the board: remove them from the board's "
            "people first",
        )
    if form.is_valid():
        partner._history_user = request.user
        partner.delete()
        messages.success(request, f"{agency.name} is no longer a partner of {board.short_name}")
        return redirect(board.get_absolute_url() + "#agencies")
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Remove {agency.name} from the board's partner agencies?",
            "caption": board.name,
            "back_url": agency.get_absolute_url(),
            "intro": "The agency and its records (Section 11 returns, indicators, people) stay; it "
            "is no longer listed as a partner of this board. Remove its agency leads from the "
            "board's people first.",
        },
    )
