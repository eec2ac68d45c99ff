"""Published case reviews (published or closed) and their lessons."""

from rest_framework import serializers

from reviews.models import CaseReview, Lesson


class LessonSerializer(serializers.ModelSerializer):
    themes = serializers.StringRelatedField(many=True)

    class Meta:
        model = Lesson
        fields = ["number", "title", "text", "themes"]


class ReviewSerializer(serializers.ModelSerializer):
    board_name = serializers.CharField(source="board.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    lessons = LessonSerializer(many=True, read_only=True)

    class Meta:
        model = CaseReview
        fields = [
            "id",
            "board",
            "board_name",
            "reference",
            "kind",
            "kind_label",
            "status",
            "publication_date",
            "period_start",
            "period_end",
            "period_note",
            "summary",
            "lessons",
        ]
