"""A board's links with other strategic boards: its office adds, edits and removes them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from core.access import require_perm
from core.forms import RemoveForm
from core.pages import form_page

from ..forms import BoardLinkForm
from ..models import Board, BoardLink
from .boards import managed_board


def managed_link(request, pk):
    links = BoardLink.objects.filter(board__in=Board.objects.visible_to(request.user))
    link = get_object_or_404(links.select_related("board", "other"), pk=pk)
    require_perm(request.user, "boards.manage_board", link.board)
    return link


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
