"""RAG against target and trend over the year, computed from the figures; an override with its reason
wins over the computed value.

The rule, per target period: with high polarity, a value at or above the target is green, within the
amber tolerance below it amber, further below red (low polarity mirrors it). No target set, no value,
or a polarity of “not applicable” give no RAG: never a red. The trend compares the value with the one
at the same period end a year earlier: improving or declining by the polarity, static when equal.
"""

import calendar
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from django.db.models import Count, Max, Min, OuterRef, Subquery

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
    """One indicator as at one date: its latest figure on or before that date (which may be dated
    earlier: `figure_date` says when), rated against the target of the figure's period, with the
    trend against the figure a year before it. What the scorecard and the indicator page show."""

    indicator: object
    period_end: date  # the date the row is as at
    measurement: Measurement | None
    previous: Measurement | None
    target: Target | None
    last_figure: date | None = None  # when missing: the date of the latest figure before

    @property
    def figure_date(self):
        """The period end of the figure shown: the as-at date or, for a late figure, earlier."""
        return self.measurement.period_end if self.measurement else None

    @property
    def dated_earlier(self):
        """The figure shown is an earlier one: none was recorded at the as-at date itself."""
        return self.figure_date is not None and self.figure_date != self.period_end

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


def latest_figures(indicator_ids, day):
    """{indicator id: its latest measurement dated on or before `day`}: one query. A measurement with
    no value (a figure recorded as not available, with its note) counts: it says the figure is missing
    at that date, so an older value is not shown as if it were current."""
    latest = (
        Measurement.objects.filter(indicator=OuterRef("indicator"), period_end__lte=day)
        .order_by("-period_end")
        .values("period_end")[:1]
    )
    return {
        m.indicator_id: m
        for m in Measurement.objects.filter(
            indicator__in=indicator_ids, period_end=Subquery(latest)
        )
    }


def rate_at(indicators, day):
    """Every indicator of `indicators` as at `day`: its latest figure on or before it (a figure dated
    after `day` is ignored), rated against the target covering the figure's date and compared with
    the figure a year before that date; with, for those whose figure is missing, the date of the
    latest figure before. Four queries however many indicators there are."""
    indicators = list(indicators)
    ids = [i.pk for i in indicators]
    latest = latest_figures(ids, day)
    for_date = {i.pk: latest[i.pk].period_end if i.pk in latest else day for i in indicators}
    earlier = {year_earlier(d) for d in for_date.values()}
    previous = {
        (m.indicator_id, m.period_end): m
        for m in Measurement.objects.filter(indicator__in=ids, period_end__in=earlier)
    }
    targets = {}
    for t in Target.objects.filter(indicator__in=ids, starts__lte=day).order_by("-starts"):
        if t.starts <= for_date[t.indicator_id] <= t.ends:
            targets.setdefault(t.indicator_id, t)
    last_figures = dict(
        Measurement.objects.filter(indicator__in=ids, period_end__lt=day, value__isnull=False)
        .values("indicator")
        .annotate(last=Max("period_end"))
        .values_list("indicator", "last")
    )
    return [
        Rated(
            i,
            day,
            latest.get(i.pk),
            previous.get((i.pk, year_earlier(for_date[i.pk]))),
            targets.get(i.pk),
            last_figures.get(i.pk),
        )
        for i in indicators
    ]


def complete_as_at(indicators, on_or_before=None):
    """The latest date at which the figures of `indicators` are complete, or None without figures.

    "Complete" is deliberately simple: a period end at which every one of the indicators that had
    any figure on or before that date has a figure recorded for that very date (a figure recorded as
    not available, with no value and a note, counts: the board has said why it is missing). So a
    stray or partial set of later figures (four indicators reported for 30 June while the rest are
    not) does not move the date, and an indicator added later does not make earlier periods
    incomplete. An indicator that stops being reported holds the date back until the office records
    its figure as not available or retires it. The earliest period end is always complete, so a
    board with figures always has a date. Two queries, whatever the number of figures."""
    figures = Measurement.objects.filter(indicator__in=indicators)
    if on_or_before is not None:
        figures = figures.filter(period_end__lte=on_or_before)
    reported = dict(
        figures.values("period_end")
        .annotate(n=Count("indicator", distinct=True))
        .values_list("period_end", "n")
        .order_by()
    )
    firsts = sorted(
        figures.values("indicator")
        .annotate(first=Min("period_end"))
        .values_list("first", flat=True)
        .order_by()
    )
    for day in sorted(reported, reverse=True):
        if reported[day] == bisect_right(firsts, day):
            return day
    return None


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
