"""An indicator's page with its trend; office staff add and edit indicators and their targets."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.history import describe
from core.pages import form_page

from .. import chart
from ..forms import IndicatorForm, TargetForm
from ..models import Indicator, Measurement, Target
from ..rating import series


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
def indicator_detail(request, pk):
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("board", "owner"), pk=pk
    )
    rows = series(indicator)
    overrides = (
        Measurement.history.filter(indicator_id=indicator.pk)
        .exclude(rag_override="", trend_override="")
        .select_related("history_user")
        .order_by("-history_date")
    )
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "indicator": indicator,
            "board": indicator.board,
            "rows": rows,
            "newest_first": rows[::-1],
            "chart": chart.build(indicator, rows),
            "targets": indicator.targets.all(),
            "overrides": overrides,
            "can_manage": request.user.has_perm("performance.manage", indicator.board),
            "back": reverse("performance:scorecard", args=[indicator.board_id]),
        },
    )


@login_required
def indicator_history(request, pk):
    """The indicator's audit trail: every change to it, its targets and its figures (corrections and
    deletions with their reasons), newest first."""
    indicator = managed_indicator(request, pk)
    changes = [
        *describe(
            Indicator.history.filter(id=indicator.pk).select_related("history_user"),
            what=lambda r: "The indicator",
        ),
        *describe(
            Target.history.filter(indicator_id=indicator.pk).select_related("history_user"),
            what=lambda r: f"Target from {r.starts:%-d %b %Y}",
        ),
        *describe(
            Measurement.history.filter(indicator_id=indicator.pk).select_related("history_user"),
            what=lambda r: f"Figure for {r.period_end:%-d %b %Y}",
        ),
    ]
    changes.sort(key=lambda c: c.when, reverse=True)
    page = Paginator(changes, 100).get_page(request.GET.get("page"))
    return render(
        request, "performance/indicator_history.html", {"indicator": indicator, "page_obj": page}
    )


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
