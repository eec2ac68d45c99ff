"""One definition of an open Section 11 cycle (AuditCycle.objects.open(today)), with dates on both
sides of each edge: the day it opens, and the day the office closes it. A cycle past its deadline
still takes late returns until the office closes it."""

import datetime

import pytest

from audits.models import AuditCycle

from ..factories import AuditCycleFactory

OPENS = datetime.date(2016, 12, 8)
DEADLINE = datetime.date(2017, 3, 13)
CLOSED = datetime.date(2017, 3, 31)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def cycle(db):
    return AuditCycleFactory(opens=OPENS, closes=DEADLINE, closed=CLOSED)


@pytest.mark.parametrize(
    "today, is_open",
    [
        (OPENS - DAY, False),  # not yet open
        (OPENS, True),
        (DEADLINE, True),
        (DEADLINE + DAY, True),  # late returns are still taken
        (CLOSED - DAY, True),
        (CLOSED, False),  # closed by the office that day
        (CLOSED + DAY, False),
    ],
)
def test_a_cycle_is_open_from_its_opening_until_the_office_closes_it(cycle, today, is_open):
    assert list(AuditCycle.objects.open(today)) == ([cycle] if is_open else [])
    assert cycle.is_open(today) is is_open  # the instance method applies the same rule
    assert list(AuditCycle.objects.closed_by(today)) == ([cycle] if today >= CLOSED else [])
    assert list(AuditCycle.objects.not_yet_open(today)) == ([cycle] if today < OPENS else [])


def test_a_cycle_the_office_has_not_closed_stays_open_past_its_deadline(cycle):
    cycle.closed = None
    cycle.save()
    later = DEADLINE + datetime.timedelta(days=400)
    assert list(AuditCycle.objects.open(later)) == [cycle]
    assert cycle.is_open(later)
