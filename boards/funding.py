"""A board's funding and spend, one budget per financial year (the seed's section 10): what each
partner agency contributes (money, and in kind: what it gives and an estimate of its value), the
lines the money was spent on, the balance brought forward from the year before and the balance
carried forward (brought forward + contributions - spend). The board's people read it; its office
records it (boards.manage_board). Imported by boards/models.py."""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.years import year_label

MONEY = {"max_digits": 12, "decimal_places": 2}


def money(value):
    """£212,588 for whole pounds, £1,234.50 otherwise; -£50 below nought; "" for no value."""
    if value is None:
        return ""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{sign}£{text}"


class BudgetQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .models import Board

        return self.filter(board__in=Board.objects.visible_to(user))


class LineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(budget__in=Budget.objects.visible_to(user))


class Budget(models.Model):
    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(
        "financial year", help_text="The year it starts in: 2016 for 1 April 2016 to 31 March 2017."
    )
    brought_forward = models.DecimalField(
        "balance brought forward",
        default=0,
        help_text="Left over from the year before (a negative amount if overspent).",
        **MONEY,
    )
    notes = models.TextField(blank=True, help_text="Anything a reader needs to know.")

    history = HistoricalRecords()
    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="one_budget_per_year")
        ]

    def __str__(self):
        return f"Budget {self.label}"

    def get_absolute_url(self):
        return reverse("boards:budget", args=[self.pk])

    @property
    def label(self):
        return year_label(self.year)


class Totals:
    """A budget's sums, from its lines as loaded (no query of its own)."""

    def __init__(self, budget, contributions, spend_lines):
        self.brought_forward = budget.brought_forward
        self.money = sum((c.amount for c in contributions), Decimal(0))
        self.in_kind = sum((c.in_kind_value or 0 for c in contributions), Decimal(0))
        self.spend = sum((s.amount for s in spend_lines), Decimal(0))
        self.carried_forward = self.brought_forward + self.money - self.spend


def lines_of(budget):
    """(contributions with their agencies, spend lines, Totals): two queries."""
    contributions = list(budget.contributions.select_related("agency"))
    spend_lines = list(budget.spend_lines.all())
    return contributions, spend_lines, Totals(budget, contributions, spend_lines)


class Contribution(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey("boards.Agency", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(
        "name in the report",
        max_length=200,
        blank=True,
        help_text="Leave empty to use the agency's short name, for example “Police”.",
    )
    amount = models.DecimalField("money", default=0, **MONEY)
    in_kind = models.TextField(
        "in kind", blank=True, help_text="What the agency gives other than money: staff, rooms…"
    )
    in_kind_value = models.DecimalField("estimated value in kind", null=True, blank=True, **MONEY)

    history = HistoricalRecords()
    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["budget", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "agency"], name="one_contribution_per_agency")
        ]

    def __str__(self):
        return f"{self.name}: {money(self.amount)}"

    def get_absolute_url(self):
        return self.budget.get_absolute_url() + "#contributions"

    @property
    def name(self):
        return self.label or self.agency.short_name or self.agency.name

    @property
    def board(self):
        return self.budget.board


class SpendLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="spend_lines")
    heading = models.CharField(max_length=200, help_text="For example, “Independent Chair”.")
    amount = models.DecimalField(**MONEY)
    note = models.CharField(
        max_length=300, blank=True, help_text="Printed after the heading, in brackets."
    )

    history = HistoricalRecords()
    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["budget", "pk"]

    def __str__(self):
        return f"{self.heading}: {money(self.amount)}"

    def get_absolute_url(self):
        return self.budget.get_absolute_url() + "#spend"

    @property
    def name(self):
        return f"{self.heading} ({self.note})" if self.note else self.heading

    @property
    def board(self):
        return self.budget.board
