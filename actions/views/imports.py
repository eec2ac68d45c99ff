"""A board's recent plan imports, and undoing one (office staff): all or nothing, with a reason,
while nothing depends on what it created."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.forms import ReasonForm

from ..models import PlanImport
from ..undo_import import ImportNotUndone, dependents, undo_import

RECENT = 50


@login_required
def import_list(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "boards.manage_board", board)
    imports = board.plan_imports.select_related("created_by", "undone_by")[:RECENT]
    return render(
        request,
        "_imports_page.html",
        {
            "imports": imports,
            "title": "Plan imports",
            "caption": board.name,
            "back_url": reverse("actions:plans", args=[board.pk]),
            "intro": "Each plan imported from a spreadsheet, by whom and from which file. An import "
            "can be undone, with a reason, while nothing depends on it: no update or change to its "
            "actions since, and nothing else linked to its plan.",
        },
    )


@login_required
def import_undo(request, pk):
    batch = get_object_or_404(
        PlanImport.objects.filter(board__in=Board.objects.visible_to(request.user)).select_related(
            "board", "created_by"
        ),
        pk=pk,
    )
    require_perm(request.user, "boards.manage_board", batch.board)
    back_url = reverse("actions:imports", args=[batch.board_id])
    if batch.is_undone:
        messages.info(request, "This import was undone already")
        return redirect(back_url)
    form = ReasonForm(
        request.POST or None,
        label="Why is the import undone?",
        help_text="Kept with the import and in the plan's audit trail.",
        submit_label="Undo the import",
    )
    refused = dependents(batch)
    if not refused and form.is_valid():
        try:
            removed = undo_import(batch, user=request.user, reason=form.cleaned_data["reason"])
        except ImportNotUndone as error:  # something came to depend on it meanwhile
            refused = error.reasons
        else:
            messages.success(
                request, f"Import undone: {batch.plan_name} and its {removed} actions removed"
            )
            return redirect(back_url)
    return render(
        request,
        "_confirm_page.html",
        {
            "form": form,
            "title": f"Undo the import of {batch.plan_name}",
            "caption": batch.board.name,
            "back_url": back_url,
            "refused": refused,
            "refused_title": "This import cannot be undone: things depend on it",
            "facts": [
                (
                    "Imported",
                    f"{batch.created:%-d %B %Y, %H:%M} by {batch.created_by or 'unknown'}",
                ),
                ("File", batch.file_name or "Not recorded"),
                ("Rows", batch.rows),
            ],
            "warning": "The plan, its themes, update cycle, actions and their updates will be "
            "deleted. The audit trail keeps them, with your reason.",
        },
    )
