"""Figure files with the column names boards use (performance/importing.py FIELDS) and the mapping
step for the rest (performance/views/figures.py measurement_import): nothing is imported before the
person has said which column holds what, and the board remembers it for the next file."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.models import ImportKind, ImportMapping
from performance.importing import parse
from performance.models import Measurement

from ..helpers import errors_of

FILES = Path(__file__).parent / "files"
JUNE = datetime.date(2017, 6, 30)
# dashboard_figures.csv: Measure ID, Reporting date, Number, Explanation
MAPPING = {"code": "0", "period_end": "1", "value": "2", "note": "3"}


def upload(client, board, name, content=None):
    content = (FILES / name).read_bytes() if content is None else content
    url = reverse("performance:import", args=[board.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def map_columns(client, board, **change):
    url = reverse("performance:import", args=[board.pk])
    return client.post(url, {"step": "map", **MAPPING, **change})


def confirm(client, board):
    url = reverse("performance:import", args=[board.pk])
    return client.post(url, {"step": "confirm"})


def is_confirmation(response):
    return response.status_code == 200 and "performance/figure_import_confirm.html" in [
        t.name for t in response.templates
    ]


def is_mapping_step(response):
    return response.status_code == 200 and "_column_map_page.html" in [
        t.name for t in response.templates
    ]


def nothing_created():
    return not Measurement.objects.exists() and not ImportMapping.objects.exists()


@pytest.fixture
def referrals(board):
    return board.indicators.create(code="CS1.0", description="Re-referrals", polarity="low")


@pytest.fixture
def office_client(login_as, indicator, referrals):
    return login_as("office")


@pytest.mark.parametrize(
    "header",
    [
        ["KPI", "Quarter end", "Actual", "Commentary"],
        ["Indicator", "As at", "Figure", "Comments"],
        ["Value", "Measure", "Date"],  # any order, no note
        ["Period", "Result", "Indicator code", "Notes"],
    ],
)
def test_the_names_boards_use_are_recognised(board, indicator, header):
    cells = {"code": "CS2.0", "period_end": "30/06/2017", "value": "84.3", "note": "Up"}
    names = {
        "kpi": "code",
        "indicator": "code",
        "measure": "code",
        "indicator code": "code",
        "quarter end": "period_end",
        "as at": "period_end",
        "date": "period_end",
        "period": "period_end",
        "actual": "value",
        "figure": "value",
        "value": "value",
        "result": "value",
        "commentary": "note",
        "comments": "note",
        "notes": "note",
    }
    table = [header, [cells[names[h.lower()]] for h in header]]
    rows, errors = parse(table, board)
    assert errors == []
    assert [(r.indicator, r.period_end, r.value) for r in rows] == [
        (indicator, JUNE, Decimal("84.3"))
    ]


def test_a_kpi_file_imports_without_a_mapping_step(office_client, board, indicator, referrals):
    assert is_confirmation(upload(office_client, board, "kpi_figures.csv"))
    assert confirm(office_client, board).status_code == 302
    assert (indicator.measurements.get().value, indicator.measurements.get().note) == (
        Decimal("84.3"),
        "Up on last quarter",
    )
    assert referrals.measurements.get(period_end=JUNE).value == Decimal("18.2")
    assert not ImportMapping.objects.exists()


def test_an_indicator_is_found_by_its_description(board, indicator):
    table = [["Indicator", "Date", "Value"], [indicator.description.upper(), "30/06/2017", "80"]]
    rows, errors = parse(table, board)
    assert (errors, rows[0].indicator) == ([], indicator)


@pytest.mark.parametrize("name", ["dashboard_figures.csv", "dashboard_figures.xlsx"])
def test_unknown_columns_are_mapped_once_then_remembered(
    office_client, office, board, indicator, referrals, name
):
    shown = upload(office_client, board, name)
    assert is_mapping_step(shown)
    html = shown.content.decode()
    for text in ("Measure ID", "Reporting date", "CS2.0", "Up on last quarter"):
        assert text in html
    assert nothing_created()

    confirming = map_columns(office_client, board)
    assert is_confirmation(confirming)
    assert "Code: “Measure ID”" in confirming.content.decode()
    assert nothing_created(), "the mapping is remembered when the figures are imported"
    assert confirm(office_client, board).status_code == 302
    figure = indicator.measurements.get()
    assert (figure.period_end, figure.value, figure.note) == (
        JUNE,
        Decimal("84.3"),
        "Up on last quarter",
    )
    assert figure.history.latest().history_user == office
    mapping = ImportMapping.objects.get()
    assert (mapping.board, mapping.kind) == (board, ImportKind.FIGURES)
    assert mapping.history.get().history_user == office

    Measurement.objects.all().delete()
    assert is_confirmation(upload(office_client, board, "dashboard_figures.csv"))
    assert confirm(office_client, board).status_code == 302
    assert indicator.measurements.get().value == Decimal("84.3")
    assert referrals.measurements.get().value == Decimal("18.2")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"value": "0"}, "value", "“Measure ID” is already chosen for Code (the indicator): "),
        ({"period_end": ""}, "period_end", "Choose the column that holds the period end"),
    ],
)
def test_a_bad_mapping_is_explained_and_imports_nothing(
    office_client, board, change, field, message
):
    upload(office_client, board, "dashboard_figures.csv")
    response = map_columns(office_client, board, **change)
    assert is_mapping_step(response)
    assert errors_of(response)[field][0].startswith(message)
    assert "There is a problem" in response.content.decode()
    assert nothing_created()
    assert is_confirmation(map_columns(office_client, board)), "the file is still held"


def test_rows_with_errors_after_mapping_import_nothing(office_client, board):
    content = b"Measure ID,Reporting date,Number\nCS9.9,30/06/2017,1\n"
    upload(office_client, board, "bad.csv", content)
    response = map_columns(office_client, board, note="")
    assert dict(response.context["errors"]) == {2: "no indicator of the board has the code “CS9.9”"}
    assert nothing_created()


def test_mapping_with_no_file_held_is_an_error(office_client, board):
    response = map_columns(office_client, board)
    assert response.context["errors"] == [
        (1, "The checked file is no longer held: upload it again")
    ]
    assert nothing_created()


@pytest.mark.parametrize(("role", "status"), [("chair", 403), ("member", 403), ("outsider", 404)])
def test_only_the_boards_office_maps(login_as, office_client, board, role, status):
    upload(office_client, board, "dashboard_figures.csv")
    assert map_columns(login_as(role), board).status_code == status
    assert nothing_created()


def test_anonymous_mapping_goes_to_sign_in(client, board):
    response = map_columns(client, board)
    assert response.status_code == 302 and "login" in response.url
    assert nothing_created()
