"""The scorecard: a board's indicators as at a period end, filtered, and its export."""

from collections import Counter
from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.text import slugify

from boards.models import Board
from core.access import visible_or_404
from core.downloads import spreadsheet_response
from core.rag import ORDER

from ..forms import ScorecardFilter, filter_helper
from ..models import Measurement, Status
from ..rating import SCORECARD_COLUMNS, rate_at


@login_required
def index(request):
    """The navigation's way in: the scorecards of the user's boards."""
    boards = Board.objects.visible_to(request.user)
    return render(request, "performance/index.html", {"boards": boards})


def period_ends(board):
    """The period ends the board has scorecard figures for, latest first."""
    return list(
        Measurement.objects.filter(indicator__board=board, indicator__on_scorecard=True)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .distinct()
    )


def scorecard_rows(request, board):
    """The filter and the rated rows the scorecard (and its export) shows, in a fixed number of queries."""
    ends = period_ends(board)
    indicators = board.indicators.filter(on_scorecard=True, status=Status.ACTIVE)
    filterset = ScorecardFilter(
        request.GET or None, queryset=indicators, board=board, period_ends=ends
    )
    as_at = ends[0] if ends else None
    if (
        filterset.is_bound
        and filterset.form.is_valid()
        and filterset.form.cleaned_data.get("as_at")
    ):
        as_at = date.fromisoformat(filterset.form.cleaned_data["as_at"])
    rows = rate_at(filterset.qs, as_at) if as_at else []
    return filterset, as_at, [row for row in rows if filterset.keep(row)]


@login_required
def scorecard(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    filterset, as_at, rows = scorecard_rows(request, board)
    filterset.form.helper = filter_helper()
    context = {
        "board": board,
        "filter": filterset,
        "as_at": as_at,
        "rows": rows,
        "counts": rag_counts(rows),
        "filtered": bool(request.GET),
        "query": request.GET.urlencode(),
        "context_series": board.indicators.filter(on_scorecard=False, status=Status.ACTIVE),
        "retired": board.indicators.filter(status=Status.RETIRED),
        "can_manage": request.user.has_perm("performance.manage", board),
    }
    return render(request, "performance/scorecard.html", context)


def rag_counts(rows):
    """[(rag, how many rows)] in the one RAG order, RAGs no row has left out."""
    counts = Counter(row.rag for row in rows)
    return [(rag, counts[rag]) for rag in ORDER if counts[rag]]


def export_rows(rows):
    yield [
        *SCORECARD_COLUMNS,
        "Period end",
        "Why the RAG was set by hand",
        "Why the trend was set by hand",
    ]
    for row in rows:
        indicator = row.indicator
        yield [
            indicator.code,
            indicator.description,
            indicator.format(row.value) if not row.missing else "Missing",
            row.rag.label if row.rag else "No RAG",
            row.trend.label if row.trend else "No trend",
            indicator.get_polarity_display(),
            indicator.format_target(row.target),
            row.period_end.isoformat(),
            row.rag_reason,
            row.trend_reason,
        ]


@login_required
def scorecard_export(request, board_pk, fmt):
    """The scorecard as filtered on its page, in the seed's column order (CSV or XLSX)."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    _, as_at, rows = scorecard_rows(request, board)
    name = f"{slugify(board.short_name)}-scorecard-{as_at.isoformat() if as_at else 'empty'}"
    return spreadsheet_response(export_rows(rows), fmt, name, title="Scorecard")
