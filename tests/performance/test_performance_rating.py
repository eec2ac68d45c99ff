"""The RAG and trend rules of performance/rating.py, as tables of cases."""

import calendar
from datetime import date
from decimal import Decimal

import pytest

from core.rag import Rag
from performance.models import Indicator, Measurement, Polarity, Target, Trend
from performance.rating import Rated, gaps, rate, trend, year_earlier

HIGH, LOW, NONE = Polarity.HIGH, Polarity.LOW, Polarity.NONE
G, A, R, NOT_RATED = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NOT_RATED

RAG_CASES = [
    # value, target, tolerance, polarity, expected, why
    ("90", "85", "5", HIGH, G, "high: above target"),
    ("85", "85", "5", HIGH, G, "high: on target"),
    ("82.1", "85", "5", HIGH, A, "high: within tolerance below"),
    ("80", "85", "5", HIGH, A, "high: at the edge of the tolerance"),
    ("79.9", "85", "5", HIGH, R, "high: outside the tolerance"),
    ("88", "90", "0", HIGH, R, "high: no tolerance, any shortfall is red"),
    ("17.7", "23.4", "2", LOW, G, "low: below target"),
    ("10", "10", "1", LOW, G, "low: on target"),
    ("10.7", "10", "1", LOW, A, "low: within tolerance above"),
    ("56.6", "40", "4", LOW, R, "low: outside the tolerance"),
    ("0", "2", "0", LOW, G, "low: a zero value is a value"),
    ("0", "0", "0", HIGH, G, "a zero target is a target"),
    ("23.8", None, "0", HIGH, NOT_RATED, "no target set: no RAG, not red"),
    (None, "85", "5", HIGH, NOT_RATED, "no value: no RAG, not red"),
    ("404", "300", "0", NONE, NOT_RATED, "polarity not applicable: no RAG"),
]


@pytest.mark.parametrize(
    "value, target, tolerance, polarity, expected",
    [c[:5] for c in RAG_CASES],
    ids=[c[5] for c in RAG_CASES],
)
def test_rag_rule(value, target, tolerance, polarity, expected):
    def number(text):
        return None if text is None else Decimal(text)

    assert rate(number(value), number(target), number(tolerance), polarity) == expected


def rated(value, target, polarity=HIGH, rag_override="", previous=None, trend_override=""):
    indicator = Indicator(code="X1", description="x", polarity=polarity)
    day = date(2017, 3, 31)
    measurement = Measurement(
        indicator=indicator,
        period_end=day,
        value=value,
        rag_override=rag_override,
        rag_reason="as reported" if rag_override else "",
        trend_override=trend_override,
        trend_reason="stated by the agency" if trend_override else "",
    )
    earlier = Measurement(indicator=indicator, period_end=date(2016, 3, 31), value=previous)
    goal = Target(indicator=indicator, starts=date(2016, 4, 1), ends=day, value=target, tolerance=5)
    return Rated(indicator, day, measurement, earlier if previous is not None else None, goal)


OVERRIDE_CASES = [
    # value, target, polarity, override, expected RAG, expected reason
    (Decimal("82.1"), Decimal(85), HIGH, "", A, ""),
    (Decimal("82.1"), Decimal(85), HIGH, "G", G, "as reported"),
    (Decimal("99"), Decimal(85), HIGH, "R", R, "as reported"),
    (None, Decimal(75), HIGH, "", NOT_RATED, ""),
    (None, Decimal(75), HIGH, "G", G, "as reported"),
    (Decimal("23.8"), None, NONE, "", NOT_RATED, ""),
]


@pytest.mark.parametrize("value, target, polarity, override, expected, reason", OVERRIDE_CASES)
def test_an_override_wins_with_its_reason(value, target, polarity, override, expected, reason):
    row = rated(value, target, polarity, rag_override=override)
    assert (row.rag, row.rag_reason, row.rag_overridden) == (expected, reason, bool(override))


TREND_CASES = [
    # value, a year earlier, polarity, expected
    ("50.8", "29.5", HIGH, Trend.IMPROVING),
    ("29.5", "50.8", HIGH, Trend.DECLINING),
    ("17.7", "20.1", LOW, Trend.IMPROVING),
    ("56.6", "44.6", LOW, Trend.DECLINING),
    ("10.7", "10.7", LOW, Trend.STATIC),
    ("10.7", None, LOW, Trend.NONE),
    (None, "10.7", LOW, Trend.NONE),
    ("404", "300", NONE, Trend.NONE),
]


@pytest.mark.parametrize("value, previous, polarity, expected", TREND_CASES)
def test_trend_rule(value, previous, polarity, expected):
    def number(text):
        return None if text is None else Decimal(text)

    assert trend(number(value), number(previous), polarity) == expected


def test_a_trend_override_wins_with_its_reason():
    row = rated(Decimal(10), Decimal(10), LOW, previous=Decimal(12), trend_override="sustained")
    assert row.computed_trend == Trend.IMPROVING
    assert (row.trend, row.trend_reason) == (Trend.SUSTAINED, "stated by the agency")


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2017, 3, 31), date(2016, 3, 31)),
        (date(2016, 2, 29), date(2015, 2, 28)),
        (date(2017, 2, 28), date(2016, 2, 29)),  # month ends match month ends
        (date(2017, 6, 15), date(2016, 6, 15)),
    ],
)
def test_the_same_period_a_year_earlier(day, expected):
    assert year_earlier(day) == expected


def month_ends(*pairs):
    return [date(y, m, calendar.monthrange(y, m)[1]) for y, m in pairs]


@pytest.mark.parametrize(
    "days, missing",
    [
        (month_ends((2017, 1), (2017, 2), (2017, 3)), []),
        (month_ends((2017, 1), (2017, 2), (2017, 5), (2017, 6)), month_ends((2017, 3), (2017, 4))),
        (month_ends((2013, 3), (2014, 3), (2016, 3), (2017, 3)), month_ends((2015, 3))),
        (month_ends((2016, 6), (2016, 9), (2017, 3)), month_ends((2016, 12))),
        (month_ends((2016, 3), (2017, 3)), []),  # two figures: no cadence to infer
        ([date(2017, 1, 15), date(2017, 2, 15), date(2017, 4, 15)], []),  # not month ends
    ],
)
def test_a_regular_series_shows_the_period_ends_it_skips(days, missing):
    assert gaps(days) == missing
