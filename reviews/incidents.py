"""The serious incident pipeline for children (Working Together 2023), after the notification and
around the rapid review: the agencies asked for their information (`InformationRequest`, each
return due on a working day the office sets), the national panel's response to the rapid review
(`PanelResponse`) and the partners' decision whether to hold a local child safeguarding practice
review (`LcsprDecision`: when yes, its start begins the 6-month clock to publication,
reviews/clocks.py). Imported by models.py: these are models of the reviews app.

Who sees an agency's request: the board office, the board's case review group, and the safeguarding
leads of that agency at that board (their own agency's requests only). Board members and the chair
read the review, not the agencies' returns."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, BoardMembership, Role

from . import clocks
from .models import CaseReview, ReviewSettings


def request_boards(user):
    """Boards whose agencies' returns the user reads in full: its office and case review group."""
    office = BoardMembership.objects.filter(user=user, role=Role.OFFICE).values("board")
    group = ReviewSettings.objects.filter(case_review_group__memberships__user=user)
    return Q(review__board__in=office) | Q(review__board__in=group.values("board"))


class ReturnState(models.TextChoices):
    """Where an agency's return stands against its due date."""

    AWAITED = "awaited", "Awaited"
    OVERDUE = "overdue", "Overdue"
    ON_TIME = "on_time", "Returned on time"
    LATE = "late", "Returned late"


RETURN_TAGS = {
    ReturnState.AWAITED: "govuk-tag--blue",
    ReturnState.OVERDUE: "govuk-tag--red",
    ReturnState.ON_TIME: "govuk-tag--green",
    ReturnState.LATE: "govuk-tag--orange",
}


class InformationRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        leads = BoardMembership.objects.filter(user=user, role=Role.AGENCY_LEAD).values("board")
        own = Q(agency=user.agency_id, review__board__in=leads) if user.agency_id else Q(pk=None)
        return self.filter(request_boards(user) | own)

    def in_state(self, state, today):
        """Requests in a ReturnState (on `today`), as a query."""
        returned = Q(submitted_on__isnull=False)
        conditions = {
            ReturnState.AWAITED: ~returned & Q(due__gte=today),
            ReturnState.OVERDUE: ~returned & Q(due__lt=today),
            ReturnState.ON_TIME: returned & Q(submitted_on__lte=models.F("due")),
            ReturnState.LATE: returned & Q(submitted_on__gt=models.F("due")),
        }
        return self.filter(conditions[ReturnState(state)])

    def open(self):
        """Not yet returned: the lead's to-do."""
        return self.filter(submitted_on__isnull=True)


class InformationRequest(models.Model):
    """One agency asked for its information for a review's rapid review."""

    review = models.ForeignKey(
        CaseReview, on_delete=models.CASCADE, related_name="information_requests"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    due = models.DateField("return due", help_text="A working day.")
    asked_on = models.DateField(default=timezone.localdate)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    chronology = models.TextField(
        "summary of the agency's chronology",
        blank=True,
        help_text="The agency's key contacts with the child and family, in date order, briefly.",
    )
    involvement = models.TextField(
        "the agency's involvement",
        blank=True,
        help_text="What services the agency provided, and its view of what happened.",
    )
    initial_learning = models.TextField(
        "initial learning",
        blank=True,
        help_text="What the agency has already identified it could do better, and any good practice.",
    )
    submitted_on = models.DateField("date returned", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["review", "due", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "agency"], name="unique_information_request")
        ]

    def __str__(self):
        return f"{self.review}: {self.agency}'s information"

    def get_absolute_url(self):
        return reverse("reviews:information_request", args=[self.pk])

    @property
    def board(self):
        return self.review.board

    def state(self, today=None):
        today = today or timezone.localdate()
        if self.submitted_on:
            return ReturnState.ON_TIME if self.submitted_on <= self.due else ReturnState.LATE
        return ReturnState.OVERDUE if today > self.due else ReturnState.AWAITED

    def state_tag(self):
        return RETURN_TAGS[self.state()]


class PanelView(models.TextChoices):
    AGREES = "agrees", "Agrees with the rapid review's recommendation"
    DISAGREES = "disagrees", "Disagrees with the rapid review's recommendation"


class PanelResponse(models.Model):
    """The Child Safeguarding Practice Review Panel's response to the rapid review."""

    review = models.OneToOneField(
        CaseReview, on_delete=models.CASCADE, related_name="panel_response"
    )
    received = models.DateField("date the response was received")
    view = models.CharField("the panel's view", max_length=20, choices=PanelView.choices)
    text = models.TextField(
        "the panel's response", help_text="As the panel wrote it, or its main points."
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"The national panel's response on {self.review}"

    def get_absolute_url(self):
        return self.review.get_absolute_url() + "#incident"


class Decision(models.TextChoices):
    LCSPR = "lcspr", "Yes: a local child safeguarding practice review"
    NO_REVIEW = "none", "No local child safeguarding practice review"


class LcsprDecision(models.Model):
    """The safeguarding partners' decision, after the rapid review, whether to hold a local child
    safeguarding practice review, and why. When yes, the review's start starts its clock."""

    review = models.OneToOneField(
        CaseReview, on_delete=models.CASCADE, related_name="lcspr_decision"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reasons = models.TextField()
    decided_on = models.DateField("date of the decision")
    lcspr_start = models.DateField("date the practice review started", null=True, blank=True)
    # Worked out on every save, so lists and the daily clock check filter in the database.
    publication_due = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["publication_due"])

    def __str__(self):
        return f"The decision on {self.review}"

    def save(self, *args, **kwargs):
        self.publication_due = clocks.publication_due(self.lcspr_start)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.review.get_absolute_url() + "#incident"
