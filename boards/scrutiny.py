"""Independent scrutiny (Working Together 2023): the scrutineer records findings about the
arrangements, each addressed to one safeguarding partner, whose lead or delegated partner answers it.

A model of the boards app kept in its own module (boards/models.py imports it). It names the boards
models by string and imports them only inside methods, so either module may be imported first."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ScrutinyFindingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Findings of the boards whose readers the user is (office, chair, members, scrutineer,
        safeguarding partners): scrutiny is about the whole arrangements."""
        from .models import BOARD_READER_ROLES, BoardMembership

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        readers = BoardMembership.objects.filter(user=user, role__in=BOARD_READER_ROLES)
        return self.filter(board__in=readers.values("board"))


class ScrutinyFinding(models.Model):
    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="findings")
    partner = models.CharField(
        "addressed to",
        max_length=10,
        choices=[
            ("la", "Local authority"),
            ("icb", "Integrated care board"),
            ("police", "Chief officer of police"),
        ],  # the same as boards.models.StatutoryPartner (tests/boards/test_statutory_roles.py)
        help_text="The safeguarding partner who must answer this finding.",
    )
    title = models.CharField(max_length=200)
    finding = models.TextField(
        help_text="What the scrutiny found, and what is asked of the partner."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField(default=timezone.localdate)
    response = models.TextField(blank=True, help_text="The partner's answer.")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ScrutinyFindingQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("boards:finding", args=[self.pk])

    @property
    def answered(self):
        return bool(self.response)
