import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions.models import Action, Plan
from boards.models import Agency, Board, BoardMembership, Role


class Rating(models.TextChoices):
    FULLY = "fully", "Fully met"
    PARTIALLY = "partially", "Partially met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "na", "Not applicable"


NEEDS_ACTION = (Rating.PARTIALLY, Rating.NOT_MET)


class FrameworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What the user may read: what their boards may use, and the framework of any cycle they
        see."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        cycles = AuditCycle.objects.visible_to(user).values("framework")
        return self.filter(self.usable_by_boards(Board.objects.visible_to(user)) | Q(pk__in=cycles))

    def usable_by(self, user):
        """What the user's office may run a cycle with."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(self.usable_by_boards(Board.objects.managed_by(user)))

    @staticmethod
    def usable_by_boards(boards):
        """The library, the boards' own frameworks and those their owners share with the boards."""
        shared = Framework.shared_with.through.objects.filter(board__in=boards)
        return Q(board__isnull=True) | Q(board__in=boards) | Q(pk__in=shared.values("framework"))


class Framework(models.Model):
    """A versioned set of standards, e.g. "Section 11 self-assessment", version 2016. It belongs to
    a board, whose office edits it and may share it with other boards; or (no board) to the
    deployment-wide library, which system administrators edit and every office reads and copies."""

    board = models.ForeignKey(
        Board,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
        help_text="The board whose office edits it; empty for the deployment-wide library.",
    )
    shared_with = models.ManyToManyField(
        Board,
        blank=True,
        related_name="shared_frameworks",
        help_text="Other boards that may run cycles with it (the owner's office chooses).",
    )
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    description = models.TextField(blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_versions"
    )

    history = HistoricalRecords()
    objects = FrameworkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["board", "name", "version"], name="unique_framework_version"
            ),
            models.UniqueConstraint(
                fields=["name", "version"],
                condition=models.Q(board__isnull=True),
                name="unique_library_framework_version",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"

    def get_absolute_url(self):
        return reverse("audits:framework", args=[self.pk])

    @property
    def owner(self):
        return self.board.short_name if self.board_id else "Library"


class Standard(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_standard_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{self.framework.get_absolute_url()}#standard-{self.number}"


class Criterion(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    replaces = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
        help_text="The criteria of the previous version this one continues, for year-on-year comparison.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["standard", "number"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="unique_criterion_number")
        ]

    def __str__(self):
        return f"{self.standard.number}.{self.number} {self.text[:60]}"

    def get_absolute_url(self):
        return self.standard.get_absolute_url()


class AuditCycleQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cycles of the boards the user can see."""
        return self.filter(pk__in=of_boards(Board.objects.visible_to(user)))

    def open(self, today):
        """Taking returns on `today`: opened, and not yet closed by the office (a cycle past its
        deadline still takes late returns until the office closes it). The one definition of "open":
        AuditCycle.is_open applies the same rule to one cycle."""
        return self.filter(opened(today), ~closed_by(today))

    def closed_by(self, today):
        """Closed by the office on or before `today`: history, never something to do."""
        return self.filter(closed_by(today))

    def not_yet_open(self, today):
        return self.filter(opens__gt=today)

    def results_changed(self):
        """Call whenever returns enter or leave these cycles' count: cached summaries are then stale."""
        return self.update(results_token=uuid.uuid4())


def opened(today):
    return Q(opens__lte=today)


def closed_by(today):
    return Q(closed__isnull=False, closed__lte=today)


def of_boards(boards):
    """The ids of the cycles serving `boards`, as a subquery (no join to multiply rows)."""
    return AuditCycle.boards.through.objects.filter(board__in=boards).values_list(
        "auditcycle", flat=True
    )


class AuditCycle(models.Model):
    """One round of self-assessment, e.g. "Section 11 audit 2016-17". One cycle may serve several
    boards: an agency on all of them submits once and each board sees the submission."""

    name = models.CharField(max_length=200)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="cycles")
    boards = models.ManyToManyField(Board, related_name="audit_cycles")
    expected = models.ManyToManyField(
        Agency, blank=True, related_name="audit_cycles", verbose_name="agencies expected"
    )
    opens = models.DateField()
    closes = models.DateField(
        "deadline",
        help_text="Agencies see this date; late returns are taken until the cycle is closed.",
    )
    closed = models.DateField(
        null=True, blank=True, help_text="Set by the office when no more returns are taken."
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Last year's cycle.",
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_cycles",
        help_text="Where accepted returns' improvement actions are tracked.",
    )
    # Changed whenever a return enters or leaves the count (see results_changed): it keys the cache
    # of the cycle's summary (audits/compliance.py), so a cached summary is never out of date.
    results_token = models.UUIDField(default=uuid.uuid4, editable=False)

    history = HistoricalRecords(excluded_fields=["results_token"])
    objects = AuditCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-opens"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("audits:cycle", args=[self.pk])

    def is_open(self, today=None):
        """Taking returns: the rule of AuditCycleQuerySet.open, for one cycle already loaded."""
        today = today or timezone.localdate()
        return self.opens <= today and not (self.closed is not None and self.closed <= today)


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    ACCEPTED = "accepted", "Accepted"


COUNTED = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)  # drafts never count in results


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office staff see their boards' submissions; an agency's leads see their agency's; nobody else
        sees individual submissions (board members see the aggregate report)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        office_boards = Board.objects.managed_by(user)
        own = models.Q(pk__in=[])
        if (
            user.agency_id
            and BoardMembership.objects.filter(user=user, role=Role.AGENCY_LEAD).exists()
        ):
            own = models.Q(agency_id=user.agency_id)
        return self.filter(models.Q(cycle__in=of_boards(office_boards)) | own)

    def counted(self):
        return self.filter(status__in=COUNTED)


class Submission(models.Model):
    """An agency's self-assessment for a cycle: one per agency per cycle."""

    cycle = models.ForeignKey(AuditCycle, on_delete=models.PROTECT, related_name="submissions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted = models.DateTimeField(null=True, blank=True)
    signed_off_name = models.CharField("senior lead's name", max_length=150, blank=True)
    signed_off_role = models.CharField("senior lead's role", max_length=150, blank=True)
    office_comment = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="one_submission_per_agency")
        ]
        indexes = [
            models.Index(fields=["cycle", "status"], name="submission_cycle_status"),
            # the office's oldest returns waiting for a decision, without sorting them all
            models.Index(fields=["status", "submitted", "id"], name="submission_status_submitted"),
        ]

    def __str__(self):
        return f"{self.agency} – {self.cycle}"

    def get_absolute_url(self):
        return reverse("audits:submission", args=[self.pk])

    @property
    def editable(self):
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    evidence = models.TextField(blank=True)
    improvement_action = models.TextField(blank=True)
    action_owner = models.CharField(max_length=150, blank=True)
    action_due = models.DateField(null=True, blank=True)
    moderated_rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    action = models.OneToOneField(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_answer",
        help_text="The improvement action in the cycle's action plan, once the return is accepted.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="one_answer_per_criterion"
            )
        ]
        indexes = [  # the compliance report counts only these (see compliance.py)
            models.Index(
                fields=["submission", "criterion", "rating"],
                name="answer_short_of_fully_met",
                condition=~models.Q(rating="fully"),
            ),
            models.Index(
                fields=["submission", "criterion"],
                name="answer_moderated",
                condition=~models.Q(moderated_rating=""),
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_rating_display()}"


class StandardResult(models.Model):
    """A submitted return's result for one standard, worked out when it is submitted: the worst rating
    of the standard's criteria (not applicable only when all are). The compliance report counts these
    in the database, so it costs the same few queries for 400 returns or 50,000."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="results")
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="results")
    rating = models.CharField(max_length=10, choices=Rating.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "standard"], name="one_result_per_standard"
            )
        ]
        indexes = [  # the compliance report counts only these (see compliance.py)
            models.Index(
                fields=["submission", "standard", "rating"],
                name="result_short_of_fully_met",
                condition=~models.Q(rating="fully"),
            )
        ]

    def __str__(self):
        return f"{self.submission}: {self.standard.number} {self.get_rating_display()}"


WORST_FIRST = [Rating.NOT_MET, Rating.PARTIALLY, Rating.FULLY, Rating.NOT_APPLICABLE]


def standard_rating(ratings):
    """The standard's result from its criteria's ratings."""
    ratings = set(ratings)
    return next((rating for rating in WORST_FIRST if rating in ratings), Rating.NOT_APPLICABLE)


class AuditReminder(models.Model):
    """A reminder sent to an agency lead whose return is not in: at most one a day per cycle."""

    cycle = models.ForeignKey(AuditCycle, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_reminders"
    )
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "user", "sent_on"], name="one_audit_reminder_a_day"
            )
        ]

    def __str__(self):
        return f"{self.cycle}: {self.user} ({self.sent_on})"


from .good_practice import GoodPractice, GoodPracticeStatus  # noqa: E402, F401

# Multi-agency quality audits (the seed's section 13) live in their own module.
from .quality import (  # noqa: E402, F401
    AuditRecommendation,
    Finding,
    QualityAudit,
)
