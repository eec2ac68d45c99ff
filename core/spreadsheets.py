"""Tables in and out of spreadsheets, shared by every import and export: read a CSV or XLSX upload into
rows of strings; write rows as CSV or XLSX with spreadsheet formulas neutralised (and undo that on
import, so an exported file imports as it was)."""

import csv
import io
import re
from itertools import chain, islice

from django.conf import settings

from core.text import control_character_problem, printable


class TableRefused(ValueError):
    """A file refused while it was read: `errors` are (row, reason), as the import pages list them."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def read_table(upload_name, data, what="rows"):
    """The rows of a CSV or XLSX file as lists of strings, read as a stream with the limits counted as
    each row and cell arrives, never trusting a size the file declares: at most IMPORT_MAX_ROWS filled
    rows (`what` names them in the message) and IMPORT_MAX_PHYSICAL_ROWS rows counting empty ones, no
    value past column IMPORT_MAX_COLUMNS, at most IMPORT_MAX_CELLS cells (empty ones too). The first
    limit passed stops the reading and raises TableRefused naming the row. Cells holding a character
    XML cannot hold are refused too, every such row named, once the file is read."""
    limits = Limits(what)
    rows = (
        xlsx_rows(data, limits) if upload_name.lower().endswith(".xlsx") else csv_rows(data, limits)
    )
    table, problems = [], []
    for number, cells in rows:
        number = max(number, len(table) + 1)  # a row number repeated or going back is the next row
        limits.row(number, cells)
        while len(table) < number - 1:  # rows the file leaves out are empty
            table.append([])
        table.append(cells)
        problems += control_characters(number, cells, table[0])
    if problems:
        raise TableRefused(problems)
    return table


class Limits:
    """The counts of a file being read, and the refusal as soon as one passes its limit."""

    def __init__(self, what):
        self.what, self.cells, self.filled = what, 0, 0

    def refuse(self, number, reason):
        raise TableRefused([(number, reason)])

    def cell(self, number, count=1):
        self.cells += count
        if self.cells > settings.IMPORT_MAX_CELLS:
            limit = settings.IMPORT_MAX_CELLS
            self.refuse(
                number, f"The file has more than {limit:,} cells, counting empty ones: split it"
            )

    def column(self, number, width):
        if width > settings.IMPORT_MAX_COLUMNS:
            limit = settings.IMPORT_MAX_COLUMNS
            self.refuse(
                number,
                f"Column {column_name(width)} has a value, but an import has at most {limit} "
                f"columns: delete the columns after {column_name(limit)}",
            )

    def row(self, number, cells):
        if number > settings.IMPORT_MAX_PHYSICAL_ROWS:
            self.refuse(
                number,
                f"The file has more than {settings.IMPORT_MAX_PHYSICAL_ROWS:,} rows, counting empty "
                "ones: delete the empty rows, or split the file",
            )
        width = len(cells)
        while width and not cells[width - 1].strip():
            width -= 1
        self.column(number, width)
        self.filled += bool(width)
        if self.filled > settings.IMPORT_MAX_ROWS + 1:  # the header and one row too many
            limit = settings.IMPORT_MAX_ROWS
            self.refuse(number, f"The file has more than {limit:,} {self.what}: split it")


def column_name(number):
    from openpyxl.utils import get_column_letter

    return get_column_letter(min(number, 16384))


def control_characters(number, cells, header):
    """(row, reason) for each cell holding a character XML cannot hold."""
    problems = []
    for index, cell in enumerate(cells):
        heading = header[index].strip() if index < len(header) and number > 1 else ""
        where = f"column {column_name(index + 1)}" + (f" ({heading})" if heading else "")
        if problem := control_character_problem(cell, where):
            problems.append((number, problem))
    return problems


def csv_rows(data, limits):
    """(row number, cells) of a CSV file, one record at a time, its cells counted."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    for number, cells in enumerate(rows, start=1):
        limits.cell(number, len(cells))
        yield number, cells


def xlsx_rows(data, limits):
    """(row number, cells) of the active sheet of an .xlsx file, cell by cell from its XML. openpyxl's
    read-only worksheet would parse the whole sheet when it is opened (looking for its declared size)
    and pad every row to that size (a 5 KB file declaring 16,384 columns costs gigabytes), so the
    workbook's parts are read with openpyxl's reader and the sheet parsed here, each cell counted as
    it is read and dropped once its value is taken. Values are as openpyxl reads them (dates,
    numbers, shared strings), as text."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser
    from openpyxl.xml.functions import iterparse  # defusedxml's: no entities, no DTD

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    with reader.archive:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)  # which number formats are dates
        book = reader.wb
        sheets = [rel.target for _, rel in reader.parser.find_sheets()]
        path = sheets[min(book._active_sheet_index, len(sheets) - 1)]
        with reader.archive.open(path) as source:
            parser = WorkSheetParser(
                source,
                reader.shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            depth, number, cells, elements = 0, 0, [], 0
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if element.tag == ROW_TAG:
                        number = int(float(element.get("r") or number + 1))
                        parser.row_counter, parser.col_counter, cells = number, 0, []
                        limits.row(number, [])  # a row number past the limit is refused at once
                    continue
                depth -= 1
                elements += 1
                if elements > 4 * settings.IMPORT_MAX_CELLS:  # markup that is not cells
                    limits.refuse(number, "The Excel file holds too much data: save it as CSV")
                if element.tag == CELL_TAG:
                    limits.cell(number)
                    cell = parser.parse_cell(element)
                    element.clear()
                    if cell["value"] is not None:
                        index = cell["column"] - 1
                        limits.column(number, index + 1)
                        cells += [""] * (index + 1 - len(cells))
                        cells[index] = str(cell["value"])
                elif element.tag == ROW_TAG:
                    element.clear()
                    yield number, cells
                elif depth <= 2:  # not inside a cell: nothing reads it later
                    element.clear()


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


SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31  # Excel's limit
COLUMN_WIDTH_MIN, COLUMN_WIDTH_MAX = 8, 60  # in characters
ROWS_MEASURED = 1000  # column widths are measured on the header and the first rows


def sheet_name(title, used=()):
    """A sheet name Excel accepts, from a title: forbidden characters gone, spaces collapsed, cut to
    31 characters at a word where it can be (never ending in a space), not starting or ending with an
    apostrophe, and unlike the names in `used` (compared without case, as Excel does)."""
    name = " ".join(SHEET_NAME_FORBIDDEN.sub(" ", printable(str(title))).split()).strip("'")
    name = cut(name, SHEET_NAME_MAX) or "Sheet"
    if name.lower() == "history":  # Excel reserves it
        name = "History (table)"
    n, base = 1, name
    while name.lower() in used:
        n += 1
        suffix = f" ({n})"
        name = cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
    return name


def cut(text, length):
    """`text` at most `length` characters, cut at the last space when that keeps most of it."""
    if len(text) <= length:
        return text
    head = text[:length]
    space = head.rfind(" ")
    if space >= length // 2:
        head = head[:space]
    return head.rstrip(" '-.,;")


def column_widths(rows):
    """A width per column (in characters) that fits its longest line, between the limits."""
    widths = []
    for row in rows:
        for i, cell in enumerate(row):
            longest = max((len(line) for line in str(cell).splitlines()), default=0)
            if i == len(widths):
                widths.append(COLUMN_WIDTH_MIN)
            widths[i] = max(widths[i], min(longest + 2, COLUMN_WIDTH_MAX))
    return widths


def write_xlsx_sheets(sheets, stream):
    """One workbook, a sheet per (title, rows): the first row is the header, frozen so that it stays
    in sight, in bold; columns are as wide as their content up to a limit, with long text wrapped;
    sheet names are made from the titles (see `sheet_name`); every cell is neutralised as in
    `safe_cell`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    used = set()
    for title, rows in sheets:
        name = sheet_name(title, used)
        used.add(name.lower())
        sheet = book.create_sheet(name)
        rows = iter(rows)
        measured = [[safe_cell(cell) for cell in row] for row in islice(rows, ROWS_MEASURED)]
        widths = column_widths(measured)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
        for number, cells in enumerate(
            chain(measured, ([safe_cell(cell) for cell in row] for row in rows))
        ):
            written = []
            for i, value in enumerate(cells):
                cell = WriteOnlyCell(sheet, value)
                if number == 0:
                    cell.font = bold
                elif "\n" in value or len(value) + 2 > (widths[i:] or [COLUMN_WIDTH_MAX])[0]:
                    cell.alignment = wrap
                written.append(cell)
            sheet.append(written)
    book.save(stream)


def unsafe_cell(value):
    """Undo safe_cell on import, so an exported file imports as it was."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


SIGNED_NUMBER = re.compile(r"[+-]\d+(\.\d+)?%?")


def safe_cell(value):
    """Characters XML cannot hold are dropped (an .xlsx could not be written with one), and
    spreadsheet formulas are neutralised: a cell starting = + - @ (or a tab or carriage return)
    is prefixed with an apostrophe, unless it is just a signed number such as -53 or +1%."""
    value = "" if value is None else printable(str(value))
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not SIGNED_NUMBER.fullmatch(value):
        return "'" + value
    return value
