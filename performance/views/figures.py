"""Figures: office staff add and correct an indicator's figures, delete one entered in error,
override a RAG or trend with a reason, and import figures from a spreadsheet. Every correction and
deletion keeps its reason in the audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.forms import ReasonForm
from core.pages import form_page
from core.spreadsheets import TableRefused, read_table

from ..forms import REASON_LENGTH, ImportForm, MeasurementForm, OverrideForm
from ..importing import import_rows, parse, parse_date
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
    """Figures from a spreadsheet: all rows or nothing, every bad row named with its reason."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "performance.manage", board)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows, errors = parse(read_table(upload.name, upload.read(), "figures"), board)
        except TableRefused as refused:  # a limit passed, or a character XML cannot hold
            rows, errors = [], refused.errors
        except Exception:  # a file that is not what it says it is
            rows, errors = (
                [],
                [(1, "The file could not be read: save it again as CSV or .xlsx and retry")],
            )
        if not errors:
            created, updated = import_rows(rows, user=request.user, file_name=upload.name[:255])
            messages.success(request, f"{created} figures added and {updated} replaced")
            return redirect("performance:scorecard", board_pk=board.pk)
    return render(
        request,
        "_import_page.html",
        {
            "form": form,
            "errors": errors,
            "title": "Import figures",
            "caption": board.name,
            "back_url": reverse("performance:scorecard", args=[board.pk]),
        },
    )
