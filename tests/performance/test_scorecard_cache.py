"""The scorecard is kept in the cache (core.page_cache): a new or corrected figure shows at once, and
the office's page (with its buttons) is never shown to a board member."""

import datetime

from django.urls import reverse

from ..helpers import page


def scorecard_url(board, query=""):
    return reverse("performance:scorecard", args=[board.pk]) + query


def test_a_new_figure_and_a_correction_show_at_once(login_as, board, measurement):
    client = login_as("member")
    assert "82.1" in page(client, scorecard_url(board))
    measurement.indicator.measurements.create(period_end=datetime.date(2017, 6, 30), value="91.5")
    assert "91.5" in page(client, scorecard_url(board))
    later = measurement.indicator.measurements.get(value="91.5")
    later.value = "77.7"
    later.save()
    assert "77.7" in page(client, scorecard_url(board))


def test_the_office_page_is_never_shown_to_a_member(login_as, board, measurement):
    assert "Add an indicator" in page(login_as("office"), scorecard_url(board))
    assert "Add an indicator" not in page(login_as("member"), scorecard_url(board))


def test_each_filter_and_a_bad_date_are_kept_apart(login_as, board, measurement):
    client = login_as("member")
    assert "82.1" in page(client, scorecard_url(board))
    for _ in range(2):  # built, then kept
        response = client.get(scorecard_url(board, "?as_at=2017-02-30"))
        assert response.status_code == 400
        assert "<title>Error: " in response.content.decode()
