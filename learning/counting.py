"""Attendance counted by level, agency or sector and financial year: attended bookings and the totals
held only as totals (AttendanceFigure) together. Counts only: no attendee's name is read here."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from boards.models import Agency, Sector

from .models import AttendanceFigure, Booking, Level, financial_year

NONE = "none"  # the key of attendees whose level, agency or sector is not recorded
NOT_RECORDED = "Not recorded"

BOOKING_KEYS = {"level": "session__course__level", "agency": "agency", "sector": "agency__sector"}


@dataclass
class Row:
    key: str
    label: str
    counts: dict  # {year: attendees}

    def count(self, year):
        return self.counts.get(year, 0)


def figure_key(figure, by):
    if by == "level":
        return figure.level or (figure.course.level if figure.course_id else "") or NONE
    return NONE  # totals are not held by agency or sector


def counts(board, by, *, until=None):
    """{key: {year: attendees}} for the board's training, by "level", "agency" or "sector"; sessions
    on or before `until` only when given (a report as at its period end)."""
    table = defaultdict(lambda: defaultdict(int))
    attended = Booking.objects.filter(session__course__board=board).attended()
    if until:
        attended = attended.filter(session__date__lte=until)
    grouped = attended.values_list("session__date", BOOKING_KEYS[by]).annotate(n=Count("pk"))
    for day, key, n in grouped.order_by():
        table[str(key) if key else NONE][financial_year(day)] += n
    figures = AttendanceFigure.objects.filter(board=board).select_related("course")
    if until:
        figures = figures.filter(year__lte=financial_year(until))
    for figure in figures:
        table[figure_key(figure, by)][figure.year] += figure.attendees
    return table


def labels(by, keys):
    if by == "level":
        return dict(Level.choices)
    if by == "sector":
        return dict(Sector.choices)
    agencies = Agency.objects.filter(pk__in=[k for k in keys if k != NONE])
    return {str(a.pk): a.name for a in agencies}


def rows(board, by, *, until=None):
    """(years, rows) in order: levels in their order, agencies and sectors by name, unrecorded last."""
    table = counts(board, by, until=until)
    names = labels(by, table)
    years = sorted({year for counts in table.values() for year in counts})
    order = list(names) if by == "level" else sorted(names, key=lambda k: names[k])
    keys = [k for k in order if k in table] + ([NONE] if NONE in table else [])
    return years, [Row(k, names.get(k, NOT_RECORDED), dict(table[k])) for k in keys]


def totals(board, *, until=None):
    """{year: attendees} of all the board's training."""
    result = defaultdict(int)
    for row in rows(board, "level", until=until)[1]:
        for year, n in row.counts.items():
            result[year] += n
    return dict(result)
