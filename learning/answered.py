"""The courses that answer a case review or a multi-agency quality audit, drawn on the review's and
the audit's pages (registered in apps.py through core/related.py, so neither imports learning):
the courses of the board the person can see, each with its level and next session."""

from django.db.models import Min, Q
from django.utils import timezone

from .models import ANSWERS, Course


def courses_answering(obj, user):
    if user is None or not user.is_authenticated:
        return None
    today = timezone.localdate()
    courses = (
        Course.objects.visible_to(user)
        .answering(obj)
        .annotate(next_session=Min("sessions__date", filter=Q(sessions__date__gte=today)))
        .order_by("title")
    )
    return {"courses": courses, "answered": obj._meta.verbose_name}


def register_sections():
    from core.related import register

    for label in ANSWERS:
        register(label, "learning/training/_courses_answering.html", courses_answering)
