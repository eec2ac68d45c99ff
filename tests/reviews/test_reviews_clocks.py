"""The statutory clocks count working days in England and Wales. Every expected date below was worked
out by hand from the gov.uk list of bank holidays for England and Wales:
2024: 1 Jan, 29 Mar, 1 Apr, 6 May, 27 May, 26 Aug, 25 Dec, 26 Dec;
2025: 1 Jan, 18 Apr, 21 Apr, 5 May, 26 May, 25 Aug, 25 Dec, 26 Dec;
2026: 1 Jan, 3 Apr, 6 Apr, 4 May, 25 May, 31 Aug, 25 Dec, 28 Dec (substitute for Boxing Day)."""

from datetime import date

import pytest

from reviews.clocks import (
    Clock,
    ClockState,
    add_working_days,
    is_working_day,
    notification_due,
    rapid_review_due,
    working_days_between,
)

GOV_UK_ENGLAND_AND_WALES = [
    date(2024, 1, 1),
    date(2024, 3, 29),
    date(2024, 4, 1),
    date(2024, 5, 6),
    date(2024, 5, 27),
    date(2024, 8, 26),
    date(2024, 12, 25),
    date(2024, 12, 26),
    date(2025, 1, 1),
    date(2025, 4, 18),
    date(2025, 4, 21),
    date(2025, 5, 5),
    date(2025, 5, 26),
    date(2025, 8, 25),
    date(2025, 12, 25),
    date(2025, 12, 26),
    date(2026, 1, 1),
    date(2026, 4, 3),
    date(2026, 4, 6),
    date(2026, 5, 4),
    date(2026, 5, 25),
    date(2026, 8, 31),
    date(2026, 12, 25),
    date(2026, 12, 28),
]


@pytest.mark.parametrize("day", GOV_UK_ENGLAND_AND_WALES, ids=str)
def test_bank_holidays_of_england_and_wales_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day, why",
    [
        (date(2025, 1, 2), "2 January is a bank holiday in Scotland only"),
        (date(2025, 12, 1), "St Andrew's Day (substitute) is Scottish"),
        (date(2024, 7, 12), "Battle of the Boyne is in Northern Ireland only"),
        (date(2025, 3, 17), "St Patrick's Day is in Northern Ireland only"),
        (date(2025, 8, 4), "the Scottish summer holiday is the first Monday of August"),
    ],
)
def test_other_nations_holidays_are_working_days_here(day, why):
    assert is_working_day(day), why


# (became known, notification due 5 working days later, what the case tests)
NOTIFICATION = [
    (date(2025, 6, 2), date(2025, 6, 9), "an ordinary week: Monday to the next Monday"),
    (date(2025, 6, 7), date(2025, 6, 13), "known on a Saturday: counting starts on Monday"),
    (date(2024, 12, 23), date(2025, 1, 2), "Christmas, Boxing Day and New Year's Day 2024-25"),
    (date(2026, 12, 23), date(2027, 1, 4), "Christmas 2026 with Boxing Day's substitute Monday"),
    (date(2024, 12, 31), date(2025, 1, 8), "New Year's Day 2025"),
    (date(2024, 3, 28), date(2024, 4, 8), "Easter 2024: Good Friday and Easter Monday"),
    (date(2025, 4, 17), date(2025, 4, 28), "Easter 2025"),
    (date(2025, 8, 22), date(2025, 9, 1), "August bank holiday 2025"),
    (date(2026, 8, 28), date(2026, 9, 7), "August bank holiday 2026 (31 August)"),
]


@pytest.mark.parametrize("known, due, case", NOTIFICATION, ids=[c for *_, c in NOTIFICATION])
def test_notification_is_due_5_working_days_after_the_incident_became_known(known, due, case):
    assert notification_due(known) == due


# (notified, rapid review due 15 working days later, what the case tests)
RAPID_REVIEW = [
    (date(2024, 12, 16), date(2025, 1, 9), "across Christmas and New Year 2024-25"),
    (date(2026, 3, 25), date(2026, 4, 17), "across Easter 2026"),
    (date(2025, 8, 18), date(2025, 9, 9), "across the August bank holiday 2025"),
    (date(2024, 4, 26), date(2024, 5, 20), "across the early May bank holiday 2024"),
]


@pytest.mark.parametrize("notified, due, case", RAPID_REVIEW, ids=[c for *_, c in RAPID_REVIEW])
def test_rapid_review_is_due_15_working_days_after_the_notification(notified, due, case):
    assert rapid_review_due(notified) == due


def test_no_date_no_clock():
    assert notification_due(None) is None
    assert rapid_review_due(None) is None


def test_working_days_between_counts_both_ways():
    assert working_days_between(date(2024, 12, 23), date(2025, 1, 2)) == 5
    assert working_days_between(date(2025, 1, 2), date(2024, 12, 23)) == -5
    assert working_days_between(date(2025, 6, 2), date(2025, 6, 2)) == 0


def test_add_working_days_never_lands_on_a_holiday_or_weekend():
    start = date(2024, 1, 1)
    for n in range(1, 800):
        assert is_working_day(add_working_days(start, n))


MONDAY = date(2025, 6, 2)


@pytest.mark.parametrize(
    "due, done, state",
    [
        (date(2025, 6, 5), None, ClockState.RUNNING),  # 3 working days away
        (date(2025, 6, 4), None, ClockState.DUE_SOON),  # 2 working days away
        (MONDAY, None, ClockState.DUE_SOON),  # due today
        (date(2025, 5, 30), None, ClockState.OVERDUE),  # due last Friday
        (date(2025, 5, 30), date(2025, 5, 30), ClockState.MET),
        (date(2025, 5, 30), MONDAY, ClockState.LATE),
    ],
)
def test_clock_states(due, done, state):
    assert Clock("Notification", date(2025, 5, 20), due, done).state(MONDAY) == state


def test_due_soon_counts_working_days_over_a_bank_holiday():
    # The Friday before the August bank holiday: Wednesday is only 2 working days away (due soon),
    # Thursday 3 (running), though both are more than 2 weekdays away.
    friday = date(2025, 8, 22)
    assert Clock("x", friday, date(2025, 8, 27), None).state(friday) == ClockState.DUE_SOON
    assert Clock("x", friday, date(2025, 8, 28), None).state(friday) == ClockState.RUNNING
