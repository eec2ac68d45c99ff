"""A board's recent figure imports, and undoing one (office staff): all or nothing, with a reason,
while no figure it touched has changed since."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.forms import ReasonForm

from ..models import FigureImport
from ..undo_import import ImportNotUndone, dependents, plural, undo_import

RECENT = 50


@login_required
def import_list(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "performance.manage", board)
    imports = board.figure_imports.select_related("created_by", "undone_by")[:RECENT]
    return render(
        request,
        "_imports_page.html",
        {
            "imports": imports,
            "title": "Figure imports",
            "caption": board.name,
            "back_url": reverse("performance:scorecard", args=[board.pk]),
            "intro": "Each import of figures, by whom and from which file. An import can be undone, "
            "with a reason, while none of the figures it added or replaced has changed since: the "
            "figures it added are deleted and those it replaced get their earlier value back.",
        },
    )


@login_required
def import_undo(request, pk):
    batch = get_object_or_404(
        FigureImport.objects.filter(
            board__in=Board.objects.visible_to(request.user)
        ).select_related("board", "created_by"),
        pk=pk,
    )
    require_perm(request.user, "performance.manage", batch.board)
    back_url = reverse("performance:imports", args=[batch.board_id])
    if batch.is_undone:
        messages.info(request, "This import was undone already")
        return redirect(back_url)
    form = ReasonForm(
        request.POST or None,
        label="Why is the import undone?",
        help_text="Kept with the import and in each indicator's audit trail.",
        submit_label="Undo the import",
    )
    refused = dependents(batch)
    if not refused and form.is_valid():
        try:
            removed, restored = undo_import(
                batch, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ImportNotUndone as error:  # something changed meanwhile
            refused = error.reasons
        else:
            messages.success(
                request,
                f"Import undone: {plural(removed, 'figure')} deleted, {restored} restored",
            )
            return redirect(back_url)
    return render(
        request,
        "_confirm_page.html",
        {
            "form": form,
            "title": f"Undo the figure import of {batch.created:%-d %B %Y, %H:%M}",
            "caption": batch.board.name,
            "back_url": back_url,
            "refused": refused,
            "refused_title": "This import cannot be undone: figures it touched have changed since",
            "facts": [
                (
                    "Imported",
                    f"{batch.created:%-d %B %Y, %H:%M} by {batch.created_by or 'unknown'}",
                ),
                ("File", batch.file_name or "Not recorded"),
                ("Rows", batch.rows),
            ],
            "warning": "The figures the import added will be deleted and those it replaced get "
            "their earlier value back. Each indicator's audit trail keeps the change, with your "
            "reason.",
        },
    )
