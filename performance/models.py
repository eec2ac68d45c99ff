"""A board's performance indicators, their targets per period and their measurements per period end.
RAG and trend are computed (rating.py), never stored, except where office staff override them with a
reason; overrides and every other change are kept in the audit trail."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board, ImportBatch
from core.rag import Rag
from core.sorting import ref_sort_key


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate", "Rate per 10,000 children"
    COUNT = "count", "Count"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGH = "high", "High"
    LOW = "low", "Low"
    NONE = "none", "Not applicable"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class Trend(models.TextChoices):
    IMPROVING = "improving", "Improving"
    DECLINING = "declining", "Declining"
    STATIC = "static", "Static"
    SUSTAINED = "sustained", "Sustained"
    NONE = "", "No trend"


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=Board.objects.visible_to(user))

    def on_scorecard(self):
        """Active indicators shown on the scorecard (not context series, not retired ones)."""
        return self.filter(on_scorecard=True, status=Status.ACTIVE)


class Indicator(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=30, help_text="As the board's reports print it, e.g. CS2.3.")
    code_sort = models.CharField(max_length=90, editable=False)
    description = models.CharField(max_length=300)
    area = models.CharField(
        max_length=100,
        blank=True,
        help_text="The group it is reported in, e.g. “Child protection” or “Health”.",
    )
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.PERCENTAGE)
    decimals = models.PositiveSmallIntegerField(
        "decimal places shown", default=1, help_text="How many decimal places values show."
    )
    polarity = models.CharField(
        "good performance is",
        max_length=10,
        choices=Polarity.choices,
        default=Polarity.HIGH,
        help_text="Whether a higher or a lower value is better; not applicable gives no RAG.",
    )
    owner = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="owning agency",
    )
    source = models.CharField(max_length=200, blank=True, help_text="Where the figures come from.")
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    on_scorecard = models.BooleanField(
        "shown on the scorecard",
        default=True,
        help_text="Untick for a series reported for context only (it keeps its own page).",
    )

    history = HistoricalRecords(excluded_fields=["code_sort"])
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["board", "code_sort"]
        constraints = [
            models.UniqueConstraint(fields=["board", "code"], name="unique_indicator_code")
        ]

    def __str__(self):
        return f"{self.code} {self.description}"

    def save(self, *args, **kwargs):
        self.code_sort = ref_sort_key(self.code)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("performance:indicator", args=[self.pk])

    def format(self, value):
        """A value as the board prints it: "17.7%", "56.6", "653"; empty when there is none."""
        if value is None:
            return ""
        text = f"{value:,.{self.decimals}f}"
        return f"{text}%" if self.unit == Unit.PERCENTAGE else text

    def format_target(self, target):
        if target is None or (target.value is None and not target.label):
            return "Not set"
        return target.label or self.format(target.value)


class TargetQuerySet(models.QuerySet):
    def covering(self, day):
        return self.filter(starts__lte=day, ends__gte=day)


class Target(models.Model):
    """The target of one period (usually a financial year). No value means “not set”: no RAG."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    starts = models.DateField(help_text="First day of the period, e.g. 1 April 2016.")
    ends = models.DateField(help_text="Last day of the period, e.g. 31 March 2017.")
    value = models.DecimalField(
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Leave empty if no target is set: the indicator then has no RAG.",
    )
    tolerance = models.DecimalField(
        "amber tolerance",
        max_digits=12,
        decimal_places=3,
        default=0,
        help_text="How far on the wrong side of the target is still amber, in the indicator's "
        "unit (e.g. 5 for five percentage points). Further away is red.",
    )
    label = models.CharField(
        max_length=50,
        blank=True,
        help_text="Shown instead of the value when the target is a range, e.g. “5%-7.5%”.",
    )

    history = HistoricalRecords()
    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "-starts"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "starts"], name="unique_target_period"),
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")), name="target_ends_after_starts"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} target {self.starts:%b %Y} to {self.ends:%b %Y}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    @property
    def board(self):
        return self.indicator.board

    @property
    def value_text(self):
        return self.indicator.format_target(self)

    @property
    def tolerance_text(self):
        return f"{self.tolerance.normalize():f}" if self.tolerance else "0"


class FigureImport(ImportBatch):
    """One figure import: who, when, which file, how many rows. The figures it added or replaced
    carry it, so that the whole import can be undone, with a reason, while no figure it touched has
    changed since (performance/undo_import.py)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="figure_imports")

    def __str__(self):
        return f"{self.file_name or 'Figures'} imported {self.created:%-d %b %Y}"

    @property
    def what(self):
        return f"{self.rows} figure{'' if self.rows == 1 else 's'}"

    def get_undo_url(self):
        return reverse("performance:import_undo", args=[self.pk])


class Measurement(models.Model):
    """The value at the end of one period. A missing figure is a missing row (or an empty value with a
    note saying why), never a zero."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period_end = models.DateField()
    value = models.DecimalField(
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Leave empty if the figure is not available; say why in the note.",
    )
    note = models.TextField(blank=True)
    rag_override = models.CharField(
        "RAG set by hand", max_length=1, choices=Rag.choices, blank=True, default=Rag.NOT_RATED
    )
    rag_reason = models.TextField("reason for the RAG", blank=True)
    trend_override = models.CharField(
        "trend set by hand", max_length=10, choices=Trend.choices, blank=True, default=Trend.NONE
    )
    trend_reason = models.TextField("reason for the trend", blank=True)
    import_batch = models.ForeignKey(
        FigureImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="measurements",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"], name="unique_measurement_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} at {self.period_end:%d %b %Y}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    @property
    def board(self):
        return self.indicator.board
