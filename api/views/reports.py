"""Published versions of the annual reports a person may read, and each version's tables as frozen
when it was published (the same tables as its PDF, XLSX and CSV files)."""

from drf_spectacular.utils import extend_schema

from reports.models import AnnualReport, Publication
from reports.output import tables

from ..serializers.reports import PublicationDetailSerializer, PublicationSerializer
from .base import DetailView, ListView
from .plans import BOARD_FILTER, board_filter


def publications(request):
    reports = AnnualReport.objects.visible_to(request.user)
    return Publication.objects.filter(report__in=reports).select_related("report__board")


@extend_schema(parameters=[BOARD_FILTER])
class PublicationList(ListView):
    """Published versions of your boards' annual reports, newest first (never the live draft)."""

    serializer_class = PublicationSerializer

    def get_queryset(self):
        found = board_filter(publications(self.request), self.request, "report__board")
        return found.order_by("-report__period_end", "report__title", "-version", "pk")


class PublicationDetail(DetailView):
    """A published version with its tables, as frozen when it was published."""

    serializer_class = PublicationDetailSerializer

    def get_queryset(self):
        return publications(self.request)

    def get_object(self):
        publication = super().get_object()
        publication.tables = tables(publication.content)
        return publication
