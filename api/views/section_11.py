"""Section 11: the cycles a person sees, each cycle's results as its report counts them (totals only,
small numbers suppressed), and the returns they may read (the office: its boards'; an agency's lead:
their agency's; nobody else any)."""

from dataclasses import dataclass

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from audits.compliance import by_sector, compliance, statutory_partners
from audits.models import AuditCycle, Submission

from ..serializers.section_11 import CycleSerializer, ResultsSerializer, ReturnSerializer
from .base import ApiView, ListView, visible


class CycleList(ListView):
    """The Section 11 audit cycles of your boards."""

    serializer_class = CycleSerializer

    def get_queryset(self):
        cycles = AuditCycle.objects.visible_to(self.request.user).select_related("framework")
        return cycles.prefetch_related("boards").order_by("-opens", "pk")


@dataclass
class Results:
    """The report of a cycle with the parts its page shows beside it."""

    report: object
    sectors: list
    statutory_partners: object

    def __getattr__(self, name):
        return getattr(self.report, name)


class CycleResults(ApiView):
    """A cycle's results as its compliance report shows them: counts and % fully met per standard
    and criterion (with last cycle's), by sector, and the statutory partners'; never one return."""

    @extend_schema(responses=ResultsSerializer)
    def get(self, request, pk):
        cycle = visible(AuditCycle.objects.select_related("framework", "previous"), request, pk=pk)
        report = compliance(cycle)
        groups = {g.group: g for g in by_sector(cycle)}
        sectors = [
            {
                "group": group,
                "returns": returns,
                "sectors": groups[group].sectors if group in groups else [],
                "percent_fully_met_by_standard": figures,
            }
            for group, returns, figures in report.sectors
        ]
        results = Results(report, sectors, statutory_partners(cycle))
        return Response(ResultsSerializer(results).data)


class ReturnList(ListView):
    """The Section 11 returns you may read: office staff, their boards'; an agency's safeguarding
    lead, their agency's. Each with its status and, once submitted, its result per standard."""

    serializer_class = ReturnSerializer

    def get_queryset(self):
        returns = Submission.objects.visible_to(self.request.user)
        return returns.select_related("cycle", "agency").prefetch_related("results__standard")
