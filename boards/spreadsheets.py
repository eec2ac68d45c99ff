"""Tables in and out of spreadsheets, shared by every import and export: read a CSV or XLSX upload into
rows of strings; write rows as CSV or XLSX with spreadsheet formulas neutralised (and undo that on
import, so an exported file imports as it was)."""

import csv
import io
import re

from django.conf import settings


def read_table(upload_name, data):
    """The rows of a CSV or XLSX file as lists of strings. Reading stops at the first row past
    IMPORT_MAX_ROWS filled ones (see too_many_rows), so a huge file is never all in memory."""
    if upload_name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        rows = (
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        )
    else:
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    table, filled = [], 0
    for row in rows:
        table.append(row)
        filled += any(cell.strip() for cell in row)
        if filled > settings.IMPORT_MAX_ROWS + 1:  # the header and one row too many
            break
    return table


def too_many_rows(table, what="rows"):
    """The error (row 1, reason) of a table with more filled rows than IMPORT_MAX_ROWS, or None."""
    if sum(any(cell.strip() for cell in row) for row in table[1:]) > settings.IMPORT_MAX_ROWS:
        return (1, f"The file has more than {settings.IMPORT_MAX_ROWS:,} {what}: split it")
    return None


def write_csv(rows, stream):
    writer = csv.writer(stream)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])


def write_xlsx(rows, stream, title):
    write_xlsx_sheets([(title, rows)], stream)


def write_xlsx_sheets(sheets, stream):
    """One workbook, a sheet per (title, rows); titles are cut to Excel's 31 characters and made
    unique, and every cell is neutralised as in `safe_cell`."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used = set()
    for title, rows in sheets:
        name = "".join(" " if c in "[]:*?/\\" else c for c in title)[:31] or "Sheet"
        n = 1
        while name.lower() in used:
            n += 1
            name = f"{name[:27]} ({n})"
        used.add(name.lower())
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([safe_cell(cell) for cell in row])
    book.save(stream)


def unsafe_cell(value):
    """Undo safe_cell on import, so an exported file imports as it was."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


SIGNED_NUMBER = re.compile(r"[+-]\d+(\.\d+)?%?")


def safe_cell(value):
    """Spreadsheet formulas are neutralised: a cell starting = + - @ (or a tab or carriage return)
    is prefixed with an apostrophe, unless it is just a signed number such as -53 or +1%."""
    value = "" if value is None else str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not SIGNED_NUMBER.fullmatch(value):
        return "'" + value
    return value
