"""RAG against target and trend over the year, computed from the figures; an override with its reason
wins over the computed value.

The rule, per target period: with high polarity, a value at or above the target is green, within the
amber tolerance below it amber, further below red (low polarity mirrors it). No target set, no value,
or a polarity of “not applicable” give no RAG: never a red. The trend compares the value with the one
at the same period end a year earlier: improving or declining by the polarity, static when equal.
"""

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from django.db.models import Max

from core.rag import Rag

from .models import Measurement, Polarity, Target, Trend

# The scorecard's columns, in the seed's order (the page, its exports and the annual report).
SCORECARD_COLUMNS = [
    "Indicator",
    "Description",
    "Rate/Percentage",
    "RAG (against target)",
    "Trend over last year",
    "Good performance is",
    "Target",
]


def rate(value, target, tolerance=0, polarity=Polarity.HIGH):
    """The RAG of `value` against `target` (both numbers or None)."""
    if value is None or target is None or polarity == Polarity.NONE:
        return Rag.NOT_RATED
    value, target, tolerance = Decimal(value), Decimal(target), Decimal(tolerance or 0)
    shortfall = target - value if polarity == Polarity.HIGH else value - target
    if shortfall <= 0:
        return Rag.GREEN
    return Rag.AMBER if shortfall <= tolerance else Rag.RED


def trend(value, previous, polarity=Polarity.HIGH):
    """Improving, declining or static against the value a year earlier; no trend without both."""
    if value is None or previous is None or polarity == Polarity.NONE:
        return Trend.NONE
    if value == previous:
        return Trend.STATIC
    better = value > previous if polarity == Polarity.HIGH else value < previous
    return Trend.IMPROVING if better else Trend.DECLINING


def year_earlier(day):
    """The same period end a year before: 31 March 2017 -> 31 March 2016, 29 Feb -> 28 Feb."""
    last = calendar.monthrange(day.year - 1, day.month)[1]
    at_month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(day.year - 1, day.month, last if at_month_end else min(day.day, last))


@dataclass
class Rated:
    """One indicator at one period end: what the scorecard and the indicator page show."""

    indicator: object
    period_end: date
    measurement: Measurement | None
    previous: Measurement | None
    target: Target | None
    last_figure: date | None = None  # when missing: the date of the latest figure before

    @property
    def value(self):
        return self.measurement.value if self.measurement else None

    @property
    def value_text(self):
        return self.indicator.format(self.value)

    @property
    def target_text(self):
        return self.indicator.format_target(self.target)

    @property
    def missing(self):
        return self.value is None

    @property
    def computed_rag(self):
        target = self.target
        return rate(
            self.value,
            target.value if target else None,
            target.tolerance if target else 0,
            self.indicator.polarity,
        )

    @property
    def rag_overridden(self):
        return bool(self.measurement and self.measurement.rag_override)

    @property
    def rag(self):
        return Rag(self.measurement.rag_override) if self.rag_overridden else self.computed_rag

    @property
    def rag_reason(self):
        return self.measurement.rag_reason if self.rag_overridden else ""

    @property
    def computed_trend(self):
        previous = self.previous.value if self.previous else None
        return trend(self.value, previous, self.indicator.polarity)

    @property
    def trend_overridden(self):
        return bool(self.measurement and self.measurement.trend_override)

    @property
    def trend(self):
        return (
            Trend(self.measurement.trend_override) if self.trend_overridden else self.computed_trend
        )

    @property
    def trend_reason(self):
        return self.measurement.trend_reason if self.trend_overridden else ""


def rate_at(indicators, period_end):
    """Every indicator of `indicators` rated at `period_end`, with the date of the latest figure before
    it for those whose figure is missing: four queries however many there are."""
    indicators = list(indicators)
    ids = [i.pk for i in indicators]
    before = year_earlier(period_end)
    measured = {
        (m.indicator_id, m.period_end): m
        for m in Measurement.objects.filter(indicator__in=ids, period_end__in=[period_end, before])
    }
    targets = {
        t.indicator_id: t for t in Target.objects.filter(indicator__in=ids).covering(period_end)
    }
    last_figures = dict(
        Measurement.objects.filter(
            indicator__in=ids, period_end__lt=period_end, value__isnull=False
        )
        .values("indicator")
        .annotate(last=Max("period_end"))
        .values_list("indicator", "last")
    )
    return [
        Rated(
            i,
            period_end,
            measured.get((i.pk, period_end)),
            measured.get((i.pk, before)),
            targets.get(i.pk),
            last_figures.get(i.pk),
        )
        for i in indicators
    ]


def months(day):
    return day.year * 12 + day.month - 1


def month_end(index):
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def gaps(days):
    """Month ends missing from a regular monthly, quarterly, half-yearly or yearly series of month
    ends: the step is the most common gap between figures; nothing is inferred from fewer than three."""
    if len(days) < 3 or any(d != month_end(months(d)) for d in days):
        return []
    steps = Counter(months(b) - months(a) for a, b in pairwise(days))
    step = steps.most_common(1)[0][0]
    if step not in (1, 3, 6, 12):
        return []
    missing = []
    for a, b in pairwise(days):
        gap = months(b) - months(a)
        if gap > step and gap % step == 0 and gap // step <= 120:
            missing += [month_end(months(a) + k) for k in range(step, gap, step)]
    return missing


def series(indicator):
    """The indicator's every figure rated, oldest first, with the period ends a regular series skips
    as missing rows (no measurement): two queries."""
    measurements = list(indicator.measurements.all())
    targets = list(indicator.targets.all())
    by_date = {m.period_end: m for m in measurements}
    days = sorted([*by_date, *gaps(sorted(by_date))])
    rows = []
    for day in days:
        target = next((t for t in targets if t.starts <= day <= t.ends), None)
        rows.append(Rated(indicator, day, by_date.get(day), by_date.get(year_earlier(day)), target))
    return rows
