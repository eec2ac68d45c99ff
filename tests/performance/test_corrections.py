"""Corrections to figures: office staff correct a figure's value or delete one entered in error, each
with a reason kept in the indicator's audit trail; the scorecard then uses what remains."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.rag import Rag
from performance.models import Measurement

from ..helpers import date_fields, page

MARCH_2017 = datetime.date(2017, 3, 31)
DECEMBER_2016 = datetime.date(2016, 12, 31)


@pytest.fixture
def earlier(indicator):
    """A figure a quarter before `measurement`'s (which is amber: 82.1 against 85, tolerance 5)."""
    return indicator.measurements.create(period_end=DECEMBER_2016, value="90")


def scorecard_row(client, board):
    response = client.get(reverse("performance:scorecard", args=[board.pk]))
    (row,) = response.context["rows"]
    return response.context["as_at"], row


def delete_url(measurement):
    return reverse("performance:measurement_delete", args=[measurement.pk])


def edit_url(measurement):
    return reverse("performance:measurement_edit", args=[measurement.pk])


def test_a_deleted_figure_no_longer_counts(client, office, board, measurement, earlier):
    client.force_login(office)
    assert scorecard_row(client, board)[0] == MARCH_2017
    response = client.get(delete_url(measurement))
    assert "govuk-warning-text" in response.content.decode()
    assert "govuk-button--warning" in response.content.decode()

    response = client.post(delete_url(measurement), {"reason": "Entered for the wrong indicator"})
    assert response.status_code == 302
    assert not Measurement.objects.filter(pk=measurement.pk).exists()
    as_at, row = scorecard_row(client, board)
    assert (as_at, row.value, row.rag) == (DECEMBER_2016, 90, Rag.GREEN)

    deleted = Measurement.history.filter(id=measurement.pk, history_type="-").get()
    assert deleted.history_user == office
    assert deleted.history_change_reason == "Entered for the wrong indicator"
    trail = page(client, reverse("performance:indicator_history", args=[measurement.indicator_id]))
    assert "Figure for 31 Mar 2017" in trail
    assert "Entered for the wrong indicator" in trail


def test_a_deletion_needs_a_reason(client, office, measurement):
    client.force_login(office)
    response = client.post(delete_url(measurement), {"reason": "  "})
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    assert Measurement.objects.filter(pk=measurement.pk).exists()
    response = client.post(delete_url(measurement), {"reason": "x" * 101})
    assert response.status_code == 200
    assert Measurement.objects.filter(pk=measurement.pk).exists()


def correction(measurement, value, reason):
    return {
        **date_fields("period_end_on", measurement.period_end),
        "value": value,
        "note": "",
        "reason": reason,
    }


def test_a_correction_needs_a_reason_kept_in_the_audit_trail(client, office, measurement):
    client.force_login(office)
    response = client.post(edit_url(measurement), correction(measurement, "88.1", ""))
    assert "Say why the figure is corrected" in response.content.decode()
    measurement.refresh_from_db()
    assert measurement.value == Decimal("82.1")

    response = client.post(edit_url(measurement), correction(measurement, "88.1", "Digits swapped"))
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.value == Decimal("88.1")
    latest = measurement.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (office, "Digits swapped")
    trail = page(client, reverse("performance:indicator_history", args=[measurement.indicator_id]))
    assert "Digits swapped" in trail
    assert "82.100 → 88.100" in trail


def test_adding_a_figure_asks_no_reason(client, office, indicator):
    client.force_login(office)
    response = client.post(
        reverse("performance:measurement_add", args=[indicator.pk]),
        {**date_fields("period_end_on", MARCH_2017), "value": "80", "note": ""},
    )
    assert response.status_code == 302
    assert indicator.measurements.get().value == 80


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 403), ("chair", 403), ("lead_x", 403), ("outsider", 404)],
)
def test_only_the_boards_office_deletes_or_reads_the_trail(login_as, role, status, measurement):
    client = login_as(role)
    assert client.post(delete_url(measurement), {"reason": "Because"}).status_code == status
    assert Measurement.objects.filter(pk=measurement.pk).exists()
    trail = reverse("performance:indicator_history", args=[measurement.indicator_id])
    assert client.get(trail).status_code == status
    response = client.post(edit_url(measurement), correction(measurement, "1", "Because"))
    assert response.status_code == status
    measurement.refresh_from_db()
    assert measurement.value == Decimal("82.1")
