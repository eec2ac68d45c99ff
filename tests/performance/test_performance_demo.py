"""The demo scorecard is the seed's table of 31 March 2017 (section 12), row by row."""

from collections import Counter

import pytest
from django.urls import reverse

from accounts.models import User
from boards.models import Board

# The seed's RAG and trend of every indicator, typed from the report (not read from the demo's data).
SEED = """
CS1.0 G Improving; CS1.1 G Improving; CS2.0 G Improving; CS2.1 G Improving; CS2.2 A Declining;
CS2.3 R Declining; CS2.4 G Improving; CS2.5 A Static; CS2.7 G Sustained; CS3.0 R Improving;
CS3.1 R Improving; CS3.2 G Improving; CS3.4 G Improving; CS3.5 A Declining; CS3.6 G Sustained;
CS3.7 R Declining; CS3.8 R Declining; CS3.10 G Improving; CS3.12 G Declining; CS3.13 G Improving;
CS3.14 G Sustained; CS3.15 G Improving; CS3.16 G Improving; CS3.17 G Sustained; CS3.19 R Improving;
CS3.20 R Declining; CS3.21 R Declining; CS3.22 R Improving; CS3.25 - Sustained; CS4.0 G Improving;
CS4.1 G Sustained; CS4.2 G Improving; CS4.3 A Improving; CS4.4 G Improving; CS5.0 G Declining;
CS5.3 G Improving; CS5.5 R Improving; CS6.0 G Improving; CS6.1 G Sustained; CS6.2 G Sustained;
CS6.3 G Improving; CS6.4 G Improving; CS6.5 G Improving; CS7-0 G Improving; CS7.2b R Declining;
CS8-0 - Declining; HE1 G Improving; HE2 A Improving
"""
SEED_ROWS = [entry.split() for entry in SEED.replace("\n", " ").split(";")]


@pytest.fixture
def scorecard(demo_board, client):
    board = Board.objects.get(name="Cumbria Local Safeguarding Children Board")
    client.force_login(User.objects.get(email="member@demo.lscb.test"))
    response = client.get(reverse("performance:scorecard", args=[board.pk]))
    return response.context["rows"]


def test_the_demo_scorecard_is_the_seeds_table(scorecard):
    assert [(row.indicator.code, row.rag.value or "-", row.trend.label) for row in scorecard] == [
        (code, rag, trend) for code, rag, trend in SEED_ROWS
    ]
    counts = Counter(row.rag.label for row in scorecard)
    assert counts == {"Green": 30, "Red": 11, "Amber": 5, "Not rated": 2}
    assert [row.indicator.code for row in scorecard if row.target_text == "Not set"] == [
        "CS3.25",
        "CS8-0",
    ]


def test_rags_the_rule_does_not_give_are_overrides_as_reported(scorecard):
    overridden = {row.indicator.code for row in scorecard if row.rag_overridden}
    assert overridden == {"CS2.0", "CS3.6", "CS3.10", "CS4.2", "CS4.4", "CS6.0", "CS6.2"}
    assert {row.rag_reason for row in scorecard if row.rag_overridden} == {"as reported"}
    care_leaver_visits = next(row for row in scorecard if row.indicator.code == "CS4.4")
    assert care_leaver_visits.missing  # printed without a value: missing, not zero


def test_trends_are_computed_where_the_earlier_year_is_printed(scorecard):
    computed = {row.indicator.code for row in scorecard if not row.trend_overridden}
    assert computed == {"CS1.0", "CS2.3", "CS3.0", "CS5.5"}


def test_the_multi_year_series_of_sections_12_and_23(scorecard):
    from performance.models import Indicator

    def series(code):
        return [
            (m.period_end.year, float(m.value))
            for m in Indicator.objects.get(code=code).measurements.all()
        ]

    assert series("CS2.3") == [(2013, 36.1), (2014, 62.5), (2015, 34.6), (2016, 44.6), (2017, 56.6)]
    assert series("EHA-NUM") == [(2013, 178), (2014, 443), (2015, 1234), (2016, 1828), (2017, 2126)]
    assert series("CLA-NUM")[-1] == (2017, 631)
    assert [v for _, v in series("PF-CUMBRIA")] == [8, 9, 5, 7, 6, 8, 8, 13, 6]
    assert series("PF-ENG")[0] == (2009, 1530)
