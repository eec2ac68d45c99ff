"""Figures from a spreadsheet: every row checked, the parts against their totals, all or nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from datasets.importing import parse_period, read
from datasets.models import DatasetImport

from .conftest import key_of

HEADER = "Period end,Category,Outcome,Value,Source,Note\n"


def upload(client, dataset, text, name="lado.csv"):
    url = reverse("datasets:import", args=[dataset.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, text.encode(), "text/csv")})


def test_the_lead_imports_a_year(dataset, login_as):
    text = HEADER + "2016-17,,,10,LADO db,\n31/03/2017,Physical,,6,,\n2016-17,Sexual,,4,,\n"
    response = upload(login_as("lead_x"), dataset, text + "2016-17,,Substantiated,*,,\n")
    assert response.status_code == 302
    figures = dataset.figures.filter(period_end=datetime.date(2017, 3, 31))
    assert figures.get(cell="").source == "LADO db"
    assert figures.get(cell=key_of(dataset, "Physical")).source == "Imported from lado.csv"
    missing = figures.get(cell=key_of(dataset, "Substantiated"))
    assert missing.value is None and missing.note == "Not available"
    assert DatasetImport.objects.get().rows == 4


def test_every_bad_row_is_named_and_nothing_is_imported(dataset, login_as):
    text = HEADER + (
        "2016-17,,,10,,\n"
        "2016-17,Physical,,six,,\n"  # not a number
        "2016-17,Verbal,,1,,\n"  # not a value of Category
        "30/04/2017,Sexual,,1,,\n"  # not a year end
        "2016-17,,,10,,\n"  # the first row again
    )
    response = upload(login_as("office"), dataset, text)
    errors = dict(response.context["errors"])
    assert set(errors) == {3, 4, 5, 6}
    assert "not a number" in errors[3] and "not a value of Category" in errors[4]
    assert "the same figure as row 2" in errors[6]
    assert not dataset.figures.exists()


def test_a_year_whose_parts_do_not_add_up_is_refused(dataset, login_as):
    text = HEADER + "2016-17,,,10,,\n2016-17,Physical,,6,,\n2016-17,Sexual,,3,,\n"
    response = upload(login_as("office"), dataset, text)
    assert response.context["errors"] == [
        (1, "2016-17: Allegations: the figures by category add up to 9, but the total is 10")
    ]
    assert not dataset.figures.exists()


def test_periods_are_read_as_people_write_them(dataset):
    assert parse_period("2016-17", dataset) == datetime.date(2017, 3, 31)
    assert parse_period("2016/2017", dataset) == datetime.date(2017, 3, 31)
    assert parse_period("31 March 2017", dataset) == datetime.date(2017, 3, 31)
    assert parse_period("soon", dataset) is None
    rows, errors = read([["Value"], ["1"]], dataset)
    assert errors == [(1, "No Period end column")]


def test_other_agencies_and_boards_may_not_import(dataset, login_as, client):
    url = reverse("datasets:import", args=[dataset.pk])
    assert client.get(url).status_code == 302
    assert login_as("lead_y").get(url).status_code == 403
    client.logout()
    assert login_as("outsider").get(url).status_code == 404
