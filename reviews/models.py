from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions.models import Action, Plan
from boards.models import BOARD_READER_ROLES, Board, BoardKind, BoardMembership, LearningTheme
from core.rag import DONE

from . import clocks


class ReviewKind(models.TextChoices):
    SCR = "scr", "Serious case review"
    LCSPR = "lcspr", "Local child safeguarding practice review"
    RAPID = "rapid", "Rapid review"
    PRACTICE = "practice", "Practice review"
    IMR = "imr", "Internal management review"
    SAR = "sar", "Safeguarding adults review"


def kinds_for(board):
    """The kinds of review a board holds: an adults board's are safeguarding adults reviews (Care Act
    2014 s44), recorded from their referral; a children's board's are the others."""
    if board.kind == BoardKind.ADULTS:
        return [ReviewKind.SAR]
    return [kind for kind in ReviewKind if kind != ReviewKind.SAR]


class Status(models.TextChoices):
    """The stages of a review, in order."""

    NOTIFIED = "notified", "Notified"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    DECISION = "decision", "Decision"
    COMMISSIONED = "commissioned", "Commissioned"
    IN_PROGRESS = "in_progress", "In progress"
    DRAFT_REPORT = "draft_report", "Draft report"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


def status_label(status, kind):
    """A status in the words of the review's kind: a SAR begins with a referral, not a
    notification to the national panel."""
    if kind == ReviewKind.SAR and status == Status.NOTIFIED:
        return "Referral received"
    return Status(status).label


STATUS_ORDER = list(Status)
PUBLISHED_STATUSES = STATUS_ORDER[STATUS_ORDER.index(Status.PUBLISHED) :]


def review_boards(user):
    """Boards whose case reviews the user may read: its office staff, chair and members, and the
    members of its case review group. Agency leads and other groups' members see none."""
    if not user.is_authenticated:
        return Board.objects.none()
    if user.is_superuser:
        return Board.objects.all()
    readers = BoardMembership.objects.filter(user=user, role__in=BOARD_READER_ROLES)
    group = ReviewSettings.objects.filter(case_review_group__memberships__user=user)
    return Board.objects.filter(Q(pk__in=readers.values("board")) | Q(pk__in=group.values("board")))


class ReviewSettings(models.Model):
    """Per board: which of its groups is the case review group (its members edit case reviews)."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="review_settings")
    case_review_group = models.ForeignKey(
        "subgroups.Subgroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Its members manage the board's case reviews with the board office.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "case review settings"
        verbose_name_plural = "case review settings"

    def __str__(self):
        return f"Case review settings of {self.board}"

    def get_absolute_url(self):
        return reverse("reviews:list")


class CaseReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        # with the decision after a rapid review: its clock is one of the review's (clocks.py)
        return self.filter(board__in=review_boards(user)).select_related("lcspr_decision")

    def with_counts(self):
        """Lessons and the action plan's completed and outstanding actions, counted in the query."""
        return self.annotate(
            lesson_count=Count("lessons", distinct=True),
            completed=Count("plan__actions", filter=Q(plan__actions__rag__in=DONE), distinct=True),
            outstanding=Count(
                "plan__actions", filter=~Q(plan__actions__rag__in=DONE), distinct=True
            ),
        )

    def as_at(self, day):
        """Each review with its status and kind as its log (`StatusChange`) left them at the end of
        `day` (`status_then`, `kind_then`): empty for a review first recorded later. A review with
        no log at all (recorded before the log was kept) keeps its stored status and kind."""
        then = StatusChange.objects.filter(review=models.OuterRef("pk"), on__lte=day).order_by(
            "-on", "-recorded", "-pk"
        )
        unlogged = ~models.Exists(StatusChange.objects.filter(review=models.OuterRef("pk")))

        def stored_or_none(field):
            return models.Case(models.When(unlogged, then=models.F(field)), default=Value(""))

        return self.annotate(
            status_then=Coalesce(Subquery(then.values("status")[:1]), stored_or_none("status")),
            kind_then=Coalesce(Subquery(then.values("kind")[:1]), stored_or_none("kind")),
        )

    def published_as_at(self, day):
        """Reviews published (or published and closed) by the end of `day`, as their log says."""
        return self.as_at(day).filter(status_then__in=PUBLISHED_STATUSES)

    def clock_running(self):
        """A clock has started and has not been met."""
        return self.filter(
            Q(known_date__isnull=False, notified_date__isnull=True)
            | Q(notified_date__isnull=False, rapid_review_date__isnull=True)
            | Q(lcspr_decision__lcspr_start__isnull=False, publication_date__isnull=True)
        )

    def overdue(self, today):
        return self.filter(
            Q(notified_date__isnull=True, notification_due__lt=today)
            | Q(rapid_review_date__isnull=True, rapid_review_due__lt=today)
            | Q(publication_date__isnull=True, lcspr_decision__publication_due__lt=today)
        )

    def due_soon(self, today):
        """A running clock falls due between today and the next two working days."""
        limit = clocks.soon_limit(today)
        return self.filter(
            Q(notified_date__isnull=True, notification_due__range=(today, limit))
            | Q(rapid_review_date__isnull=True, rapid_review_due__range=(today, limit))
            | Q(
                publication_date__isnull=True,
                lcspr_decision__publication_due__range=(today, limit),
            )
        )


REFERENCE_PATTERN = r"^(Child|Children|Adult|Family) ([A-Z]{1,3}|[1-9][0-9]{0,2})$"
REFERENCE_HELP = (
    "The published reference, for example “Child N”. Never a name, initials that could identify "
    "someone, a date of birth, an address or a school."
)


class CaseReview(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="case_reviews")
    reference = models.CharField(
        max_length=30,
        help_text=REFERENCE_HELP,
        validators=[
            RegexValidator(
                REFERENCE_PATTERN,
                "Use a published reference such as “Child N”, “Adult B” or “Child 3”: the word "
                "Child, Children, Adult or Family, a space and one to three capital letters or a "
                "number. Never a name.",
            )
        ],
    )
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOTIFIED)
    incident_date = models.DateField("date of the incident", null=True, blank=True)
    known_date = models.DateField(
        "date the incident became known",
        null=True,
        blank=True,
        help_text="Starts the 5 working day clock for the notification.",
    )
    notified_date = models.DateField(
        "date the national panel was notified",
        null=True,
        blank=True,
        help_text="Stops the notification clock and starts the 15 working day rapid review clock.",
    )
    rapid_review_date = models.DateField(
        "date the rapid review was completed", null=True, blank=True
    )
    decision_date = models.DateField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    period_start = models.DateField("period under review from", null=True, blank=True)
    period_end = models.DateField("period under review to", null=True, blank=True)
    period_note = models.CharField(
        "period under review, in words",
        max_length=300,
        blank=True,
        help_text="For example “from mid-2014 until the child's death”, when there are no exact dates.",
    )
    summary = models.TextField(
        "the child's story",
        blank=True,
        help_text="As published. No names, places or details that could identify the child or family.",
    )
    # Due dates are worked out from the dates above on every save, so lists filter in the database.
    notification_due = models.DateField(null=True, blank=True, editable=False)
    rapid_review_due = models.DateField(null=True, blank=True, editable=False)
    plan = models.OneToOneField(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_review",
        verbose_name="action plan",
    )

    history = HistoricalRecords(excluded_fields=["notification_due", "rapid_review_due"])
    objects = CaseReviewQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-publication_date", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["board", "reference"], name="unique_review_reference")
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.notification_due = clocks.notification_due(self.known_date)
        self.rapid_review_due = clocks.rapid_review_due(self.notified_date)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reviews:review", args=[self.pk])

    @property
    def status_label(self):
        return status_label(self.status, self.kind)

    def clocks(self):
        return clocks.clocks(self)

    def clock_states(self, today=None):
        today = today or timezone.localdate()
        return [(clock, clock.state(today)) for clock in self.clocks()]

    @property
    def is_published(self):
        return self.status in PUBLISHED_STATUSES


class StatusChange(models.Model):
    """One move of a review: to another status, or re-categorised to another kind. Never edited."""

    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="changes")
    previous_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    previous_kind = models.CharField(max_length=20, choices=ReviewKind.choices, blank=True)
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    on = models.DateField("date", help_text="When it happened.")
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_changes",
    )
    recorded = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "on", "recorded", "pk"]

    def __str__(self):
        return f"{self.review}: {self.describe()}"

    @property
    def recategorised(self):
        return bool(self.previous_kind) and self.previous_kind != self.kind

    def describe(self):
        if self.recategorised:
            return (
                f"Re-categorised from {ReviewKind(self.previous_kind).label.lower()} "
                f"to {ReviewKind(self.kind).label.lower()}"
            )
        now = status_label(self.status, self.kind).lower()
        if not self.previous_status:
            return f"Recorded as {now}"
        return f"Moved from {status_label(self.previous_status, self.kind).lower()} to {now}"


class Lesson(models.Model):
    """One numbered lesson of a review. Lines starting "- " are its points."""

    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="lessons")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(
        max_length=200, blank=True, help_text="A heading, where the lesson has one."
    )
    text = models.TextField("lesson")
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="lessons")
    actions = models.ManyToManyField(
        Action,
        blank=True,
        related_name="answers_lessons",
        help_text="Actions of the review's action plan that answer this lesson.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="unique_lesson_number")
        ]

    def __str__(self):
        return f"{self.review} lesson {self.number}"

    def get_absolute_url(self):
        return self.review.get_absolute_url() + f"#lesson-{self.number}"

    @property
    def lead(self):
        return "\n".join(
            line for line in self.text.splitlines() if not line.lstrip().startswith("- ")
        )

    @property
    def points(self):
        return [
            line.lstrip()[2:] for line in self.text.splitlines() if line.lstrip().startswith("- ")
        ]


class Recommendation(models.Model):
    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")
    actions = models.ManyToManyField(
        Action,
        blank=True,
        related_name="answers_recommendations",
        help_text="Actions of the review's action plan that answer this recommendation.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="unique_recommendation_number"
            )
        ]

    def __str__(self):
        return f"{self.review} recommendation {self.number}"

    def get_absolute_url(self):
        return self.review.get_absolute_url() + f"#recommendation-{self.number}"


class Dissemination(models.TextChoices):
    """What the board does to spread a published review's learning (the seed's section 25)."""

    TRAINING = "training", "Training materials reviewed"
    POLICIES = "policies", "Policies and procedures reviewed"
    WEBSITE = "website", "Website updated"
    NEWSLETTER = "newsletter", "Newsletter published"
    EVENTS = "events", "Workshops or conference held"
    ASSURANCE = "assurance", "Assurance sought from agencies"


class DisseminationTask(models.Model):
    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="dissemination")
    task = models.CharField(max_length=20, choices=Dissemination.choices)
    done_on = models.DateField("date done", null=True, blank=True)
    done_by = models.CharField(
        "who did it", max_length=200, blank=True, help_text="A role or a group, not a name."
    )
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "task"]
        constraints = [
            models.UniqueConstraint(fields=["review", "task"], name="unique_dissemination_task")
        ]

    def __str__(self):
        return f"{self.review}: {self.get_task_display()}"

    def get_absolute_url(self):
        return self.review.get_absolute_url() + "#dissemination"


# The serious incident pipeline (agencies' information, the panel's response, the decision).
from .incidents import InformationRequest, LcsprDecision, PanelResponse  # noqa: E402, F401

# Safeguarding adults reviews: models of this app kept in their own module.
from .sar import MarkerAssessment, SarDetails  # noqa: E402, F401
