"""Evaluations: an attendee answers through a signed link, after the session and again three months
later; results are counts and average confidence per course and level, by financial year."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum

from .models import (
    EVALUATION_SALT,
    STAGE_OPENS,
    Booking,
    BookingStatus,
    Evaluation,
    Level,
    Stage,
    financial_year,
)

# A link works for a year after its stage opens.
LINK_DAYS = 365


def booking_of(token):
    """(booking, stage) a link names, or None for a link that is not genuine."""
    try:
        pk, stage = signing.loads(token, salt=EVALUATION_SALT)
        stage = Stage(stage)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    booking = (
        Booking.objects.filter(pk=pk, status=BookingStatus.BOOKED)
        .select_related("session__course")
        .first()
    )
    return (booking, stage) if booking else None


def opens(booking, stage):
    return booking.session.date + datetime.timedelta(days=STAGE_OPENS[stage])


def state(booking, stage, today):
    """ "answered", "not_open", "closed" or "open"."""
    if Evaluation.objects.filter(booking=booking, stage=stage).exists():
        return "answered"
    if today < opens(booking, stage):
        return "not_open"
    if today > opens(booking, stage) + datetime.timedelta(days=LINK_DAYS):
        return "closed"
    return "open"


def answer(booking, stage, *, confidence, changed):
    """Record the answer once; False when this stage was already answered."""
    try:
        with transaction.atomic():
            Evaluation.objects.create(
                booking=booking, stage=stage, confidence=confidence, changed=changed.strip()
            )
    except IntegrityError:
        return False
    return True


@dataclass
class Result:
    label: str
    # {year: {stage: [answers, sum of confidence]}}
    years: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(lambda: [0, 0])))

    def answers(self, year, stage):
        return self.years.get(year, {}).get(stage, [0, 0])[0]

    def average(self, year, stage):
        n, total = self.years.get(year, {}).get(stage, [0, 0])
        return round(total / n, 1) if n else None


def results(board, *, until=None):
    """(years, by course, by level): Results of the board's evaluations by the session's year."""
    answers = Evaluation.objects.filter(booking__session__course__board=board)
    if until:
        answers = answers.filter(booking__session__date__lte=until)
    grouped = (
        answers.values_list(
            "booking__session__course__title",
            "booking__session__course__level",
            "booking__session__date",
            "stage",
        )
        .annotate(n=Count("pk"), total=Sum("confidence"))
        .order_by()
    )
    courses, levels, years = {}, {}, set()
    for title, level, day, stage, n, total in grouped:
        year = financial_year(day)
        years.add(year)
        for result in (
            courses.setdefault(title, Result(title)),
            levels.setdefault(level, Result(Level(level).label)),
        ):
            result.years[year][stage][0] += n
            result.years[year][stage][1] += total
    by_level = [levels[level] for level in Level.values if level in levels]
    return sorted(years), [courses[t] for t in sorted(courses)], by_level


def what_changed(board):
    """What attendees said changed in their practice (no names), newest first, for the office."""
    return (
        Evaluation.objects.filter(booking__session__course__board=board)
        .exclude(changed="")
        .select_related("booking__session__course")
        .order_by("-answered")
    )
