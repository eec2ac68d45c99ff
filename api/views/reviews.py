"""Published case reviews and their lessons, to the people who read the board's case reviews."""

from drf_spectacular.utils import extend_schema

from reviews.models import PUBLISHED_STATUSES, CaseReview

from ..serializers.reviews import ReviewSerializer
from .base import DetailView, ListView
from .plans import BOARD_FILTER, board_filter


def published(request):
    reviews = CaseReview.objects.visible_to(request.user).filter(status__in=PUBLISHED_STATUSES)
    return reviews.select_related("board").prefetch_related("lessons__themes")


@extend_schema(parameters=[BOARD_FILTER])
class ReviewList(ListView):
    """Published case reviews (published or closed) of the boards whose reviews you read."""

    serializer_class = ReviewSerializer

    def get_queryset(self):
        reviews = board_filter(published(self.request), self.request)
        return reviews.order_by("board__name", "-publication_date", "reference", "pk")


class ReviewDetail(DetailView):
    """One published case review with its lessons (a review not yet published: 404)."""

    serializer_class = ReviewSerializer

    def get_queryset(self):
        return published(self.request)
