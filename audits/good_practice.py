"""The good practice catalogue (seed section 14): examples of practice that made a difference for a
child or an adult, sent in by the board's people, approved and published by its office, and read and
searched by everyone of the board. Imported at the end of audits/models.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board, BoardKind, LearningTheme


class GoodPracticeStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for approval"
    RETURNED = "returned", "Returned for changes"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The submitter may still change (and then resubmit) an example in these states.
OPEN_TO_SUBMITTER = (GoodPracticeStatus.SUBMITTED, GoodPracticeStatus.RETURNED)


class GoodPracticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published examples of the boards the user belongs to; their own examples in any state; and
        every example of the boards whose office they are."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(status=GoodPracticeStatus.PUBLISHED, board__in=Board.objects.visible_to(user))
            | Q(submitted_by=user)
            | Q(board__in=Board.objects.managed_by(user))
        )

    def published(self):
        return self.filter(status=GoodPracticeStatus.PUBLISHED)

    def waiting(self):
        return self.filter(status=GoodPracticeStatus.SUBMITTED)

    def search(self, text):
        """Examples whose title, summary or outcome hold every word of `text`."""
        for word in text.split():
            self = self.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(outcome__icontains=word)
            )
        return self


class GoodPractice(models.Model):
    """An example of good practice: what an agency did, and what changed for the child (or adult)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="good_practice")
    title = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="good_practice")
    summary = models.TextField("what was done")
    outcome = models.TextField("what changed for the child")
    themes = models.ManyToManyField(
        LearningTheme, blank=True, related_name="good_practice", verbose_name="learning themes"
    )
    practice_date = models.DateField("when", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=GoodPracticeStatus.choices, default=GoodPracticeStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted = models.DateTimeField(default=timezone.now)
    office_comment = models.TextField("comment from the board office", blank=True)
    published = models.DateField("published on", null=True, blank=True)

    history = HistoricalRecords()
    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-submitted", "-pk"]
        verbose_name = "example of good practice"
        verbose_name_plural = "examples of good practice"
        indexes = [
            models.Index(fields=["board", "status", "-published"], name="good_practice_catalogue")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:good_practice_entry", args=[self.pk])

    @property
    def person(self):
        """Whom the practice was for: a child, or an adult at an adults board."""
        return "adult" if self.board.kind == BoardKind.ADULTS else "child"
