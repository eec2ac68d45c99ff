"""Figures: office staff add and correct an indicator's figures, delete one entered in error,
override a RAG or trend with a reason, and import figures from a spreadsheet. Every correction and
deletion keeps its reason in the audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.column_mapping import ColumnMapForm, columns_found, drop, header_of, hold
from core.forms import ReasonForm
from core.pages import form_page
from core.spreadsheets import TableRefused, read_table

from ..forms import REASON_LENGTH, ConfirmImportForm, ImportForm, MeasurementForm, OverrideForm
from ..importing import (
    FIELDS,
    describe_columns,
    import_rows,
    mapped_columns,
    parse,
    parse_date,
    preview,
    read_header,
    remember_mapping,
)
from ..models import Measurement
from .indicators import managed, managed_indicator


@login_required
def measurement_add(request, pk):
    indicator = managed_indicator(request, pk)
    form = MeasurementForm(
        request.POST or None,
        indicator=indicator,
        period_end=parse_date(request.GET.get("period_end") or ""),  # from a missing row's link
    )
    return measurement_page(request, form, indicator, "Add a figure")


@login_required
def measurement_edit(request, pk):
    measurement = managed(request, Measurement, pk)
    form = MeasurementForm(
        request.POST or None, instance=measurement, indicator=measurement.indicator
    )
    return measurement_page(request, form, measurement.indicator, "Correct the figure")


@login_required
def measurement_delete(request, pk):
    """Delete a figure entered in error, with the reason (kept in the audit trail): the scorecard and
    dashboards then use the latest figure that remains."""
    measurement = managed(request, Measurement, pk)
    indicator = measurement.indicator
    form = ReasonForm(
        request.POST or None,
        label="Why is the figure deleted?",
        help_text=f"Kept in the indicator's audit trail (up to {REASON_LENGTH} characters).",
        max_length=REASON_LENGTH,
        submit_label="Delete the figure",
    )
    if form.is_valid():
        day = measurement.period_end
        measurement._change_reason = form.cleaned_data["reason"]
        measurement._history_user = request.user
        measurement.delete()
        messages.success(request, f"{indicator.code}: the figure for {day:%-d %B %Y} was deleted")
        return redirect(indicator)
    return render(
        request,
        "_confirm_page.html",
        {
            "form": form,
            "title": f"Delete the figure for {measurement.period_end:%-d %B %Y}",
            "caption": str(indicator),
            "back_url": indicator.get_absolute_url(),
            "facts": [
                ("Period end", f"{measurement.period_end:%-d %B %Y}"),
                ("Value", indicator.format(measurement.value) or "Missing"),
                *([("Note", measurement.note)] if measurement.note else []),
            ],
            "warning": "The scorecard, dashboards and reports will no longer use this figure; the "
            "indicator's audit trail keeps it, with your reason.",
        },
    )


def measurement_page(request, form, indicator, title):
    return form_page(
        request,
        form,
        title=title,
        caption=str(indicator),
        back_url=indicator.get_absolute_url(),
        done=lambda m: f"Figure for {m.period_end:%-d %B %Y} saved",
    )


@login_required
def override(request, pk):
    measurement = managed(request, Measurement, pk)
    form = OverrideForm(request.POST or None, instance=measurement)
    return form_page(
        request,
        form,
        title=f"Set the RAG or trend by hand: {measurement.period_end:%-d %B %Y}",
        caption=str(measurement.indicator),
        back_url=measurement.indicator.get_absolute_url(),
        intro="A RAG or trend set by hand replaces the computed one on the scorecard, with your reason "
        "beside it. Choose “as computed” to remove it.",
        done=lambda m: f"{m.indicator.code} at {m.period_end:%-d %B %Y}: override saved",
    )


@login_required
def measurement_import(request, board_pk):
    """Figures from a spreadsheet: all rows or nothing, every bad row named with its reason. A file
    whose columns are not all recognised (by name, or as the board mapped the same headers before)
    is held in the session while the person maps them; a checked file is held while the person
    reads what it would add and replace. Nothing is imported before they confirm."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "performance.manage", board)
    held = f"figure_import_{board.pk}"
    if request.POST.get("step") == "map":
        return measurement_import_map(request, board, held)
    if request.POST.get("step") == "confirm":
        return measurement_import_confirm(request, board, held)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.name, upload.read(), "figures")
        except TableRefused as refused:  # a limit passed, or a character XML cannot hold
            table, errors = None, refused.errors
        except Exception:  # a file that is not what it says it is
            table = None
            errors = [(1, "The file could not be read: save it again as CSV or .xlsx and retry")]
        if table is not None:
            drop(request.session, held)  # an earlier file left on its mapping or confirming step
            kept = {"table": table, "file_name": upload.name[:255]}
            columns = mapped_columns(table, board)
            try:
                if columns is None and any(header_of(table)):
                    hold(request.session, held, kept, table)
                    return map_page(request, board, table, mapping_form(table))
                return checked(request, board, form, held, {**kept, "columns": columns})
            except TableRefused as refused:  # too much to hold between the steps
                errors = refused.errors
    return import_page(request, board, form, errors)


def checked(request, board, form, held, kept):
    """The file read with its columns (None: by name): its errors, or the confirmation page, the
    file held until the person confirms."""
    rows, errors = parse(kept["table"], board, kept["columns"])
    if errors:
        drop(request.session, held)
        return import_page(request, board, form, errors)
    hold(request.session, held, kept, kept["table"])
    return confirm_page(request, board, kept, rows, ConfirmImportForm())


def mapping_form(table, data=None):
    header = header_of(table)
    recognised, _ = read_header(header)
    return ColumnMapForm(data, fields=FIELDS, header=header, initial_columns=recognised)


def measurement_import_map(request, board, held):
    kept = request.session.get(held)
    if not kept:
        return no_longer_held(request, board)
    table = kept["table"]
    form = mapping_form(table, request.POST)
    if not form.is_valid():
        return map_page(request, board, table, form)
    return checked(
        request, board, ImportForm(), held, {**kept, "columns": form.columns(), "mapped": True}
    )


def measurement_import_confirm(request, board, held):
    """Import the held file, checked again (the board's indicators may have changed meanwhile),
    and remember a mapping the person made."""
    kept = request.session.get(held)
    if not kept or "columns" not in kept:
        return no_longer_held(request, board)
    rows, errors = parse(kept["table"], board, kept["columns"])
    if errors:
        drop(request.session, held)
        return import_page(request, board, ImportForm(), errors)
    form = ConfirmImportForm(request.POST)
    if not form.is_valid():
        return confirm_page(request, board, kept, rows, form)
    with transaction.atomic():
        created, updated = import_rows(rows, user=request.user, file_name=kept["file_name"])
        if kept.get("mapped"):
            remember_mapping(board, kept["table"], kept["columns"], user=request.user)
    drop(request.session, held)
    messages.success(request, f"{created} figures added and {updated} replaced")
    return redirect("performance:scorecard", board_pk=board.pk)


def no_longer_held(request, board):
    errors = [(1, "The checked file is no longer held: upload it again")]
    return import_page(request, board, ImportForm(), errors)


def confirm_page(request, board, kept, rows, form):
    planned, replacements, dates = preview(rows)
    columns = kept["columns"]
    return render(
        request,
        "performance/figure_import_confirm.html",
        {
            "form": form,
            "title": "Check the figures before importing them",
            "caption": f"Import figures: {board.name}",
            "back_url": reverse("performance:import", args=[board.pk]),
            "file_name": kept["file_name"],
            "rows": len(rows),
            "planned": planned,
            "added": sum(item.added for item in planned),
            "replaced": replacements,
            "dates": dates,
            "read_as": describe_columns(header_of(kept["table"]), columns) if columns else "",
        },
    )


def import_page(request, board, form, errors):
    return render(
        request,
        "_import_page.html",
        {
            "form": form,
            "errors": errors,
            "title": "Import figures",
            "caption": board.name,
            "back_url": reverse("performance:scorecard", args=[board.pk]),
            "mappings_url": reverse("boards:import_mappings", args=[board.pk]),
        },
    )


def map_page(request, board, table, form):
    recognised, _ = read_header(header_of(table))
    return render(
        request,
        "_column_map_page.html",
        {
            "form": form,
            "title": "Which columns hold what?",
            "caption": f"Import figures: {board.name}",
            "back_url": reverse("performance:import", args=[board.pk]),
            "columns": columns_found(table, recognised, FIELDS),
            "what": "figures",
        },
    )
