"""The scorecard, the indicator page and office staff's changes to indicators, targets and figures."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from core.rag import Rag
from performance.models import Indicator, Measurement, Polarity, Target

from ..helpers import assert_queries_do_not_grow, date_fields

MARCH_2017 = datetime.date(2017, 3, 31)


def scorecard_url(board, **query):
    url = reverse("performance:scorecard", args=[board.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def add_indicator(board, code, value, target, polarity=Polarity.HIGH, **fields):
    indicator = Indicator.objects.create(
        board=board, code=code, description=f"Indicator {code}", polarity=polarity, **fields
    )
    indicator.targets.create(
        starts=datetime.date(2016, 4, 1), ends=MARCH_2017, value=target, tolerance=5
    )
    if value is not None:
        indicator.measurements.create(period_end=MARCH_2017, value=value)
    return indicator


@pytest.fixture
def scorecard(board):
    """Four indicators at 31 March 2017: green, amber, red, and one with no target set."""
    return [
        add_indicator(board, "CS1.0", "17.7", "23.4", Polarity.LOW, area="Referral"),
        add_indicator(board, "CS2.0", "82.1", "85", area="Child protection"),
        add_indicator(board, "CS2.3", "56.6", "40", Polarity.LOW, area="Child protection"),
        add_indicator(board, "CS3.25", "23.8", None, Polarity.NONE, area="Children looked after"),
    ]


def rows_of(response):
    return {row.indicator.code: row for row in response.context["rows"]}


def test_scorecard_rates_every_indicator_in_code_order(client, office, scorecard):
    client.force_login(office)
    response = client.get(scorecard_url(office.board_memberships.get().board))
    rows = rows_of(response)
    assert list(rows) == ["CS1.0", "CS2.0", "CS2.3", "CS3.25"]
    assert {code: row.rag for code, row in rows.items()} == {
        "CS1.0": Rag.GREEN,
        "CS2.0": Rag.AMBER,
        "CS2.3": Rag.RED,
        "CS3.25": Rag.NOT_RATED,
    }
    assert response.context["as_at"] == MARCH_2017
    html = response.content.decode()
    assert "Not set" in html
    assert html.index("Indicator</th>") < html.index("Rate/ Percentage") < html.index("Target</th>")


def test_codes_sort_naturally(board, client, office):
    for code in ["CS3.10", "CS3.8", "CS3.2"]:
        add_indicator(board, code, "1", "1")
    client.force_login(office)
    assert list(rows_of(client.get(scorecard_url(board)))) == ["CS3.2", "CS3.8", "CS3.10"]


def test_a_missing_figure_shows_as_missing_not_zero(board, client, member):
    add_indicator(board, "CS4.4", None, "75")
    add_indicator(board, "CS4.0", "91.6", "83")  # sets the date of the scorecard
    client.force_login(member)
    response = client.get(scorecard_url(board))
    row = rows_of(response)["CS4.4"]
    assert row.missing and row.rag == Rag.NOT_RATED
    assert "Missing" in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"rag": "R"}, ["CS2.3"]),
        ({"rag": "A"}, ["CS2.0"]),
        ({"rag": "none"}, ["CS3.25"]),
        ({"area": "Child protection"}, ["CS2.0", "CS2.3"]),
        ({"area": "Child protection", "rag": "G"}, []),
        ({"trend": "improving"}, ["CS1.0"]),
        ({"trend": "none"}, ["CS2.0", "CS2.3", "CS3.25"]),
    ],
)
def test_scorecard_filters(board, client, member, scorecard, query, expected):
    scorecard[0].measurements.create(period_end=datetime.date(2016, 3, 31), value="20.1")
    client.force_login(member)
    assert list(rows_of(client.get(scorecard_url(board, **query)))) == expected


def test_scorecard_as_at_an_earlier_date(board, client, member, scorecard):
    scorecard[0].measurements.create(period_end=datetime.date(2016, 3, 31), value="20.1")
    client.force_login(member)
    response = client.get(scorecard_url(board, as_at="2016-03-31"))
    rows = rows_of(response)
    assert (
        rows["CS1.0"].value_text == "20.1%" and rows["CS1.0"].rag == Rag.NOT_RATED
    )  # no 2015-16 target
    assert rows["CS2.0"].missing


def test_export_has_the_seeds_columns_and_the_filtered_rows(board, client, chair, scorecard):
    client.force_login(chair)
    response = client.get(reverse("performance:export", args=[board.pk, "xlsx"]) + "?rag=R")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Indicator",
        "Description",
        "Rate/Percentage",
        "RAG (against target)",
        "Trend over last year",
        "Good performance is",
        "Target",
    )
    assert rows[1][:7] == ("CS2.3", "Indicator CS2.3", "56.6%", "Red", "No trend", "Low", "40.0%")
    assert len(rows) == 2
    csv_text = client.get(reverse("performance:export", args=[board.pk, "csv"])).content.decode()
    assert "CS3.25,Indicator CS3.25,23.8%,No RAG,No trend,Not applicable,Not set" in csv_text


def test_scorecard_queries_do_not_grow(board, client, member, scorecard):
    client.force_login(member)

    def grow():
        """Ten times the indicators, each with ten years of monthly figures and yearly targets."""
        import calendar

        indicators = Indicator.objects.bulk_create(
            Indicator(board=board, code=f"GX{n}", code_sort=f"GX{n:05}", description="More")
            for n in range(36)
        )
        ends = [
            datetime.date(y, m, calendar.monthrange(y, m)[1])
            for y in range(2007, 2017)
            for m in range(1, 13)
        ] + [MARCH_2017]
        Measurement.objects.bulk_create(
            Measurement(indicator=i, period_end=day, value=n % 100)
            for i in indicators
            for n, day in enumerate(ends)
        )
        Target.objects.bulk_create(
            Target(
                indicator=i,
                starts=datetime.date(y, 4, 1),
                ends=datetime.date(y + 1, 3, 31),
                value=50,
            )
            for i in indicators
            for y in range(2006, 2017)
        )

    assert_queries_do_not_grow(client, scorecard_url(board), grow)
    cache.clear()  # built again, so that the response carries the context it was built from
    assert len(client.get(scorecard_url(board)).context["rows"]) == 40


def test_indicator_page_has_chart_text_alternative_and_table(board, client, lead_x, scorecard):
    indicator = scorecard[2]
    indicator.measurements.create(period_end=datetime.date(2016, 3, 31), value="44.6")
    client.force_login(lead_x)
    html = client.get(indicator.get_absolute_url()).content.decode()
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "From 44.6% at 31 March 2016 to 56.6% at 31 March 2017" in html
    assert html.count("<circle") == 2
    assert re.search(r'<caption [^>]*class="govuk-table__caption[^>]*>Figures of CS2.3', html)
    assert ">44.6%<" in html and ">56.6%<" in html


def test_other_boards_indicators_are_not_found(client, outsider, measurement):
    client.force_login(outsider)
    assert client.get(measurement.indicator.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("performance:override", args=[measurement.pk]), {}).status_code == 404
    )


def test_office_adds_an_indicator_target_and_figure(board, client, office):
    client.force_login(office)
    response = client.post(
        reverse("performance:indicator_add", args=[board.pk]),
        {
            "code": "HE1",
            "description": "CAMHS patients seen within 35 days of referral",
            "area": "Health",
            "unit": "percentage",
            "decimals": "0",
            "polarity": "high",
            "status": "active",
            "on_scorecard": "on",
        },
    )
    indicator = Indicator.objects.get(board=board, code="HE1")
    assert response.url == indicator.get_absolute_url()
    assert indicator.history.get().history_user == office
    client.post(
        reverse("performance:target_add", args=[indicator.pk]),
        {
            **date_fields("starts_on", datetime.date(2016, 4, 1)),
            **date_fields("ends_on", MARCH_2017),
            "value": "90",
            "tolerance": "5",
            "label": "",
        },
    )
    client.post(
        reverse("performance:measurement_add", args=[indicator.pk]),
        {**date_fields("period_end_on", MARCH_2017), "value": "92"},
    )
    row = rows_of(client.get(scorecard_url(board)))["HE1"]
    assert (row.value, row.rag, row.target_text) == (92, Rag.GREEN, "90%")


def test_a_duplicate_code_is_refused(board, client, office, indicator):
    client.force_login(office)
    response = client.post(
        reverse("performance:indicator_add", args=[board.pk]),
        {"code": "cs2.0", "description": "Again", "unit": "count", "decimals": "0",
         "polarity": "low", "status": "active"},
    )  # fmt: skip
    assert "The board already has an indicator cs2.0" in response.content.decode()
    assert board.indicators.count() == 1


def test_an_override_needs_a_reason_and_is_audited(client, office, measurement):
    client.force_login(office)
    url = reverse("performance:override", args=[measurement.pk])
    response = client.post(url, {"rag_override": "G", "rag_reason": " ", "trend_override": ""})
    assert "Say why the RAG is set by hand" in response.content.decode()
    measurement.refresh_from_db()
    assert measurement.rag_override == ""

    client.post(
        url, {"rag_override": "G", "rag_reason": "Agreed at PMQAG", "trend_override": "static",
              "trend_reason": "Within a point of last year"},
    )  # fmt: skip
    measurement.refresh_from_db()
    assert (measurement.rag_override, measurement.rag_reason) == ("G", "Agreed at PMQAG")
    assert measurement.history.latest().history_user == office
    page = client.get(measurement.indicator.get_absolute_url()).content.decode()
    assert "Set by hand: Agreed at PMQAG" in page
    assert "Olive Office" in page  # the audit trail of overrides names who set it

    client.post(url, {"rag_override": "", "rag_reason": "ignored", "trend_override": ""})
    measurement.refresh_from_db()
    assert (measurement.rag_override, measurement.rag_reason) == ("", "")


@pytest.mark.parametrize("role", ["member", "chair", "lead_x", "subgroup_chair"])
def test_readers_cannot_override(role, request, client, measurement):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("performance:override", args=[measurement.pk]),
        {"rag_override": "G", "rag_reason": "Because"},
    )
    assert response.status_code == 403
    measurement.refresh_from_db()
    assert measurement.rag_override == ""


def test_targets_of_one_indicator_cannot_overlap(client, office, target):
    client.force_login(office)
    response = client.post(
        reverse("performance:target_add", args=[target.indicator.pk]),
        {
            **date_fields("starts_on", datetime.date(2017, 1, 1)),
            **date_fields("ends_on", datetime.date(2017, 12, 31)),
            "value": "80",
            "tolerance": "0",
        },
    )
    assert "Another target of this indicator covers these dates" in response.content.decode()
    assert target.indicator.targets.count() == 1


def test_a_late_figure_shows_the_latest_before_it_and_holds_back_the_default_date(
    board, client, member, scorecard
):
    stale = scorecard[1]
    stale.measurements.all().delete()
    stale.measurements.create(period_end=datetime.date(2016, 9, 30), value="80")
    client.force_login(member)
    # As at 31 March 2017, CS2.0 shows its latest figure on or before, and says when it is from.
    response = client.get(scorecard_url(board, as_at="2017-03-31"))
    row = rows_of(response)["CS2.0"]
    assert not row.missing and row.value_text == "80.0%" and row.dated_earlier
    assert (
        row.figure_date == datetime.date(2016, 9, 30) and row.rag == Rag.AMBER
    )  # target 85, tolerance 5
    assert "figure of 30 Sep 2016" in response.content.decode()
    # Without a date the scorecard is as at the latest complete date: CS2.0 has no March figure.
    response = client.get(scorecard_url(board))
    assert response.context["as_at"] == datetime.date(2016, 9, 30)
    html = response.content.decode()
    assert "figures as at 30 September 2016" in html
    assert "the latest date with a figure for every indicator" in html
    assert "Later figures (31 March 2017)" in html
    # Once the office records the March figure as not available, March is complete.
    stale.measurements.create(period_end=MARCH_2017, value=None, note="Not yet available")
    response = client.get(scorecard_url(board))
    row = rows_of(response)["CS2.0"]
    assert response.context["as_at"] == MARCH_2017
    assert row.missing and row.last_figure == datetime.date(2016, 9, 30)
    assert "last figure 30 Sep 2016" in response.content.decode()


def test_a_skipped_month_shows_as_missing_on_the_indicator_page(client, office, indicator):
    for month, value in [(1, 80), (2, 81), (4, 83), (5, 84)]:
        day = datetime.date(2017, month, 28 if month == 2 else 30 if month == 4 else 31)
        indicator.measurements.create(period_end=day, value=value)
    client.force_login(office)
    response = client.get(indicator.get_absolute_url())
    rows = response.context["rows"]
    assert [(r.period_end.month, r.missing) for r in rows] == [
        (1, False), (2, False), (3, True), (4, False), (5, False)
    ]  # fmt: skip
    html = response.content.decode()
    assert "1 figure is missing." in html
    assert html.count("<polyline") == 2  # the line breaks where the figure is missing
    add = reverse("performance:measurement_add", args=[indicator.pk]) + "?period_end=2017-03-31"
    assert add in html
    form = client.get(add).context["form"]
    assert form["period_end_on"].value() == datetime.date(2017, 3, 31)


def test_indicator_page_queries_do_not_grow(client, member, measurement):
    client.force_login(member)
    indicator = measurement.indicator

    def grow():
        import calendar

        Measurement.objects.bulk_create(
            Measurement(
                indicator=indicator,
                period_end=datetime.date(y, m, calendar.monthrange(y, m)[1]),
                value=m,
                rag_override="G",
                rag_reason="Agreed",
            )
            for y in range(2007, 2017)
            for m in range(1, 13)
        )

    assert_queries_do_not_grow(client, indicator.get_absolute_url(), grow)


def test_retired_indicators_leave_the_scorecard_but_keep_their_page(
    board, client, member, scorecard
):
    retired = scorecard[3]
    retired.status = "retired"
    retired.save()
    client.force_login(member)
    response = client.get(scorecard_url(board))
    assert "CS3.25" not in rows_of(response)
    assert response.context["retired"].get() == retired
    assert client.get(retired.get_absolute_url()).status_code == 200
