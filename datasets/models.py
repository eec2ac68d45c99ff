"""A board's statistics as records: datasets (LADO allegations, private fostering, child deaths...)
supplied by a partner agency, each with dimensions (category, employer sector, outcome) and their
values, measures, and figures per period end x cell x measure.

A cell is a set of dimension values, one per dimension at most: the empty cell is the total across
everything, {Physical} the physical allegations, {Physical, Health} those by health staff. A figure is
stored under its cell's key (its values' ids, sorted, joined by commas), so that one period's table
is one query. A missing figure is a missing row, or an empty value with a note, never a zero."""

import calendar

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board, BoardMembership, ImportBatch, Role


class PeriodKind(models.TextChoices):
    YEAR = "year", "Financial year (to 31 March)"
    SNAPSHOT = "snapshot", "A count at a date each year"
    QUARTER = "quarter", "Quarter"
    MONTH = "month", "Month"


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate", "Rate per 10,000 children"


class DatasetQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=Board.objects.visible_to(user))

    def supplied_by(self, user):
        """Datasets whose figures the user supplies as their agency's lead at the dataset's board."""
        if not user.is_authenticated or not user.agency_id:
            return self.none()
        leads = BoardMembership.objects.filter(user=user, role=Role.AGENCY_LEAD).values("board")
        return self.filter(agency_id=user.agency_id, board__in=leads)


class Dataset(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="datasets")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="datasets",
        verbose_name="supplying agency",
        help_text="Its safeguarding lead enters or imports the figures, as the board's office can.",
    )
    period_kind = models.CharField(
        "periods", max_length=10, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the figures come from, e.g. “LADO database”."
    )
    has_total = models.BooleanField(
        "has a total",
        default=True,
        help_text="Each period has a total across every value, and the values of each dimension "
        "that adds up must add up to it.",
    )
    suppress_below = models.PositiveSmallIntegerField(
        "suppress small numbers below",
        null=True,
        blank=True,
        help_text="In published outputs (the annual report), counts from 1 up to this number less "
        "one are shown as “fewer than” it. Leave empty to show every number.",
    )
    library_key = models.CharField(max_length=50, blank=True, editable=False)

    history = HistoricalRecords()
    objects = DatasetQuerySet.as_manager()

    class Meta:
        ordering = ["board", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="unique_dataset_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("datasets:dataset", args=[self.pk])

    def period_label(self, day):
        """A period as the board's reports print it: 2016-17, 2017, Q4 2016-17, March 2017."""
        if self.period_kind == PeriodKind.YEAR:
            start = day.year - 1 if day.month <= 3 else day.year
            return f"{start}-{(start + 1) % 100:02d}"
        if self.period_kind == PeriodKind.SNAPSHOT:
            return f"{day:%Y}"
        if self.period_kind == PeriodKind.QUARTER:
            start = day.year - 1 if day.month <= 3 else day.year
            quarter = ((day.month - 4) % 12) // 3 + 1
            return f"Q{quarter} {start}-{(start + 1) % 100:02d}"
        return f"{day:%B %Y}"

    def is_period_end(self, day):
        """Whether `day` ends a period of the dataset's kind (a snapshot may fall on any day)."""
        last = calendar.monthrange(day.year, day.month)[1]
        if self.period_kind == PeriodKind.YEAR:
            return (day.month, day.day) == (3, 31)
        if self.period_kind == PeriodKind.QUARTER:
            return day.month in (3, 6, 9, 12) and day.day == last
        if self.period_kind == PeriodKind.MONTH:
            return day.day == last
        return True


class Dimension(models.Model):
    """A way the figures are broken down: category of abuse, employer, outcome, area."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="dimensions")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    sums_to_total = models.BooleanField(
        "adds up to the total",
        default=True,
        help_text="Untick where a figure may count under several values (outcomes), or the values "
        "are comparators (areas).",
    )
    within = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="broken down within",
        help_text="Figures per value of this dimension within each value of another "
        "(employer within category); they add up to that value's figure.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["dataset", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "name"], name="unique_dimension_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.dataset.get_absolute_url()

    @property
    def board(self):
        return self.dataset.board


class DimensionValue(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="values")
    label = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    headline = models.BooleanField(
        "a headline figure",
        default=False,
        help_text="Its figures (with the other dimensions' headline values) are shown on the "
        "annual report on a page, the year before beside the year.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "label"], name="unique_dimension_value")
        ]

    def __str__(self):
        return self.label


class Measure(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    decimals = models.PositiveSmallIntegerField("decimal places shown", default=0)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["dataset", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "name"], name="unique_measure_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.dataset.get_absolute_url()

    @property
    def board(self):
        return self.dataset.board

    def format(self, value):
        if value is None:
            return ""
        text = f"{value:,.{self.decimals}f}"
        return f"{text}%" if self.unit == Unit.PERCENTAGE else text


class DatasetImport(ImportBatch):
    """One file of figures imported into a dataset: who, when, which file, how many rows."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="imports")

    def __str__(self):
        return f"{self.file_name or 'Figures'} imported {self.created:%-d %b %Y}"


def cell_key(values):
    """The key of the cell of these dimension values (or their ids): sorted ids joined by commas."""
    ids = sorted(int(getattr(v, "pk", v)) for v in values)
    return ",".join(str(i) for i in ids)


def cell_ids(key):
    return {int(part) for part in key.split(",") if part}


class FigureQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(dataset__in=Dataset.objects.visible_to(user))

    def as_at(self, day):
        """Figures of periods ending on or before `day` (a figure for a later period is ignored)."""
        return self.filter(period_end__lte=day)


class Figure(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="figures")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="figures")
    period_end = models.DateField()
    cell = models.CharField(max_length=200, blank=True, editable=False)  # see cell_key
    value = models.DecimalField(
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Leave empty if the figure is not available; say why in the note.",
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Where this figure comes from, e.g. a report's page."
    )
    note = models.TextField(blank=True)
    import_batch = models.ForeignKey(
        DatasetImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="figures",
    )

    history = HistoricalRecords()
    objects = FigureQuerySet.as_manager()

    class Meta:
        ordering = ["dataset", "period_end", "measure", "cell"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_end", "cell"], name="unique_figure_cell"
            )
        ]

    def __str__(self):
        return f"{self.dataset} {self.dataset.period_label(self.period_end)}"

    def get_absolute_url(self):
        return self.dataset.get_absolute_url()

    @property
    def board(self):
        return self.dataset.board
