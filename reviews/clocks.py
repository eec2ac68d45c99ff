"""Statutory clocks in working days: Monday to Friday, less the bank holidays of England and Wales
(the `holidays` library's GB calendar, subdivision ENG; Wales has the same bank holidays).

Working Together: the safeguarding partners notify the national panel within 5 working days of
becoming aware of a serious incident; the rapid review is due 15 working days after the notification.
A clock counts from the day after it starts: the 5th working day after Monday 2 June is Monday 9 June.

Working Together 2023: a local child safeguarding practice review is published within 6 months of its
start. That clock counts calendar months: 6 months from 31 August is the last day of February.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.db import models

NOTIFICATION_DAYS = 5
RAPID_REVIEW_DAYS = 15
PUBLICATION_MONTHS = 6  # a local child safeguarding practice review, from its start
DUE_SOON_DAYS = 2  # a running clock is "due soon" when it is due within this many working days


@lru_cache(maxsize=64)
def bank_holidays(year):
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day):
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start, days):
    """The `days`-th working day after `start` (`start` itself never counts)."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


class ClockState(models.TextChoices):
    RUNNING = "running", "Running"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    MET = "met", "Met"
    LATE = "late", "Met late"


# GOV.UK tag colours; the word is always shown too.
STATE_TAGS = {
    ClockState.RUNNING: "govuk-tag--blue",
    ClockState.DUE_SOON: "govuk-tag--yellow",
    ClockState.OVERDUE: "govuk-tag--red",
    ClockState.MET: "govuk-tag--green",
    ClockState.LATE: "govuk-tag--orange",
}


@dataclass
class Clock:
    name: str
    started: date  # the day the clock started (the incident became known; the notification)
    due: date
    done: date | None  # the day it was met, if it was

    def state(self, today):
        if self.done:
            return ClockState.MET if self.done <= self.due else ClockState.LATE
        if today > self.due:
            return ClockState.OVERDUE
        if self.due <= add_working_days(today, DUE_SOON_DAYS):
            return ClockState.DUE_SOON
        return ClockState.RUNNING

    def days_left(self, today):
        return working_days_between(today, self.due)


def notification_due(known):
    return add_working_days(known, NOTIFICATION_DAYS) if known else None


def rapid_review_due(notified):
    return add_working_days(notified, RAPID_REVIEW_DAYS) if notified else None


def add_months(day, months):
    """The same day `months` calendar months later; the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def publication_due(started):
    return add_months(started, PUBLICATION_MONTHS) if started else None


PUBLICATION_CLOCK = "Publication of the practice review"


def clocks(review):
    """The review's clocks that have started, in order."""
    found = []
    if review.known_date:
        found.append(
            Clock(
                "Notification to the national panel",
                review.known_date,
                review.notification_due,
                review.notified_date,
            )
        )
    if review.notified_date:
        found.append(
            Clock(
                "Rapid review",
                review.notified_date,
                review.rapid_review_due,
                review.rapid_review_date,
            )
        )
    # The decision after the rapid review (reviews/incidents.py): a review started, to publish.
    decision = getattr(review, "lcspr_decision", None)
    if decision is not None and decision.lcspr_start:
        found.append(
            Clock(
                PUBLICATION_CLOCK,
                decision.lcspr_start,
                decision.publication_due,
                review.publication_date,
            )
        )
    return found


def soon_limit(today):
    """Clocks due on or before this day are due soon (or overdue)."""
    return add_working_days(today, DUE_SOON_DAYS)
