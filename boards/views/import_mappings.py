"""The column names a board's office has matched up on imports (plan and figure files), remembered
for the next file with the same headings: its office reads them, changes which heading reads as
which field (the import's mapping step, guarded against lost updates), and forgets one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render

from core.access import require_perm, visible_or_404
from core.forms import RemoveForm
from core.pages import form_page

from ..forms import ImportMappingForm
from ..models import ImportMapping
from .boards import managed_board


@login_required
def mapping_list(request, board_pk):
    board = managed_board(request, board_pk)
    latest = ImportMapping.history.filter(id=OuterRef("pk")).order_by("-history_date")
    mappings = board.import_mappings.annotate(
        set_on=Subquery(latest.values("history_date")[:1]),
        set_by=Subquery(latest.values("history_user__name")[:1]),
    )
    return render(request, "boards/import_mappings.html", {"board": board, "mappings": mappings})


@login_required
def mapping_edit(request, pk):
    mapping = visible_or_404(ImportMapping.objects.select_related("board"), request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", mapping.board)
    form = ImportMappingForm(request.POST or None, mapping=mapping)
    return form_page(
        request,
        form,
        title="Which columns hold what?",
        caption=f"{mapping.get_kind_display()} import: {mapping.headers}",
        back_url=mapping.get_absolute_url(),
        intro="The board's next file with these headings (in any order) is read this way. "
        f"Read until now as: {mapping.description}.",
        save=lambda form: form.save(user=request.user),
        done=lambda m: (
            f"{m.get_kind_display()} files with these headings will be read as: {m.description}"
        ),
    )


@login_required
def mapping_remove(request, pk):
    mapping = visible_or_404(ImportMapping.objects.select_related("board"), request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", mapping.board)
    form = RemoveForm(request.POST or None)
    if form.is_valid():
        mapping._history_user = request.user
        mapping.delete()
        messages.success(request, "The board no longer remembers those columns")
        return redirect("boards:import_mappings", board_pk=mapping.board_id)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Forget how these columns are read?",
            "caption": f"{mapping.get_kind_display()} import: {mapping.headers}",
            "back_url": mapping.get_absolute_url(),
            "intro": "The next file with these headings will ask again which column holds what. "
            f"Read until now as: {mapping.description}.",
        },
    )
