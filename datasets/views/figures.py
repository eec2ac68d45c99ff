"""A dataset's figures: the office or the supplying agency's lead enters a period's figures, imports
them from a spreadsheet (all or nothing), corrects one or deletes one, each with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core import as_at
from core.access import require_perm
from core.column_mapping import ColumnMapForm, columns_found, drop, header_of, hold, recognise
from core.forms import ReasonForm
from core.pages import form_page
from core.spreadsheets import TableRefused, read_table

from ..figures import apply, structure
from ..forms import REASON_LENGTH, FigureForm, ImportForm, PeriodFiguresForm, WideMapForm
from ..importing import (
    fields,
    import_rows,
    mapped_columns,
    read,
    remember_mapping,
    wide_fields,
)
from ..models import DimensionValue, Figure, cell_ids
from .datasets import managed_dataset


def entered_figure(request, pk):
    figure = get_object_or_404(
        Figure.objects.visible_to(request.user).select_related("dataset__board", "measure"), pk=pk
    )
    require_perm(request.user, "datasets.enter_figures", figure.dataset)
    return figure


@login_required
def period_figures(request, pk, period=None):
    """A new period's figures, or a stored period's (its end in the address) to correct them."""
    dataset = managed_dataset(request, pk, perm="datasets.enter_figures")
    if period is not None:
        try:
            period = as_at.parse(period)
        except ValidationError:
            raise Http404 from None
        if not dataset.figures.filter(period_end=period).exists():
            raise Http404
    form = PeriodFiguresForm(request.POST or None, dataset=dataset, period=period)

    def save(form):
        data = form.cleaned_data
        added, changed, deleted = apply(
            dataset,
            data["period_end"],
            form.changes,
            user=request.user,
            source=data["source"],
            reason=data["reason"],
        )
        form.counts = (added, changed, deleted)
        return dataset

    return form_page(
        request,
        form,
        title=f"Figures for {dataset.period_label(period)}"
        if period
        else "Enter a period's figures",
        caption=dataset.name,
        back_url=dataset.get_absolute_url(),
        intro="Leave a box empty where there is no figure. Where the dataset has a total, the "
        "figures by each dimension that adds up must add up to it. Figures only: never a "
        "child's or a worker's name or initials.",
        save=save,
        done=lambda d: "{} figures added, {} corrected, {} removed".format(*form.counts),
    )


@login_required
def figure_edit(request, pk):
    figure = entered_figure(request, pk)
    form = FigureForm(request.POST or None, instance=figure)
    cell = figure_label(figure)
    return form_page(
        request,
        form,
        title=f"Correct the figure: {cell}",
        caption=f"{figure.dataset.name}, {figure.dataset.period_label(figure.period_end)}",
        back_url=figure.dataset.get_absolute_url(),
        done=lambda f: f"{cell}: figure corrected",
    )


def figure_label(figure):
    labels = DimensionValue.objects.filter(pk__in=cell_ids(figure.cell)).values_list(
        "label", flat=True
    )
    return f"{figure.measure.name}, {', '.join(labels) or 'Total'}"


@login_required
def figure_delete(request, pk):
    figure = entered_figure(request, pk)
    dataset = figure.dataset
    form = ReasonForm(
        request.POST or None,
        label="Why is the figure deleted?",
        help_text=f"Kept in the dataset's audit trail (up to {REASON_LENGTH} characters).",
        max_length=REASON_LENGTH,
        submit_label="Delete the figure",
    )
    name = figure_label(figure)
    if form.is_valid():
        figure._change_reason = form.cleaned_data["reason"]
        figure._history_user = request.user
        figure.delete()
        messages.success(request, f"{name}: the figure was deleted")
        return redirect(dataset)
    return render(
        request,
        "_confirm_page.html",
        {
            "form": form,
            "title": f"Delete the figure: {name}",
            "caption": f"{dataset.name}, {dataset.period_label(figure.period_end)}",
            "back_url": dataset.get_absolute_url(),
            "facts": [
                ("Period", dataset.period_label(figure.period_end)),
                ("Value", figure.measure.format(figure.value) or "Not available"),
            ],
            "warning": "Tables and reports will no longer show this figure; the audit trail keeps "
            "it, with your reason. Where the dataset checks totals, correct the total too.",
        },
    )


@login_required
def figures_import(request, pk):
    """Figures from a spreadsheet, all or nothing. A file whose columns are not all recognised (by
    name, or as the board mapped the same headings before: a published national table, say) is held
    in the session while the person maps them; the mapping is remembered once it imports."""
    dataset = managed_dataset(request, pk, perm="datasets.enter_figures")
    held = f"dataset_import_{dataset.pk}"
    if request.POST.get("step") == "map":
        return import_mapped(request, dataset, held)
    kept = request.session.get(held)
    layout = request.GET.get("layout")
    if request.method == "GET" and layout in ("wide", "long") and kept:
        wide = layout == "wide"
        return map_page(
            request, dataset, kept["table"], mapping_form(dataset, kept["table"], wide=wide)
        )
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.name, upload.read(), "figures")
        except TableRefused as refused:
            table, errors = None, refused.errors
        except Exception:  # a file that is not what it says it is
            table = None
            errors = [(1, "The file could not be read: save it again as CSV or .xlsx and retry")]
        if table is not None:
            columns = mapped_columns(table, dataset)
            if columns is None and any(header_of(table)):
                try:
                    hold(request.session, held, {"table": table, "file": upload.name[:255]}, table)
                except TableRefused as refused:
                    return import_page(request, dataset, form, refused.errors)
                return map_page(request, dataset, table, mapping_form(dataset, table))
            drop(request.session, held)
            return checked(request, dataset, form, table, columns, upload.name[:255])
    return import_page(request, dataset, form, errors)


def checked(request, dataset, form, table, columns, file_name, mapped=False):
    rows, errors = read(table, dataset, columns)
    if errors:
        return import_page(request, dataset, form, errors)
    with transaction.atomic():
        added, changed = import_rows(dataset, rows, user=request.user, file_name=file_name)
        if mapped:
            remember_mapping(dataset, table, columns, user=request.user)
    messages.success(request, f"{added} figures added and {changed} replaced")
    return redirect(dataset)


def mapping_form(dataset, table, data=None, wide=False):
    shape = structure(dataset)
    known = fields(shape)
    recognised, _ = recognise(header_of(table), known)
    if wide:
        items = wide_fields(shape)
        found, _ = recognise(header_of(table), known + items)
        return WideMapForm(
            data, header=header_of(table), known=known, items=items, initial_columns=found
        )
    return ColumnMapForm(
        data,
        fields=known,
        header=header_of(table),
        initial_columns=recognised,
        submit_label="Import the figures",
    )


def import_mapped(request, dataset, held):
    kept = request.session.get(held)
    if not kept:
        errors = [(1, "The checked file is no longer held: upload it again")]
        return import_page(request, dataset, ImportForm(), errors)
    table = kept["table"]
    form = mapping_form(dataset, table, request.POST, wide=request.POST.get("layout") == "wide")
    if not form.is_valid():
        return map_page(request, dataset, table, form)
    drop(request.session, held)
    return checked(request, dataset, ImportForm(), table, form.columns(), kept["file"], mapped=True)


def import_page(request, dataset, form, errors):
    return render(
        request,
        "_import_page.html",
        {
            "form": form,
            "errors": errors,
            "title": "Import figures",
            "caption": dataset.name,
            "back_url": dataset.get_absolute_url(),
            "mappings_url": reverse("boards:import_mappings", args=[dataset.board_id])
            if request.user.has_perm("boards.manage_board", dataset.board)
            else "",
        },
    )


def map_page(request, dataset, table, form):
    shape = structure(dataset)
    known = fields(shape)
    wide = isinstance(form, WideMapForm)
    if wide:
        known = known + wide_fields(shape)
    recognised, _ = recognise(header_of(table), known)
    return render(
        request,
        "_column_map_page.html",
        {
            "form": form,
            "title": "Which columns hold what?",
            "caption": f"Import figures: {dataset.name}",
            "back_url": reverse("datasets:import", args=[dataset.pk]),
            "columns": columns_found(table, recognised, known),
            "what": "dataset",
            "other_layout": (
                (
                    reverse("datasets:import", args=[dataset.pk]) + "?layout=long",
                    "The file has a Value column: choose the column of each field instead",
                )
                if wide
                else (
                    reverse("datasets:import", args=[dataset.pk]) + "?layout=wide",
                    "The file has a column per item (a published table): map each column instead",
                )
            ),
        },
    )
