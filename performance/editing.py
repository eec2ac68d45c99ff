"""Office staff set up indicators, targets and figures, override a RAG or trend with a reason, and
import figures from a spreadsheet. Everyone else who can see the board gets 403; other boards 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.pages import form_page
from core.spreadsheets import TableRefused, read_table

from .forms import ImportForm, IndicatorForm, MeasurementForm, OverrideForm, TargetForm
from .importing import import_rows, parse, parse_date
from .models import Indicator, Measurement, Target


def managed_indicator(request, pk):
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("board"), pk=pk
    )
    require_perm(request.user, "performance.manage", indicator.board)
    return indicator


def managed(request, model, pk):
    obj = get_object_or_404(
        model.objects.filter(
            indicator__in=Indicator.objects.visible_to(request.user)
        ).select_related("indicator__board"),
        pk=pk,
    )
    require_perm(request.user, "performance.manage", obj.indicator.board)
    return obj


@login_required
def indicator_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "performance.manage", board)
    form = IndicatorForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add an indicator",
        caption=board.name,
        back_url=board.get_absolute_url(),
        done=lambda i: f"Indicator {i.code} added",
    )


@login_required
def indicator_edit(request, pk):
    indicator = managed_indicator(request, pk)
    form = IndicatorForm(request.POST or None, instance=indicator, board=indicator.board)
    return form_page(
        request,
        form,
        title=f"Edit indicator {indicator.code}",
        caption=indicator.board.name,
        back_url=indicator.get_absolute_url(),
        done=lambda i: f"Indicator {i.code} saved",
    )


@login_required
def target_add(request, pk):
    indicator = managed_indicator(request, pk)
    form = TargetForm(request.POST or None, indicator=indicator)
    return target_page(request, form, indicator, "Add a target")


@login_required
def target_edit(request, pk):
    target = managed(request, Target, pk)
    form = TargetForm(request.POST or None, instance=target, indicator=target.indicator)
    return target_page(request, form, target.indicator, "Edit the target")


def target_page(request, form, indicator, title):
    return form_page(
        request,
        form,
        title=title,
        caption=str(indicator),
        back_url=indicator.get_absolute_url(),
        intro="Leave the target empty when none is set: the indicator then shows no RAG, not a red.",
        done=lambda t: f"Target for {t.starts:%-d %B %Y} to {t.ends:%-d %B %Y} saved",
    )


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
    return measurement_page(request, form, measurement.indicator, "Edit the figure")


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
            created, updated = import_rows(rows, user=request.user)
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
