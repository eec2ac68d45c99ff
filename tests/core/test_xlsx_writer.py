"""Every XLSX download is written by core.spreadsheets: a frozen header row in bold, columns as wide
as their content up to a limit, and sheet names that Excel accepts, made from titles."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets import COLUMN_WIDTH_MAX, sheet_name, write_xlsx, write_xlsx_sheets


def workbook(sheets):
    stream = io.BytesIO()
    write_xlsx_sheets(sheets, stream)
    return load_workbook(io.BytesIO(stream.getvalue()))


def test_the_header_row_is_frozen_and_bold():
    sheet = workbook([("Actions", [["Ref", "Action"], ["1.1", "Audit neglect"]])])["Actions"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold


def test_columns_fit_their_content_up_to_a_limit():
    long = "A recommendation long enough to need more than the widest column allows " * 3
    rows = [["Ref", "Text", "Owner"], ["1.1", long, "Performance Management and QA"]]
    sheet = workbook([("T", rows)])["T"]
    widths = {c: sheet.column_dimensions[c].width for c in "ABC"}
    assert widths["A"] < 13  # a short column stays narrow
    assert widths["B"] == COLUMN_WIDTH_MAX  # a long one is capped, its text wrapped
    assert sheet["B2"].alignment.wrap_text
    assert widths["C"] >= len("Performance Management and QA")


@pytest.mark.parametrize(
    "title, name",
    [
        ("5. Learning: lessons from reviews and audits", "5. Learning lessons from"),
        ("Agencies [a/b] * ? \\ list", "Agencies a b list"),
        ("'Quoted'", "Quoted"),
        ("", "Sheet"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_names_are_cut_without_double_spaces_or_forbidden_characters(title, name):
    assert sheet_name(title) == name
    assert "  " not in name and len(name) <= 31


def test_two_titles_that_cut_the_same_get_numbered_names():
    title = "Standards fully met by agency and year of the audit"
    book = workbook([(title, [["a"]]), (title, [["b"]])])
    first, second = book.sheetnames
    assert first == "Standards fully met by agency"
    assert second == "Standards fully met by (2)"
    assert len(second) <= 31


def test_a_single_sheet_download_is_written_the_same_way():
    stream = io.BytesIO()
    write_xlsx([["Name", "Sector"], ["Cumbria Constabulary", "Police"]], stream, "Agencies")
    sheet = load_workbook(io.BytesIO(stream.getvalue()))["Agencies"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("Cumbria Constabulary")


def test_a_review_export_has_a_frozen_header(login_as, case_review):
    response = login_as("office").get(reverse("reviews:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
