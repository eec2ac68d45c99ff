"""Bad input, part 2: oversized, malformed and hostile plan imports are refused whole, with reasons,
and nothing is written. Uploads are never stored."""

import csv
import datetime
import io
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from actions.models import Action, Plan
from core.uploads import LimitedUploadHandler

from ..actions.test_importing import HEADER, row
from ..helpers import date_fields


def csv_bytes(rows):
    stream = io.StringIO()
    csv.writer(stream).writerows(rows)
    return stream.getvalue().encode()


def xlsx_bytes(rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Plan")
    for values in rows:
        sheet.append(values)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def quick_xlsx(rows):
    """The same workbook as `xlsx_bytes` writes, written as XML text: a tenth of openpyxl's time
    for the 100,000 rows below."""
    from bench.imports import handmade_xlsx, inline_row

    columns = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return handmade_xlsx(
        inline_row(number, zip(columns, values, strict=False))
        for number, values in enumerate(rows, start=1)
    )


def import_file(client, board, name, content, plan_name="Imported plan"):
    upload = SimpleUploadedFile(name, content)
    return client.post(
        reverse("actions:import", args=[board.pk]),
        {"name": plan_name, "kind": "business", "file": upload},
    )


def confirm_cycle(client, board, name="April 2017 updates"):
    """The confirmation page's answer: the file's updates belong to a new cycle, with its dates."""
    return client.post(
        reverse("actions:import", args=[board.pk]),
        {
            "step": "confirm",
            "name": name,
            **date_fields("opens", datetime.date(2017, 3, 1)),
            **date_fields("deadline", datetime.date(2017, 4, 28)),
        },
    )


def refused(response):
    """The page came back (not a redirect to a new plan) and says why."""
    assert response.status_code == 200, "the import was not refused"
    assert not Plan.objects.filter(name="Imported plan").exists()
    assert not Action.objects.filter(plan__name="Imported plan").exists()
    html = response.content.decode()
    assert "There is a problem" in html or "Nothing was imported" in html
    return html


@pytest.fixture
def office_client(login_as, subgroup):
    return login_as("office")


def test_a_good_file_imports(office_client, board):
    response = import_file(office_client, board, "plan.csv", csv_bytes([HEADER, row()]))
    assert response.status_code == 200  # the confirmation page: which cycle the updates are from
    assert not Plan.objects.exists()
    assert confirm_cycle(office_client, board).status_code == 302
    assert Plan.objects.get(name="Imported plan").actions.count() == 1


def test_an_oversized_file_is_refused_with_its_size(office_client, board, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    content = csv_bytes([HEADER, *(row(f"1.{i}") for i in range(1, 40))])
    assert len(content) > 1000
    html = refused(import_file(office_client, board, "plan.csv", content))
    assert "The file must be smaller than 1000\xa0bytes" in html


def test_the_upload_handler_keeps_no_more_than_the_limit_but_knows_the_size(settings):
    settings.UPLOAD_MAX_BYTES = 10
    handler = LimitedUploadHandler()
    handler.new_file("file", "plan.csv", "text/csv", 1000)
    for start in range(0, 1000, 100):
        handler.receive_data_chunk(b"x" * 100, start)
    upload = handler.file_complete(1000)
    assert upload.size == 1000
    upload.file.seek(0, io.SEEK_END)
    assert upload.file.tell() <= 10 + 100  # the limit and at most one chunk more
    upload.close()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("plan.txt", b"Theme,Ref", "The file must be a CSV or an Excel .xlsx file"),
        ("plan", b"Theme,Ref", "The file must be a CSV or an Excel .xlsx file"),
        ("plan.csv", bytes(range(256)) * 20, "The file is not a CSV text file"),
        ("plan.csv", "Théme,Ref".encode("latin-1"), "The file is not in UTF-8"),
        ("plan.xlsx", b"Theme,Ref,Action\n1,2,3\n", "The file is not an Excel .xlsx workbook"),
        ("plan.xlsx", xlsx_bytes([HEADER, row()])[:2000], "The Excel file is damaged"),
        ("plan.csv", xlsx_bytes([HEADER, row()]), "The file is not a CSV text file"),
    ],
    ids=[
        "txt",
        "no-extension",
        "binary-csv",
        "latin-1",
        "csv-named-xlsx",
        "truncated",
        "xlsx-as-csv",
    ],
)
def test_malformed_files_are_refused_with_a_reason(office_client, board, name, content, reason):
    assert reason in refused(import_file(office_client, board, name, content))


def test_a_zip_that_is_not_a_workbook_is_refused(office_client, board):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    html = refused(import_file(office_client, board, "plan.xlsx", stream.getvalue()))
    assert "The file is not an Excel .xlsx workbook" in html


def test_a_workbook_that_unpacks_to_too_much_is_refused(office_client, board, settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 50_000
    rows = [HEADER, *(row(f"1.{i}", text="x" * 500) for i in range(1, 200))]
    html = refused(import_file(office_client, board, "plan.xlsx", xlsx_bytes(rows)))
    assert "The Excel file holds too much data" in html


def test_values_without_a_heading_are_refused(office_client, board):
    header = ["Theme", "Ref", "Action"]
    html = refused(import_file(office_client, board, "plan.csv", csv_bytes([header, row()])))
    assert "column D has a value but no heading" in html


@pytest.mark.parametrize("header", [["Ref", "Theme"], ["=1+1"], ["<b>Ref</b>", "Action"]])
def test_headers_not_recognised_go_to_the_mapping_step_as_text(office_client, board, header):
    response = import_file(office_client, board, "plan.csv", csv_bytes([header, row()]))
    assert response.status_code == 200
    assert "_column_map_page.html" in [t.name for t in response.templates]
    assert "<b>Ref</b>" not in response.content.decode()
    assert not Plan.objects.exists()


def test_an_empty_file_is_refused(office_client, board):
    html = refused(import_file(office_client, board, "plan.csv", b""))
    assert "There is a problem" in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_100_000_rows_are_refused_whole(office_client, board, settings, fmt):
    settings.UPLOAD_MAX_BYTES = 50 * 1024 * 1024
    settings.UPLOAD_MAX_UNPACKED_BYTES = 500 * 1024 * 1024
    rows = [HEADER, *([str(i % 9 + 1), f"{i}", "a", "PQA", "", "", "", ""] for i in range(100_000))]
    content = csv_bytes(rows) if fmt == "csv" else quick_xlsx(rows)
    html = refused(import_file(office_client, board, f"plan.{fmt}", content))
    assert f"The file has more than {settings.IMPORT_MAX_ROWS:,} actions" in html


def test_one_bad_row_among_many_refuses_the_whole_file_naming_each_row(office_client, board):
    rows = [HEADER, *(row(f"1.{i}") for i in range(1, 30))]
    rows[5] = row("1.5", who="The Nonexistent Subgroup")
    rows[20] = row("1.20", rag="Purple")
    html = refused(import_file(office_client, board, "plan.csv", csv_bytes(rows)))
    assert "Nothing was imported: 2 rows need correcting" in html
    assert "The Nonexistent Subgroup" in html
    assert "Purple" in html


def test_another_boards_group_is_not_an_owner(office_client, board, outsider):
    from ..factories import SubgroupFactory

    elsewhere = SubgroupFactory(board=outsider.board_memberships.get().board, name="Secret Panel")
    content = csv_bytes([HEADER, row(who=elsewhere.name)])
    html = refused(import_file(office_client, board, "plan.csv", content))
    assert "unknown owner" in html


def test_hostile_cells_import_as_text_and_show_escaped(office_client, board):
    hostile = row(
        text="<script>alert('import')</script>",
        outcome='=HYPERLINK("http://evil")',
        update="",
        rag="",
    )
    response = import_file(office_client, board, "plan.csv", csv_bytes([HEADER, hostile]))
    assert response.status_code == 302
    action = Action.objects.get(plan__name="Imported plan")
    assert action.text == "<script>alert('import')</script>"
    html = office_client.get(action.get_absolute_url()).content.decode()
    assert "<script>alert('import')</script>" not in html
    assert "&lt;script&gt;" in html


def test_uploads_are_never_stored(office_client, board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    import_file(office_client, board, "plan.csv", csv_bytes([HEADER, row()]))
    assert list(tmp_path.iterdir()) == []
    assert not any(
        field.get_internal_type() in ("FileField", "ImageField")
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if hasattr(field, "get_internal_type")
    )


# Limits counted while reading (core/spreadsheets.py read_table); times and memory are measured in
# bench/imports.py, not here.


def test_a_declared_size_is_not_trusted(office_client, board):
    """An .xlsx declaring 16,384 columns is read as the cells it holds: rows stay 8 cells wide."""
    from bench.imports import handmade_xlsx, inline_row
    from core.spreadsheets import read_table

    letters = "ABCDEFGH"
    rows = [HEADER, *(row(f"1.{i}") for i in range(1, 40))]
    content = handmade_xlsx(
        (
            inline_row(n, zip(letters, values, strict=True))
            for n, values in enumerate(rows, start=1)
        ),
        dimension="A1:XFD4000",
    )
    assert max(len(cells) for cells in read_table("plan.xlsx", content)) == 8
    assert import_file(office_client, board, "plan.xlsx", content).status_code == 200
    assert confirm_cycle(office_client, board).status_code == 302
    assert Plan.objects.get(name="Imported plan").actions.count() == 39


def test_a_value_past_the_last_column_is_refused_at_its_row(office_client, board):
    from bench.imports import far_column_xlsx

    response = import_file(office_client, board, "plan.xlsx", far_column_xlsx(rows=50))
    assert response.context["errors"] == [
        (
            1,
            "Column XFD has a value, but an import has at most 50 columns: delete the columns after AX",
        )
    ]
    refused(response)


def test_blank_lines_count_against_the_row_limit(office_client, board, settings):
    from bench.imports import blank_lines_csv

    response = import_file(office_client, board, "plan.csv", blank_lines_csv(megabytes=1))
    limit = settings.IMPORT_MAX_PHYSICAL_ROWS
    assert response.context["errors"] == [
        (
            limit + 1,
            f"The file has more than {limit:,} rows, counting empty ones: delete the empty rows, "
            "or split the file",
        )
    ]
    refused(response)


def test_reading_stops_at_the_first_row_past_a_limit(settings, monkeypatch):
    """The reader is consumed no further than the row that passes the limit."""
    from core import spreadsheets

    settings.IMPORT_MAX_PHYSICAL_ROWS = 100
    consumed = []
    reader = spreadsheets.csv_rows

    def counted(data, limits):
        for number, cells in reader(data, limits):
            consumed.append(number)
            yield number, cells

    monkeypatch.setattr(spreadsheets, "csv_rows", counted)
    with pytest.raises(spreadsheets.TableRefused) as refusal:
        spreadsheets.read_table("plan.csv", b"Theme\n" + b"\n" * 100_000 + b"\x0b\n")
    assert consumed[-1] == 101 == len(consumed)
    assert refusal.value.errors[0][0] == 101


@pytest.mark.parametrize(
    ("rows_xml", "row_number", "reason"),
    [
        (['<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'], 1048576, "rows"),
        (['<row r="1"><c><v>1</v></c></row>'] * 20_000, 5_002, "actions"),  # the same row again
        (['<row r="1"/>'] * 20_000, 10_002, "rows"),  # the same empty row again
        (["<row>" + "<c/>" * 300_000 + "</row>"], 1, "cells"),  # empty cells, one row
    ],
    ids=["row-1048576", "row-number-repeated", "empty-row-repeated", "300000-empty-cells"],
)
def test_hostile_workbooks_are_refused_while_read(
    office_client, board, rows_xml, row_number, reason
):
    from bench.imports import handmade_xlsx

    response = import_file(office_client, board, "plan.xlsx", handmade_xlsx(rows_xml))
    (number, message), *others = response.context["errors"]
    assert not others
    assert number == row_number
    assert "more than " in message and f" {reason}" in message
    refused(response)


def test_the_cell_limit_counts_empty_csv_cells(office_client, board, settings):
    settings.IMPORT_MAX_CELLS = 1000
    content = csv_bytes([HEADER, row("1.1"), [""] * 2000])
    response = import_file(office_client, board, "plan.csv", content)
    assert response.context["errors"] == [
        (3, "The file has more than 1,000 cells, counting empty ones: split it")
    ]
    refused(response)
