"""Boards, plans, their actions and each action's RAG history (its updates that count)."""

from rest_framework import serializers

from actions.models import Action, Plan, Update
from boards.models import Board


class BoardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Board
        fields = ["id", "name", "short_name", "kind", "area"]


class UpdateSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="name", read_only=True)
    rag_label = serializers.CharField(source="get_rag_display", read_only=True)

    class Meta:
        model = Update
        fields = ["id", "created", "cycle", "rag", "rag_label", "forecast_rag", "text", "comment"]


class ActionSerializer(serializers.ModelSerializer):
    theme = serializers.StringRelatedField()
    owners = serializers.StringRelatedField(many=True)
    agency = serializers.StringRelatedField()
    rag_label = serializers.CharField(source="get_rag_display", read_only=True)
    updates = UpdateSerializer(source="current_updates", many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "ref",
            "text",
            "theme",
            "owners",
            "named_owners",
            "agency",
            "due_date",
            "due_note",
            "outcome",
            "rag",
            "rag_label",
            "forecast_rag",
            "updates",
        ]


class PlanSerializer(serializers.ModelSerializer):
    board_name = serializers.CharField(source="board.name", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:plan")

    class Meta:
        model = Plan
        fields = ["id", "url", "board", "board_name", "name", "kind", "description", "closed"]


class PlanDetailSerializer(PlanSerializer):
    actions = ActionSerializer(source="visible_actions", many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "actions"]
