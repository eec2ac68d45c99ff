"""The scorecard as at a date: each indicator's latest figure on or before it, the default date the
latest at which the board's figures are complete, and the date stated on the page and in exports."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.rag import Rag
from performance.models import Indicator, Measurement, Polarity
from performance.rating import complete_as_at, rate_at

from .test_performance import MARCH_2017, add_indicator, rows_of, scorecard_url

JUNE_2017 = datetime.date(2017, 6, 30)


@pytest.fixture
def scorecard(board):
    """Four indicators at 31 March 2017 (as test_performance's): green, amber, red, no target."""
    return [
        add_indicator(board, "CS1.0", "17.7", "23.4", Polarity.LOW),
        add_indicator(board, "CS2.0", "82.1", "85"),
        add_indicator(board, "CS2.3", "56.6", "40", Polarity.LOW),
        add_indicator(board, "CS3.25", "23.8", None, Polarity.NONE),
    ]


def add_2017_18_target(indicator, value):
    indicator.targets.create(
        starts=datetime.date(2017, 4, 1), ends=datetime.date(2018, 3, 31), value=value, tolerance=5
    )


def test_a_figure_dated_after_the_date_is_ignored(board, scorecard):
    red = scorecard[2]  # CS2.3: 56.6 against 40, low is good: red at 31 March 2017
    add_2017_18_target(red, 40)
    red.measurements.create(period_end=JUNE_2017, value="38")  # green at 30 June 2017
    before = {row.indicator.code: row for row in rate_at(scorecard, datetime.date(2017, 6, 29))}
    on = {row.indicator.code: row for row in rate_at(scorecard, JUNE_2017)}
    assert before["CS2.3"].value_text == "56.6%" and before["CS2.3"].rag == Rag.RED
    assert before["CS2.3"].figure_date == MARCH_2017
    assert on["CS2.3"].value_text == "38.0%" and on["CS2.3"].rag == Rag.GREEN
    assert on["CS2.3"].figure_date == JUNE_2017 and not on["CS2.3"].dated_earlier
    # the others keep their March figures, rated against the target of the March period
    assert on["CS2.0"].figure_date == MARCH_2017 and on["CS2.0"].rag == Rag.AMBER
    assert on["CS2.0"].dated_earlier


def test_the_trend_compares_the_figure_with_a_year_before_it(board, scorecard):
    first = scorecard[0]  # CS1.0, low is good
    first.measurements.create(period_end=datetime.date(2016, 3, 31), value="20.1")
    (row,) = rate_at([first], JUNE_2017)  # no June figure: the March one, against March 2016
    assert row.figure_date == MARCH_2017 and row.trend == "improving"


def test_a_stray_later_figure_does_not_move_the_default_date(board, client, member, scorecard):
    client.force_login(member)
    scorecard[2].measurements.create(period_end=JUNE_2017, value="38")
    assert complete_as_at(scorecard) == MARCH_2017
    response = client.get(scorecard_url(board))
    assert response.context["as_at"] == MARCH_2017
    assert {code: row.rag for code, row in rows_of(response).items()}["CS2.3"] == Rag.RED
    html = response.content.decode()
    assert "figures as at 31 March 2017" in html
    assert "Later figures (30 June 2017)" in html
    assert '<option value="2017-06-30">30 June 2017</option>' in html
    # the reader picks the later date: CS2.3's June figure, the others their March ones
    response = client.get(scorecard_url(board, as_at="2017-06-30"))
    rows = rows_of(response)
    assert rows["CS2.3"].figure_date == JUNE_2017 and rows["CS2.0"].figure_date == MARCH_2017
    assert "figures as at 30 June 2017" in response.content.decode()
    # once every indicator has a June figure, June is the default
    for indicator in scorecard:
        Measurement.objects.get_or_create(
            indicator=indicator, period_end=JUNE_2017, defaults={"value": 1}
        )
    assert client.get(scorecard_url(board)).context["as_at"] == JUNE_2017


def test_an_indicator_added_later_does_not_make_earlier_dates_incomplete(board, scorecard):
    new = Indicator.objects.create(board=board, code="NEW1", description="New")
    new.measurements.create(period_end=JUNE_2017, value=1)
    assert complete_as_at([*scorecard, new]) == MARCH_2017
    assert complete_as_at([*scorecard, new], on_or_before=datetime.date(2017, 3, 30)) is None
    assert complete_as_at([]) is None


def test_any_real_date_will_do_and_is_listed(board, client, member, scorecard):
    client.force_login(member)
    response = client.get(scorecard_url(board, as_at="2017-05-15"))
    assert response.context["as_at"] == datetime.date(2017, 5, 15)
    html = response.content.decode()
    assert "figures as at 15 May 2017" in html
    assert '<option value="2017-05-15" selected>15 May 2017</option>' in html
    assert "the latest date with a figure for every indicator" not in html
    # before any figure: every indicator is missing, none is rated
    rows = rows_of(client.get(scorecard_url(board, as_at="2015-01-01")))
    assert all(row.missing and row.rag == Rag.NOT_RATED for row in rows.values())


@pytest.mark.parametrize(
    "bad, message",
    [
        ("2017-02-30", "2017-02-30 is not a real date"),
        ("31/03/2017", "31/03/2017 is not a real date"),
        ("yesterday", "as year-month-day, for example 2017-03-31"),
        ("0001-01-01", "Enter a date between 1900 and 2999"),
    ],
)
def test_a_bad_date_gets_a_clear_message(board, client, member, scorecard, bad, message):
    client.force_login(member)
    response = client.get(scorecard_url(board, as_at=bad))
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html
    export = client.get(reverse("performance:export", args=[board.pk, "csv"]) + f"?as_at={bad}")
    assert export.status_code == 400 and message in export.content.decode()


def test_the_export_states_the_date_its_figures_are_as_at(board, client, chair, scorecard):
    scorecard[2].measurements.create(period_end=JUNE_2017, value="38")
    client.force_login(chair)
    url = reverse("performance:export", args=[board.pk, "xlsx"])
    response = client.get(url)
    assert "scorecard-as-at-2017-03-31.xlsx" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][7:] == (
        "Period end",
        "Why the RAG was set by hand",
        "Why the trend was set by hand",
        "Figures as at",
    )
    assert {row[10] for row in rows[1:]} == {"2017-03-31"}
    response = client.get(url + "?as_at=2017-06-30")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["CS2.3"][2] == "38.0%" and by_code["CS2.3"][7] == "2017-06-30"
    assert by_code["CS2.0"][7] == "2017-03-31" and by_code["CS2.0"][10] == "2017-06-30"
