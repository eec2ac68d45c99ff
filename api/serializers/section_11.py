"""Section 11: cycles, the results as the compliance report counts them (a figure from fewer than
three returns is the text "fewer than 3": audits/compliance.py), and the returns a person may read."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from audits.compliance import FEWER
from audits.models import AuditCycle, Rating, StandardResult, Submission

FIGURE = {
    "oneOf": [{"type": "integer"}, {"type": "string", "enum": [FEWER]}],
    "nullable": True,
    "description": f"A number, or “{FEWER}” where fewer returns would show one agency's answers.",
}


@extend_schema_field(FIGURE)
class FigureField(serializers.Field):
    """A count or percentage, or FEWER (small-number suppression), or null for nothing to count."""

    def to_representation(self, value):
        return value


class CycleSerializer(serializers.ModelSerializer):
    framework = serializers.StringRelatedField()
    boards = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    results = serializers.HyperlinkedIdentityField(view_name="api:section_11_results")

    class Meta:
        model = AuditCycle
        fields = ["id", "name", "framework", "boards", "opens", "closes", "closed", "results"]


class CountsSerializer(serializers.Serializer):
    fully = FigureField(default=None)  # a standard without criteria has no counts at all
    partially = FigureField(default=None)
    not_met = FigureField(default=None)
    not_applicable = FigureField(source=Rating.NOT_APPLICABLE.value, default=None)


class StandardRowSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="item.number")
    title = serializers.CharField(source="item.title")
    counts = CountsSerializer()
    percent_fully_met = FigureField(source="fully")
    previous_percent_fully_met = FigureField(source="previous")
    change = serializers.IntegerField(allow_null=True)


class CriterionRowSerializer(serializers.Serializer):
    standard = serializers.IntegerField(source="item.standard.number")
    number = serializers.IntegerField(source="item.number")
    text = serializers.CharField(source="item.text")
    counts = CountsSerializer()
    percent_fully_met = FigureField(source="fully")


class SectorSerializer(serializers.Serializer):
    group = serializers.CharField()
    returns = FigureField()
    sectors = serializers.ListField(child=serializers.CharField())
    percent_fully_met_by_standard = serializers.ListField(child=FigureField())


class PartnersSerializer(serializers.Serializer):
    returns = FigureField(source="responses_shown")
    fully_met_every_standard = FigureField(source="fully_compliant")
    standards = StandardRowSerializer(many=True)


class ResultsSerializer(serializers.Serializer):
    cycle = serializers.CharField()
    previous_cycle = serializers.CharField(source="previous.cycle", allow_null=True)
    returns = serializers.IntegerField(source="responses")
    fully_met_every_standard = FigureField(source="fully_compliant")
    percent_fully_met_every_standard = FigureField(source="fully_compliant_percent")
    standards = StandardRowSerializer(many=True)
    criteria = CriterionRowSerializer(many=True)
    sectors = SectorSerializer(many=True)
    statutory_partners = PartnersSerializer()


class StandardResultSerializer(serializers.ModelSerializer):
    standard = serializers.IntegerField(source="standard.number")

    class Meta:
        model = StandardResult
        fields = ["standard", "rating"]


class ReturnSerializer(serializers.ModelSerializer):
    cycle_name = serializers.CharField(source="cycle.name", read_only=True)
    agency = serializers.StringRelatedField()
    results = StandardResultSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "cycle", "cycle_name", "agency", "status", "submitted", "results"]
