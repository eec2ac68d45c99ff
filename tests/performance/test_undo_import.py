"""Undoing a figure import: the figures it added are deleted and those it replaced get their earlier
value back, all or nothing, with a reason, while none has changed since."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from performance.models import FigureImport, Measurement

from ..helpers import page

HEADER = "Code,Period end,Value,Note\n"
JUNE_2017 = datetime.date(2017, 6, 30)


@pytest.fixture
def imported(client, office, board, measurement):
    """An import that replaced `measurement` (82.1 at 31 March 2017) and added a June figure."""
    client.force_login(office)
    upload = SimpleUploadedFile(
        "june.csv", (HEADER + "CS2.0,31/03/2017,99,\nCS2.0,30/06/2017,12,\n").encode()
    )
    url = reverse("performance:import", args=[board.pk])
    assert client.post(url, {"file": upload}).status_code == 200  # the confirmation page
    assert client.post(url, {"step": "confirm"}).status_code == 302
    return FigureImport.objects.get()


def undo_url(batch):
    return reverse("performance:import_undo", args=[batch.pk])


def values(indicator):
    return dict(indicator.measurements.values_list("period_end", "value"))


def test_the_import_is_recorded_and_listed(client, board, imported, measurement):
    assert (imported.file_name, imported.rows, imported.created_by.name) == (
        "june.csv",
        2,
        "Olive Office",
    )
    assert measurement.indicator.measurements.filter(import_batch=imported).count() == 2
    listed = page(client, reverse("performance:imports", args=[board.pk]))
    assert "june.csv" in listed and undo_url(imported) in listed


def test_undo_deletes_what_it_added_and_restores_what_it_replaced(
    client, office, board, imported, measurement
):
    indicator = measurement.indicator
    assert values(indicator) == {measurement.period_end: Decimal("99"), JUNE_2017: Decimal("12")}
    shown = page(client, undo_url(imported))
    assert "govuk-warning-text" in shown
    response = client.post(undo_url(imported), {"reason": "Wrong quarter's file"})
    assert response.status_code == 302
    assert values(indicator) == {measurement.period_end: Decimal("82.1")}
    imported.refresh_from_db()
    assert (imported.undone_by, imported.undo_reason) == (office, "Wrong quarter's file")
    trail = page(client, reverse("performance:indicator_history", args=[indicator.pk]))
    assert trail.count("Import undone: Wrong quarter") == 2
    rows = client.get(reverse("performance:scorecard", args=[board.pk])).context["rows"]
    assert [(row.period_end, row.value) for row in rows] == [
        (measurement.period_end, Decimal("82.1"))
    ]


def test_a_later_correction_stops_the_undo(client, office, imported, measurement):
    june = Measurement.objects.get(period_end=JUNE_2017)
    june.note, june._history_user = "Checked", office
    june.save()
    before = values(measurement.indicator)
    response = client.post(undo_url(imported), {"reason": "Try"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "This import cannot be undone" in text
    assert "CS2.0 at 30 June 2017 has changed since the import" in text
    assert values(measurement.indicator) == before
    imported.refresh_from_db()
    assert not imported.is_undone


def test_a_figure_deleted_since_stops_the_undo(client, office, imported, measurement):
    june = Measurement.objects.get(period_end=JUNE_2017)
    client.post(reverse("performance:measurement_delete", args=[june.pk]), {"reason": "Early"})
    response = client.post(undo_url(imported), {"reason": "Try"})
    assert "CS2.0 at 30 June 2017 has changed since the import" in response.content.decode()
    assert values(measurement.indicator) == {measurement.period_end: Decimal("99")}


def test_an_undo_needs_a_reason(client, imported, measurement):
    response = client.post(undo_url(imported), {"reason": " "})
    assert response.status_code == 200
    assert len(values(measurement.indicator)) == 2


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 403), ("chair", 403), ("lead_x", 403), ("outsider", 404)],
)
def test_only_the_boards_office_sees_and_undoes_imports(
    login_as, client, role, status, board, imported, measurement
):
    client.logout()
    client = login_as(role)
    assert client.get(reverse("performance:imports", args=[board.pk])).status_code == status
    assert client.post(undo_url(imported), {"reason": "Because"}).status_code == status
    assert len(values(measurement.indicator)) == 2
