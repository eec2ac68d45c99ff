"""Files to download: a table as CSV or Excel (.xlsx), several tables as CSV files in a zip, or any
body, sent as an attachment."""

import io
import zipfile

from django.http import HttpResponse

from .spreadsheets import write_csv, write_xlsx

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"


def attachment(body, content_type, filename):
    """A response that browsers save as `filename` rather than show."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spreadsheet_response(rows, fmt, name, title):
    """`rows` (lists of cells, the header first) as `name`.csv (fmt "csv") or `name`.xlsx, one sheet
    called `title`; cells are neutralised as core.spreadsheets.safe_cell says."""
    if fmt == "csv":
        response = attachment(
            "\ufeff", CSV, f"{name}.csv"
        )  # the byte-order mark: Excel reads UTF-8
        write_csv(rows, response)
        return response
    stream = io.BytesIO()
    write_xlsx(rows, stream, title=title)
    return attachment(stream.getvalue(), XLSX, f"{name}.xlsx")


def csv_zip_response(tables, name):
    """`tables` ([(file name, rows)], each file name without ".csv" and unique) as `name`.zip: one
    UTF-8 CSV per table (with the byte-order mark Excel reads), cells neutralised as in every CSV."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, rows in tables:
            text = io.StringIO()
            text.write("\ufeff")
            write_csv(rows, text)
            archive.writestr(f"{file_name}.csv", text.getvalue().encode("utf-8"))
    return attachment(stream.getvalue(), ZIP, f"{name}.zip")
