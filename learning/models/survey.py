"""The annual practitioner survey: a board's survey of front-line staff, its questions (a choice on a
scale, several choices, free text), one link per agency to answer it without an account, and the
anonymous responses. A question repeated from last year's survey points at the question it repeats,
so its answers compare year on year even when its wording changes; so do its answer choices.

A survey transcribed from an earlier report (the seed's 2015 and 2016 surveys) has no individual
responses: its results are recorded as the report printed them (`RecordedResult`: a share and, where
printed, a count per answer choice), and `Survey.recorded_responses` holds the number who responded.
"""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Surveys of the boards the user can see (their results are totals; free text is the
        office's alone, by permission)."""
        return self.filter(board__in=Board.objects.visible_to(user))

    def closed_between(self, start, end):
        """Surveys whose last day of answers fell between `start` and `end` (both included): the
        surveys of a year, as they stood at its end."""
        return self.filter(closes__range=(start, end))


def new_token():
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(max_length=200, help_text="For example, “Practitioner survey 2016”.")
    intro = models.TextField(
        "introduction", blank=True, help_text="Shown to staff above the questions."
    )
    opens = models.DateField(null=True, blank=True)
    closes = models.DateField(null=True, blank=True, help_text="The last day answers are taken.")
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="last year's survey",
    )
    period_note = models.CharField(
        "when it ran", max_length=100, blank=True, help_text="When the dates are not known."
    )
    recorded_responses = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For a survey transcribed from an earlier report: how many responded.",
    )

    history = HistoricalRecords()
    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["board", models.F("closes").desc(nulls_last=True), "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["board", "title"], name="unique_survey_title")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:survey", args=[self.pk])

    @property
    def is_recorded(self):
        return self.recorded_responses is not None

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return bool(self.opens and self.closes and self.opens <= today <= self.closes)

    def status(self, today=None):
        today = today or timezone.localdate()
        if self.is_recorded:
            return "Recorded from a report"
        if not (self.opens and self.closes):
            return "Draft"
        if today < self.opens:
            return "Not yet open"
        return "Open" if today <= self.closes else "Closed"

    @property
    def period(self):
        if self.opens and self.closes:
            return f"{self.opens:%-d %B %Y} to {self.closes:%-d %B %Y}"
        return self.period_note


class QuestionKind(models.TextChoices):
    SCALE = "scale", "One choice on a scale"
    CHOICES = "choices", "Several choices (tick all that apply)"
    TEXT = "text", "Free text"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.CharField("question", max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    kind = models.CharField(
        "type of answer", max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    repeats = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        help_text="Last year's question this one repeats (its answers compare year on year).",
    )
    recorded_answered = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a recorded survey: how many answered, if printed."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="unique_question_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"

    def get_absolute_url(self):
        return f"{self.survey.get_absolute_url()}#question-{self.number}"

    @property
    def has_choices(self):
        return self.kind != QuestionKind.TEXT


class Option(models.Model):
    """An answer choice. A repeated question's choices point at last year's; several choices may
    point at one (a choice split in two) and are then compared together."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=200)
    repeats = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="repeated_by"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "number"]

    def __str__(self):
        return self.text


class SurveyLink(models.Model):
    """The link one agency's staff answer through: its token is the whole of its secret."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="survey_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        ordering = ["survey", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "agency"], name="unique_survey_link")
        ]

    def __str__(self):
        return f"{self.survey} – {self.agency}"

    def get_absolute_url(self):
        return reverse("learning:survey_answer", args=[self.token])


class Response(models.Model):
    """One anonymous response: the agency whose link it came through (for results by sector) and
    the day it arrived. No user, no address, no time of day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    submitted = models.DateField(default=timezone.localdate)

    def __str__(self):
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One choice ticked (a row per choice), or the free text typed."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    text = models.TextField(blank=True)

    def __str__(self):
        return f"Answer to {self.question_id}"


class RecordedResult(models.Model):
    """A result as an earlier report printed it: the share who chose an answer, and how many when
    the report gives it. Recorded surveys have these instead of responses."""

    option = models.OneToOneField(Option, on_delete=models.CASCADE, related_name="recorded")
    share = models.DecimalField("per cent", max_digits=5, decimal_places=2)
    count = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.option}: {self.share}%"
