"""Boards and plans, each as the token's person sees them on the pages."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from actions.models import Action, Plan, Update
from boards.models import Board

from ..serializers.plans import BoardSerializer, PlanDetailSerializer, PlanSerializer
from .base import DetailView, ListView, visible

BOARD_FILTER = OpenApiParameter("board", OpenApiTypes.INT, description="Only this board's.")


def board_filter(queryset, request, field="board"):
    board = request.query_params.get("board", "")
    return queryset.filter(**{field: board}) if board.isdigit() else queryset


class BoardList(ListView):
    """The boards you belong to."""

    serializer_class = BoardSerializer

    def get_queryset(self):
        return Board.objects.visible_to(self.request.user).order_by("name")


@extend_schema(parameters=[BOARD_FILTER])
class PlanList(ListView):
    """The plans you may read (business plans, review, audit and inspection action plans)."""

    serializer_class = PlanSerializer

    def get_queryset(self):
        plans = Plan.objects.visible_to(self.request.user).select_related("board")
        return board_filter(plans, self.request).order_by("board__name", "name", "pk")


class PlanDetail(DetailView):
    """A plan with the actions you may read, each with its RAG history (its updates that count,
    newest first: withdrawn updates are left out, as the pages leave them out of every count)."""

    serializer_class = PlanDetailSerializer

    def get_object(self):
        plan = visible(Plan.objects.select_related("board"), self.request, pk=self.kwargs["pk"])
        updates = Update.objects.current().select_related("cycle").order_by("-created", "-pk")
        plan.visible_actions = (
            Action.objects.visible_to(self.request.user)
            .filter(plan=plan)
            .select_related("theme", "agency")
            .prefetch_related("owners", Prefetch("updates", updates, to_attr="current_updates"))
        )
        return plan
