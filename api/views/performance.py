"""The scorecard as its page shows it (as at the latest date the board's figures are complete, or
`?as_at=`), and every scorecard indicator's series of figures as one flat, paged table."""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.response import Response

from boards.models import Board
from core import as_at as as_at_dates
from performance.models import Indicator
from performance.rating import complete_as_at, rate_at, series

from ..serializers.performance import ScorecardSerializer, SeriesRowSerializer
from .base import ApiView, ListView, visible

AS_AT = OpenApiParameter(
    "as_at",
    OpenApiTypes.DATE,
    description="YYYY-MM-DD; by default the latest date the board's figures are complete.",
)


def scorecard_of(board):
    return Indicator.objects.filter(board=board).on_scorecard()


class Scorecard(ApiView):
    """The board's scorecard: each indicator's latest figure on or before the date, its target,
    RAG and trend (an override by the office, with its reason, wins)."""

    @extend_schema(responses=ScorecardSerializer, parameters=[AS_AT])
    def get(self, request, board_pk):
        board = visible(Board.objects, request, pk=board_pk)
        indicators = scorecard_of(board)
        try:
            day = as_at_dates.parse(request.query_params.get(as_at_dates.PARAMETER))
        except ValidationError as error:
            raise BadRequest({"as_at": error.messages}) from None
        day = day or complete_as_at(indicators)
        rows = rate_at(indicators, day) if day else []
        return Response(ScorecardSerializer({"board": board, "as_at": day, "rows": rows}).data)


class ScorecardSeries(ListView):
    """Every figure of every scorecard indicator, rated, oldest first per indicator (periods a
    regular series skipped are rows without a value): one row per indicator and period end."""

    serializer_class = SeriesRowSerializer

    def get_queryset(self):
        board = visible(Board.objects, self.request, pk=self.kwargs["board_pk"])
        indicators = scorecard_of(board).prefetch_related("measurements", "targets")
        return [row for indicator in indicators for row in series(indicator)]
