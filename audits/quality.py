"""Multi-agency quality audits (the seed's section 13): a board's forward plan of themed case-file
audits, each run by a group (a locality Quality Assurance Group or any subgroup); an audit's record
(cases by type, gradings, agencies, the child's voice, findings, its report); its recommendations,
which become actions of the audit's action plan (a Plan of the actions app). Imported by models.py.

Case references only: no field holds a child's identity, and the forms refuse text that reads like
a name or initials (quality_forms.py)."""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actions.models import Action, Plan
from boards.models import Agency, Board, LearningTheme
from core.rag import DONE
from subgroups.models import Subgroup


class AuditReason(models.TextChoices):
    PERFORMANCE = "performance", "Performance data"
    REVIEW_LEARNING = "review_learning", "Learning from case reviews"
    NATIONAL = "national", "National agenda"
    OTHER = "other", "Other"


class QualityAuditStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    REPORTED = "reported", "Reported"
    CLOSED = "closed", "Closed"


class ChildVoice(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class CaseType(models.TextChoices):
    """The kinds of case audited: each has a count field `cases_<value>` on QualityAudit."""

    LOOKED_AFTER = "looked_after", "Child looked after"
    CHILD_PROTECTION = "child_protection", "Child protection"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    EARLY_HELP = "early_help", "Early help"


class Grading(models.TextChoices):
    """A case's overall grading: each has a count field `graded_<value>` on QualityAudit."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


def count_field(label):
    return models.PositiveSmallIntegerField(label, default=0)


class QualityAuditQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The board's people read its audits: office, chair, members, agency leads, group members."""
        return self.filter(board__in=Board.objects.visible_to(user))

    def with_action_counts(self):
        return self.annotate(
            actions_done=Count(
                "plan__actions", filter=Q(plan__actions__rag__in=DONE), distinct=True
            ),
            actions_total=Count("plan__actions", distinct=True),
        )

    def reported_between(self, start, end):
        return self.filter(report_date__range=(start, end))


class QualityAudit(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="quality_audits")
    theme = models.CharField(
        max_length=200, help_text="What the audit looks at, for example “Missing from home”."
    )
    group = models.ForeignKey(
        Subgroup,
        on_delete=models.PROTECT,
        related_name="quality_audits",
        verbose_name="group that runs it",
    )
    reason = models.CharField("why it was chosen", max_length=20, choices=AuditReason.choices)
    reason_note = models.CharField(
        "why, in words",
        max_length=300,
        blank=True,
        help_text="For example the indicator, the review or the national inspection theme.",
    )
    planned_month = models.DateField(help_text="The first day of the month it is planned for.")
    status = models.CharField(
        max_length=20, choices=QualityAuditStatus.choices, default=QualityAuditStatus.PLANNED
    )
    cases_looked_after = count_field("child looked after")
    cases_child_protection = count_field("child protection")
    cases_child_in_need = count_field("child in need")
    cases_early_help = count_field("early help")
    graded_outstanding = count_field("outstanding")
    graded_good = count_field("good")
    graded_requires_improvement = count_field("requires improvement")
    graded_inadequate = count_field("inadequate")
    not_graded = count_field("not graded")
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="quality_audits", verbose_name="agencies taking part"
    )
    child_voice = models.CharField(
        "was the child's voice gathered?", max_length=10, choices=ChildVoice.choices, blank=True
    )
    report_date = models.DateField("date reported", null=True, blank=True)
    reported_to = models.CharField(
        "the meeting it went to",
        max_length=200,
        blank=True,
        help_text="For example “PMQAG, March 2017”.",
    )
    closed_on = models.DateField(null=True, blank=True, editable=False)
    plan = models.OneToOneField(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quality_audit",
        verbose_name="action plan",
    )

    history = HistoricalRecords()
    objects = QualityAuditQuerySet.as_manager()

    class Meta:
        ordering = ["board", "planned_month", "theme"]

    def __str__(self):
        return self.theme

    def get_absolute_url(self):
        return reverse("audits:quality_audit", args=[self.pk])

    def case_counts(self):
        return [(t, getattr(self, f"cases_{t.value}")) for t in CaseType]

    def grading_counts(self):
        return [(g, getattr(self, f"graded_{g.value}")) for g in Grading]

    @property
    def cases(self):
        return sum(n for _, n in self.case_counts())

    @property
    def graded(self):
        return sum(n for _, n in self.grading_counts())

    @property
    def is_closed(self):
        return self.status == QualityAuditStatus.CLOSED

    def actions(self):
        return (
            Action.objects.filter(plan_id=self.plan_id) if self.plan_id else Action.objects.none()
        )


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    IMPROVEMENT = "improvement", "Area for improvement"


class Finding(models.Model):
    """One key finding of an audit: a strength or an area for improvement, tagged with the board's
    learning themes (the same list case review lessons use)."""

    audit = models.ForeignKey(QualityAudit, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=20, choices=FindingKind.choices)
    text = models.TextField("finding")
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="audit_findings")

    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "-kind", "pk"]  # strengths first

    def __str__(self):
        return f"{self.audit}: {self.text[:60]}"

    def get_absolute_url(self):
        return self.audit.get_absolute_url() + f"#finding-{self.pk}"


class AuditRecommendation(models.Model):
    """A recommendation of an audit; once agreed it becomes an action of the audit's action plan."""

    audit = models.ForeignKey(
        QualityAudit, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")
    action = models.OneToOneField(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="audit_recommendation",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "number"], name="unique_audit_recommendation_number"
            )
        ]

    def __str__(self):
        return f"{self.audit} recommendation {self.number}"

    def get_absolute_url(self):
        return self.audit.get_absolute_url() + f"#recommendation-{self.number}"
