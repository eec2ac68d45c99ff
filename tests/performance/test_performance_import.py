"""Figures from CSV or XLSX: every row checked first, nothing imported on any error."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from performance.models import Measurement

HEADER = "Code,Period end,Value,Note\n"


def upload(text, name="figures.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def post(client, board, file):
    return client.post(reverse("performance:import", args=[board.pk]), {"file": file})


def confirm(client, board):
    """Confirm the checked file on its confirmation page."""
    return client.post(reverse("performance:import", args=[board.pk]), {"step": "confirm"})


def is_confirmation(response):
    return response.status_code == 200 and "performance/figure_import_confirm.html" in [
        t.name for t in response.templates
    ]


@pytest.fixture
def referrals(board):
    return board.indicators.create(code="CS1.0", description="Re-referrals", polarity="low")


def test_one_bad_row_imports_nothing_and_is_named(board, client, office, indicator, referrals):
    client.force_login(office)
    response = post(
        client,
        board,
        upload(
            HEADER + "CS2.0,31/03/2017,82.1,\n"
            "CS1.0,31/03/2017,17.7%,\n"
            "CS9.9,31/03/2017,12,\n"
            "CS1.0,2016-03-31,lots,\n"
            "CS1.0,31/02/2016,20.1,\n"
            "CS2.0,2017-03-31,83,again\n"
            "CS2.0,31/03/2015,,\n"
        ),
    )
    assert response.status_code == 200
    assert Measurement.objects.count() == 0
    errors = dict(response.context["errors"])
    assert errors == {
        4: "no indicator of the board has the code “CS9.9”",
        5: "“lots” is not a number",
        6: "“31/02/2016” is not a date (write it as 31/03/2017)",
        7: "CS2.0 at 31/03/2017 is also on row 2",
        8: "the value is empty (leave the row out when there is no figure)",
    }
    html = response.content.decode()
    assert "Nothing was imported: 5 rows need correcting" in html
    assert "no indicator of the board has the code “CS9.9”" in html


def test_a_good_file_imports_every_row_and_replaces_earlier_figures(
    board, client, office, indicator, referrals
):
    indicator.measurements.create(period_end=datetime.date(2017, 3, 31), value=80, note="draft")
    client.force_login(office)
    response = post(
        client,
        board,
        upload(HEADER + 'cs2.0,31/03/2017,82.1,final\nCS1.0,31 March 2017,"1,017.7",\n'),
    )
    assert is_confirmation(response)
    assert indicator.measurements.get().value == 80, "nothing imported before confirming"
    assert confirm(client, board).status_code == 302
    figure = indicator.measurements.get()
    assert (figure.value, figure.note) == (Decimal("82.1"), "final")
    assert figure.history.latest().history_user == office
    assert referrals.measurements.get().value == Decimal("1017.7")


def test_an_xlsx_file_with_real_dates_imports(board, client, office, indicator):
    book = Workbook()
    book.active.append(["Code", "Period end", "Value", "Note"])
    book.active.append(["CS2.0", datetime.datetime(2017, 3, 31), 82.1, None])
    stream = io.BytesIO()
    book.save(stream)
    client.force_login(office)
    file = SimpleUploadedFile("figures.xlsx", stream.getvalue())
    assert is_confirmation(post(client, board, file))
    assert confirm(client, board).status_code == 302
    assert indicator.measurements.get().period_end == datetime.date(2017, 3, 31)


@pytest.mark.parametrize(
    "text, message",
    [
        ("Code,Value\nCS2.0,1\n", "Which columns hold what?"),  # the mapping step
        (HEADER, "The file has no measurements"),
        ("", "The submitted file is empty"),
    ],
)
def test_files_of_the_wrong_shape(board, client, office, indicator, text, message):
    client.force_login(office)
    response = post(client, board, upload(text))
    assert message in response.content.decode()
    assert Measurement.objects.count() == 0


def test_codes_of_another_board_are_unknown(board, client, office, outsider):
    other = outsider.board_memberships.get().board
    other.indicators.create(code="CS2.0", description="Elsewhere")
    client.force_login(office)
    response = post(client, board, upload(HEADER + "CS2.0,31/03/2017,1,\n"))
    assert dict(response.context["errors"]) == {2: "no indicator of the board has the code “CS2.0”"}


def test_readers_cannot_import(board, client, member, indicator):
    client.force_login(member)
    assert post(client, board, upload(HEADER + "CS2.0,31/03/2017,1,\n")).status_code == 403
    assert Measurement.objects.count() == 0
