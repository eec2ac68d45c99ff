"""The scorecard: a board's indicators as at a period end, filtered, and its export."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Board, BoardMembership
from core.access import visible_or_404
from core.downloads import spreadsheet_response
from core.page_cache import cached, feeds
from core.rag import ORDER
from subgroups.models import Subgroup, SubgroupMembership

from ..forms import ScorecardFilter, filter_helper
from ..models import Indicator, Measurement, Status, Target
from ..rating import SCORECARD_COLUMNS, complete_as_at, rate_at


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


def scorecard_indicators(board):
    return board.indicators.filter(on_scorecard=True, status=Status.ACTIVE)


def scorecard_rows(request, board):
    """The filter, the date and the rated rows the scorecard (and its export) shows, in a fixed
    number of queries. The date is the one asked for (`?as_at=`), or else the latest at which the
    board's figures are complete (rating.complete_as_at): a few early figures for a later date do
    not move it. Each indicator shows its latest figure on or before the date."""
    ends = period_ends(board)
    indicators = scorecard_indicators(board)
    complete = complete_as_at(indicators)
    filterset = ScorecardFilter(
        request.GET or None, queryset=indicators, board=board, period_ends=ends, complete=complete
    )
    filterset.period_ends = ends
    as_at = complete
    if filterset.is_bound and filterset.form.is_valid() and filterset.form.cleaned_data["as_at"]:
        as_at = filterset.form.cleaned_data["as_at"]
    rows = rate_at(filterset.qs, as_at) if as_at else []
    return filterset, as_at, [row for row in rows if filterset.keep(row)]


def later_than(ends, as_at):
    """The period ends after the date shown: figures the reader can choose to see."""
    return [day for day in ends if as_at and day > as_at]


# The tables a scorecard is built from, and who may see the board (core.page_cache).
FEEDS = feeds(Indicator, Target, Measurement, Board, BoardMembership, Subgroup, SubgroupMembership)


@login_required
def scorecard(request, board_pk):
    """The board's scorecard, built once for each person, filter and day while its figures stay the
    same (core.page_cache)."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    parts = cached(
        "performance:scorecard",
        FEEDS,
        request.user,
        [board.pk, timezone.localdate(), request.GET.urlencode()],
        lambda: scorecard_body(request, board),
    )
    return render(
        request,
        "performance/scorecard.html",
        # base.html's title says "Error:" when the filters' form has errors
        {"board": board, "body": parts["body"], "form": {"errors": parts["invalid"]}},
        status=400 if parts["bad_date"] else 200,  # a date not a real one
    )


def scorecard_body(request, board):
    """The scorecard below its title, rendered, and whether its filters (or its date) were refused."""
    filterset, as_at, rows = scorecard_rows(request, board)
    filterset.form.helper = filter_helper()
    form = filterset.form if filterset.is_bound else None  # its errors, summarised once
    context = {
        "board": board,
        "filter": filterset,
        "form": form,
        "as_at": as_at,
        "asked": bool(request.GET.get("as_at")) and not (form and form.errors),
        "later": later_than(filterset.period_ends, as_at),
        "rows": rows,
        "counts": rag_counts(rows),
        "filtered": bool(request.GET),
        "query": request.GET.urlencode(),
        "context_series": board.indicators.filter(on_scorecard=False, status=Status.ACTIVE),
        "retired": board.indicators.filter(status=Status.RETIRED),
        "can_manage": request.user.has_perm("performance.manage", board),
    }
    return {
        "body": render_to_string("performance/_scorecard_body.html", context, request=request),
        "invalid": bool(form and form.errors),
        "bad_date": form is not None and "as_at" in form.errors,
    }


def rag_counts(rows):
    """[(rag, how many rows)] in the one RAG order, RAGs no row has left out."""
    counts = Counter(row.rag for row in rows)
    return [(rag, counts[rag]) for rag in ORDER if counts[rag]]


def export_rows(rows, as_at):
    """The rows in the seed's columns, then when each figure is for and the date they are all as
    at (a figure dated earlier is the latest on or before it)."""
    yield [
        *SCORECARD_COLUMNS,
        "Period end",
        "Why the RAG was set by hand",
        "Why the trend was set by hand",
        "Figures as at",
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
            row.figure_date.isoformat() if row.figure_date else "",
            row.rag_reason,
            row.trend_reason,
            as_at.isoformat(),
        ]


@login_required
def scorecard_export(request, board_pk, fmt):
    """The scorecard as filtered on its page, in the seed's column order (CSV or XLSX)."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    filterset, as_at, rows = scorecard_rows(request, board)
    if filterset.is_bound and filterset.form.errors:  # never a file of other figures than asked
        problems = " ".join(e for errors in filterset.form.errors.values() for e in errors)
        return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")
    name = f"{slugify(board.short_name)}-scorecard-as-at-{as_at.isoformat() if as_at else 'empty'}"
    return spreadsheet_response(export_rows(rows, as_at), fmt, name, title="Scorecard")
