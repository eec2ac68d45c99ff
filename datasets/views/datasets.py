"""A board's datasets: the list, a dataset's page (its tables year on year and a chart, as at a
date), and the office's pages that define a dataset, its dimensions and measures, or add one from
the library of standard datasets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.models import Board
from core import as_at
from core.access import require_perm, visible_or_404
from core.history import describe
from core.pages import form_page

from .. import chart, library, tables
from ..forms import AddStandardForm, DatasetForm, DimensionForm, MeasureForm
from ..models import Dataset, Dimension, DimensionValue, Figure, Measure


def managed_dataset(request, pk, perm="datasets.manage"):
    dataset = get_object_or_404(
        Dataset.objects.visible_to(request.user).select_related("board", "agency"), pk=pk
    )
    require_perm(request.user, perm, dataset.board if perm == "datasets.manage" else dataset)
    return dataset


def managed_part(request, model, pk):
    obj = get_object_or_404(
        model.objects.filter(dataset__in=Dataset.objects.visible_to(request.user)).select_related(
            "dataset__board"
        ),
        pk=pk,
    )
    require_perm(request.user, "datasets.manage", obj.dataset.board)
    return obj


@login_required
def index(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    datasets = board.datasets.select_related("agency")
    return render(
        request,
        "datasets/index.html",
        {
            "board": board,
            "datasets": datasets,
            "supplied": set(datasets.supplied_by(request.user).values_list("pk", flat=True)),
            "can_manage": request.user.has_perm("datasets.manage", board),
        },
    )


@login_required
def dataset_detail(request, pk):
    dataset = get_object_or_404(
        Dataset.objects.visible_to(request.user).select_related("board", "agency"), pk=pk
    )
    day, error = as_at.from_query(request.GET)
    latest = dataset.figures.order_by("-period_end").values_list("period_end", flat=True).first()
    shown_at = day or latest
    built, series, days = tables.build(dataset, shown_at) if shown_at else ([], None, [])
    return render(
        request,
        "datasets/dataset_detail.html",
        {
            "dataset": dataset,
            "board": dataset.board,
            "tables": built,
            "chart": chart.build(series),
            "periods": [(d, dataset.period_label(d)) for d in days],
            "as_at": day,
            "as_at_error": error,
            "dimensions": dataset.dimensions.prefetch_related("values").select_related("within"),
            "measures": dataset.measures.all(),
            "can_manage": request.user.has_perm("datasets.manage", dataset.board),
            "can_enter": request.user.has_perm("datasets.enter_figures", dataset),
        },
    )


@login_required
def dataset_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "datasets.manage", board)
    form = DatasetForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add a dataset",
        caption=board.name,
        back_url=reverse("datasets:index", args=[board.pk]),
        intro="Then add its dimensions (how the figures are broken down) and its measures.",
    )


@login_required
def dataset_edit(request, pk):
    dataset = managed_dataset(request, pk)
    form = DatasetForm(request.POST or None, instance=dataset, board=dataset.board)
    return form_page(
        request,
        form,
        title="Edit the dataset",
        caption=dataset.name,
        back_url=dataset.get_absolute_url(),
    )


@login_required
def dimension_add(request, pk):
    dataset = managed_dataset(request, pk)
    form = DimensionForm(request.POST or None, dataset=dataset)
    return form_page(
        request,
        form,
        title="Add a dimension",
        caption=dataset.name,
        back_url=dataset.get_absolute_url(),
    )


@login_required
def dimension_edit(request, pk):
    dimension = managed_part(request, Dimension, pk)
    form = DimensionForm(request.POST or None, instance=dimension, dataset=dimension.dataset)
    return form_page(
        request,
        form,
        title=f"Edit the dimension {dimension.name}",
        caption=dimension.dataset.name,
        back_url=dimension.dataset.get_absolute_url(),
    )


@login_required
def measure_add(request, pk):
    dataset = managed_dataset(request, pk)
    form = MeasureForm(request.POST or None, dataset=dataset)
    return form_page(
        request,
        form,
        title="Add a measure",
        caption=dataset.name,
        back_url=dataset.get_absolute_url(),
    )


@login_required
def measure_edit(request, pk):
    measure = managed_part(request, Measure, pk)
    form = MeasureForm(request.POST or None, instance=measure, dataset=measure.dataset)
    return form_page(
        request,
        form,
        title=f"Edit the measure {measure.name}",
        caption=measure.dataset.name,
        back_url=measure.dataset.get_absolute_url(),
    )


@login_required
def dataset_history(request, pk):
    """Every change to the dataset's definition and figures (corrections with their reasons)."""
    dataset = managed_dataset(request, pk, perm="datasets.enter_figures")
    labels = {v.pk: v.label for v in DimensionValue.objects.filter(dimension__dataset=dataset)}
    measures = {m.pk: m.name for m in dataset.measures.all()}

    def figure_name(record):
        cell = ", ".join(labels.get(int(i), "?") for i in record.cell.split(",") if i) or "Total"
        return f"{measures.get(record.measure_id, 'Figure')}, {cell}, {dataset.period_label(record.period_end)}"

    changes = [
        *describe(
            Dataset.history.filter(id=dataset.pk).select_related("history_user"),
            lambda r: "The dataset",
        ),
        *describe(
            Dimension.history.filter(dataset_id=dataset.pk).select_related("history_user"),
            lambda r: f"Dimension {r.name}",
        ),
        *describe(
            Measure.history.filter(dataset_id=dataset.pk).select_related("history_user"),
            lambda r: f"Measure {r.name}",
        ),
        *describe(
            Figure.history.filter(dataset_id=dataset.pk).select_related("history_user"), figure_name
        ),
    ]
    changes.sort(key=lambda c: c.when, reverse=True)
    page = Paginator(changes, 100).get_page(request.GET.get("page"))
    return render(request, "datasets/dataset_history.html", {"dataset": dataset, "page_obj": page})


@login_required
def add_standard(request, board_pk):
    """A dataset from the library (data files with their sources), added with one choice."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "datasets.manage", board)
    choices = library.choices(board)
    form = AddStandardForm(request.POST or None, choices=choices)
    if choices and form.is_valid():
        dataset = library.add(board, form.cleaned_data["key"], user=request.user)
        messages.success(request, f"{dataset.name} added")
        return redirect(dataset)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Add a standard dataset",
            "caption": board.name,
            "back_url": reverse("datasets:index", args=[board.pk]),
            "intro": "Each comes with its dimensions, measures and source, as the national returns "
            "define them. The board has every one already."
            if not choices
            else "Each comes with its dimensions, measures and source, as the national returns "
            "define them; you can change them afterwards.",
        },
    )
