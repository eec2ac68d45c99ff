"""The office changes a legacy LSCB into a safeguarding children partnership from a date: a form,
then a page listing what changes, then the change (boards/kind_change.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.access import require_perm, visible_or_404

from .. import kind_change
from ..models import Board
from ..statutory_forms import KindChangeForm


@login_required
def kind_change_page(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
    require_perm(request.user, "boards.change_kind", board)
    form = KindChangeForm(request.POST or None, kinds=kind_change.can_change(board))
    context = {"form": form, "board": board, "back_url": board.get_absolute_url()}
    if form.is_valid():
        data = form.cleaned_data
        change = kind_change.plan(board, data["kind"], data["day"])
        if data["confirm"]:
            kind_change.apply(change, request.user)
            since = f"{change.day:%-d %B %Y}"
            messages.success(request, f"{board.name} is a {change.kind.label} from {since}")
            return redirect(board)
        return render(request, "boards/kind_change_confirm.html", {**context, "change": change})
    return render(request, "boards/kind_change.html", context)
