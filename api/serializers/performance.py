"""The scorecard: each indicator as at a date (performance.rating.Rated), and its series of figures,
one flat row per indicator and period end (what a spreadsheet or Power BI reads as a table)."""

from rest_framework import serializers

from core.rag import Rag
from performance.models import Indicator, Trend


def number(**kwargs):
    """A figure as a JSON number (not DRF's default string), or null."""
    return serializers.DecimalField(
        max_digits=None, decimal_places=None, coerce_to_string=False, allow_null=True, **kwargs
    )


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "code", "description", "area", "unit", "polarity", "source"]


class RatedSerializer(serializers.Serializer):
    """An indicator's figure on or before the date, rated against its target."""

    figure_date = serializers.DateField(allow_null=True)
    value = number()
    value_text = serializers.CharField()
    target = number(source="target.value")
    target_text = serializers.CharField()
    rag = serializers.ChoiceField(choices=Rag.choices)
    rag_label = serializers.SerializerMethodField()
    rag_reason = serializers.CharField()
    trend = serializers.ChoiceField(choices=Trend.choices)
    trend_reason = serializers.CharField()
    previous_value = number(source="previous.value")
    note = serializers.CharField(source="measurement.note", allow_null=True)

    def get_rag_label(self, row) -> str:
        return Rag(row.rag).label


class ScorecardRowSerializer(RatedSerializer):
    indicator = IndicatorSerializer()


class ScorecardSerializer(serializers.Serializer):
    board = serializers.CharField()
    as_at = serializers.DateField(allow_null=True, help_text="The date the figures are as at.")
    rows = ScorecardRowSerializer(many=True)


class SeriesRowSerializer(RatedSerializer):
    """One figure of one scorecard indicator (or a period a regular series skipped: no value)."""

    indicator = serializers.IntegerField(source="indicator.pk")
    code = serializers.CharField(source="indicator.code")
    description = serializers.CharField(source="indicator.description")
    area = serializers.CharField(source="indicator.area")
    unit = serializers.CharField(source="indicator.unit")
    period_end = serializers.DateField()
