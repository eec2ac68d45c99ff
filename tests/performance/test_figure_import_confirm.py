"""The figure import's confirmation step (performance/views/figures.py measurement_import): a checked
file is held while the person reads what it adds and replaces, per indicator, with its dates and
every stored figure it would replace; nothing is imported until they confirm."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance.models import FigureImport, Measurement

HEADER = "Code,Period end,Value,Note\n"
MARCH, JUNE = datetime.date(2017, 3, 31), datetime.date(2017, 6, 30)


def url(board):
    return reverse("performance:import", args=[board.pk])


def upload(client, board, text):
    return client.post(url(board), {"file": SimpleUploadedFile("june.csv", text.encode())})


def confirm(client, board):
    return client.post(url(board), {"step": "confirm"})


def is_confirmation(response):
    return response.status_code == 200 and "performance/figure_import_confirm.html" in [
        t.name for t in response.templates
    ]


@pytest.fixture
def referrals(board):
    return board.indicators.create(code="CS1.0", description="Re-referrals", polarity="low")


@pytest.fixture
def office_client(login_as, indicator, referrals):
    return login_as("office")


FILE = HEADER + "CS2.0,31/03/2017,83.5,final\nCS2.0,30/06/2017,84.3,\nCS1.0,30/06/2017,18.2,\n"


def test_the_confirmation_lists_what_will_be_added_and_replaced(
    office_client, board, indicator, referrals
):
    indicator.measurements.create(period_end=MARCH, value=Decimal("82.1"), note="draft")
    response = upload(office_client, board, FILE)
    assert is_confirmation(response)
    context = response.context
    assert [(p.indicator.code, p.added, p.replaced, p.dates) for p in context["planned"]] == [
        ("CS1.0", 1, 0, [JUNE]),
        ("CS2.0", 1, 1, [MARCH, JUNE]),
    ]
    assert context["dates"] == [MARCH, JUNE]
    [replaced] = context["replaced"]
    assert (replaced.indicator, replaced.period_end, replaced.now, replaced.new) == (
        indicator,
        MARCH,
        "82.1% (draft)",
        "83.5% (final)",
    )
    html = response.content.decode()
    assert "3 figures for 2 indicators, 2 new and 1 replacing a figure already stored" in html
    assert "Figures as at 31 March 2017 and 30 June 2017." in html
    assert "Figures the file replaces" in html and "82.1% (draft)" in html
    # Nothing is imported yet.
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("82.1")]
    assert not FigureImport.objects.exists()


def test_confirming_imports_every_figure(office_client, board, indicator, referrals, office):
    indicator.measurements.create(period_end=MARCH, value=Decimal("82.1"), note="draft")
    upload(office_client, board, FILE)
    response = confirm(office_client, board)
    assert response.status_code == 302
    assert response.url == reverse("performance:scorecard", args=[board.pk])
    assert dict(indicator.measurements.values_list("period_end", "value")) == {
        MARCH: Decimal("83.5"),
        JUNE: Decimal("84.3"),
    }
    batch = FigureImport.objects.get()
    assert (batch.file_name, batch.rows, batch.created_by) == ("june.csv", 3, office)
    # The held file is gone: confirming again imports nothing more.
    again = confirm(office_client, board)
    assert again.context["errors"] == [(1, "The checked file is no longer held: upload it again")]
    assert FigureImport.objects.count() == 1


def test_a_file_with_only_new_figures_has_no_replacement_table(office_client, board):
    response = upload(office_client, board, HEADER + "CS1.0,30/06/2017,18.2,\n")
    assert response.context["replaced"] == []
    assert "Figures the file replaces" not in response.content.decode()


def test_the_file_is_checked_again_on_confirming(office_client, board, referrals):
    upload(office_client, board, FILE)
    referrals.delete()  # meanwhile
    response = confirm(office_client, board)
    assert response.status_code == 200
    assert dict(response.context["errors"]) == {4: "no indicator of the board has the code “CS1.0”"}
    assert not Measurement.objects.exists()


def test_a_new_upload_replaces_the_held_file(office_client, board, indicator, referrals):
    upload(office_client, board, FILE)
    upload(office_client, board, HEADER + "CS1.0,30/06/2017,18.2,\n")
    assert confirm(office_client, board).status_code == 302
    assert list(Measurement.objects.values_list("indicator__code", flat=True)) == ["CS1.0"]


def test_confirming_with_nothing_held_is_an_error(office_client, board):
    response = confirm(office_client, board)
    assert response.context["errors"] == [
        (1, "The checked file is no longer held: upload it again")
    ]


@pytest.mark.parametrize(("role", "status"), [("chair", 403), ("lead_x", 403), ("outsider", 404)])
def test_only_the_boards_office_confirms(login_as, office_client, board, role, status):
    upload(office_client, board, FILE)
    assert confirm(login_as(role), board).status_code == status
    assert not Measurement.objects.exists()


def test_anonymous_confirming_goes_to_sign_in(client, board):
    response = confirm(client, board)
    assert response.status_code == 302 and "login" in response.url


def test_the_confirmation_answers_in_the_same_queries_with_more_indicators(office_client, board):
    def file(n):
        for i in range(n):
            board.indicators.get_or_create(code=f"X{i}", defaults={"description": f"X {i}"})
        rows = "".join(f"X{i},30/06/2017,{i},\n" for i in range(n))
        return HEADER + rows

    small = file(2)
    with CaptureQueriesContext(connection) as few:
        assert is_confirmation(upload(office_client, board, small))
    large = file(30)
    with CaptureQueriesContext(connection) as many:
        assert is_confirmation(upload(office_client, board, large))
    assert len(many) == len(few)
