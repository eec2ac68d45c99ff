"""Published versions of annual reports and their tables, as frozen when published."""

from rest_framework import serializers

from reports.models import Publication


class PublicationSerializer(serializers.ModelSerializer):
    board = serializers.IntegerField(source="report.board_id", read_only=True)
    board_name = serializers.CharField(source="report.board.name", read_only=True)
    title = serializers.CharField(source="report.title", read_only=True)
    period_start = serializers.DateField(source="report.period_start", read_only=True)
    period_end = serializers.DateField(source="report.period_end", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:publication")

    class Meta:
        model = Publication
        fields = [
            "id",
            "url",
            "board",
            "board_name",
            "title",
            "period_start",
            "period_end",
            "version",
            "published",
        ]


class TableSerializer(serializers.Serializer):
    section = serializers.IntegerField()
    section_title = serializers.CharField()
    caption = serializers.CharField()
    head = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class PublicationDetailSerializer(PublicationSerializer):
    tables = TableSerializer(many=True, read_only=True)

    class Meta(PublicationSerializer.Meta):
        fields = [*PublicationSerializer.Meta.fields, "tables"]
