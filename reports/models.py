"""The annual report: sections the office writes or enters, interleaved with sections generated
from live data; publishing freezes a numbered version that never changes afterwards."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actions.models import Plan
from audits.models import AuditCycle
from boards.models import Board


class AnnualReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=Board.objects.visible_to(user))


class AnnualReport(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="annual_reports")
    title = models.CharField(max_length=200, help_text="For example, “Annual Report 2016-17”.")
    period_start = models.DateField("year from")
    period_end = models.DateField("year to")

    history = HistoricalRecords()
    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-period_end"]
        constraints = [
            models.UniqueConstraint(fields=["board", "title"], name="unique_report_title")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:annual", args=[self.pk])

    @property
    def kind(self):
        """The board's kind in the report's year: a board that changed kind keeps its old kind for
        the years that ended before the change (boards.models.Board.kind_on)."""
        return self.board.kind_on(self.period_end)


class SectionKind(models.TextChoices):
    NARRATIVE = "narrative", "Text the office writes"
    TABLE = "table", "A table the office enters or imports from CSV"
    MEMBERSHIP = "membership", "Board membership (generated)"
    SUBGROUPS = "subgroups", "Subgroups and their responsibilities (generated)"
    PERFORMANCE = "performance", "Key performance indicators (generated)"
    SECTION_11 = "section_11", "Section 11 overall compliance (generated)"
    CASE_REVIEWS = "case_reviews", "Case reviews published and their lessons (generated)"
    BUSINESS_PLAN = "business_plan", "Business plan update (generated)"
    ON_A_PAGE = "on_a_page", "Annual report on a page (generated)"
    QUALITY_AUDITS = "quality_audits", "Multi-agency quality audits (generated)"
    TRAINING = "training", "Training (generated)"
    PRACTITIONER_SURVEY = "practitioner_survey", "Practitioner survey (generated)"
    DATASET = "dataset", "A dataset (generated)"
    BUDGET = "budget", "Budget: partner contributions (generated)"
    BUDGET_SPEND = "budget_spend", "Budget: spend and balance (generated)"
    SCRUTINY_STATEMENT = (
        "scrutiny_statement",
        "The independent scrutineer's statement (written by the scrutineer)",
    )


# Sections whose text people write (the rest are generated from the records).
WRITTEN_KINDS = (SectionKind.NARRATIVE, SectionKind.TABLE, SectionKind.SCRUTINY_STATEMENT)


class Section(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    body = models.TextField(
        blank=True, help_text="Paragraphs separated by a blank line. Shown before any table."
    )
    table = models.JSONField(
        default=list, blank=True, help_text="For table sections: rows of cells, headings first."
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    audit_cycle = models.ForeignKey(
        AuditCycle, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dataset = models.ForeignKey(
        "datasets.Dataset", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The required section of the report's outline this section answers (reports/outline.py).
    requirement = models.CharField("required section it answers", max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_section_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{self.report.get_absolute_url()}#section-{self.number}"


class Publication(models.Model):
    """A published version: the whole report as it stood, frozen (live data may change later)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveSmallIntegerField()
    published = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content = models.JSONField()
    # Required sections published empty, each with the reason the office gave:
    # [{"key", "title", "reason"}] (reports/outline.py).
    missing_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["report", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["report", "version"], name="unique_publication")
        ]

    def __str__(self):
        return f"{self.report} (version {self.version})"

    def get_absolute_url(self):
        return reverse("reports:publication", args=[self.pk, "html"])


# Where each published version is sent: reports/recipients.py.
from .recipients import Dispatch, Recipient  # noqa: E402, F401  (models of this app, own module)
