"""Measurements from a spreadsheet: a header row, then a figure per row: the indicator's code, the
period end (the date the figure is as at), the value and a note.

Columns are read by name, in any order, under the names boards use (FIELDS); where a column is not
recognised the person maps them on the import's mapping step, and the board remembers the mapping.
Every row is checked before anything is written; a file with any bad row imports nothing, and each bad
row is named with its reason. A row for a period end that already has a figure replaces that figure.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from boards.models import ImportKind, ImportMapping
from core.column_mapping import Field, header_key, header_of, recognise
from core.spreadsheets import too_many_rows, unsafe_cell

from .models import FigureImport, Measurement

FIELDS = (
    Field(
        "code",
        "Code (the indicator)",
        True,
        (
            "code",
            "indicator code",
            "indicator ref",
            "measure code",
            "kpi code",
            "kpi ref",
            "indicator",
            "measure",
            "kpi",
            "pi",
        ),
    ),
    Field(
        "period_end",
        "Period end (the date the figure is as at)",
        True,
        (
            "period end",
            "period ending",
            "period end date",
            "period",
            "date",
            "as at",
            "as at date",
            "quarter end",
            "quarter ending",
            "month end",
            "year end",
        ),
    ),
    Field(
        "value",
        "Value",
        True,
        ("value", "figure", "actual", "actual value", "result", "outturn", "data"),
    ),
    Field("note", "Note", False, ("note", "notes", "comment", "comments", "commentary")),
)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S"]


@dataclass
class Row:
    line: int
    indicator: object
    period_end: date
    value: Decimal
    note: str


def parse_date(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_value(text):
    """ "17.7%", "1,234" and "56.6" are numbers; anything else is not."""
    cleaned = re.sub(r"[,%\s]", "", text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) < Decimal("1e9") else None


def read_header(header):
    """({field: column index}, [problems]) for a file's first row."""
    columns, problems = recognise(header, FIELDS)
    if problems:
        known = "; ".join(", ".join(f.headers) for f in FIELDS)
        problems.append(f"the names it knows, in any order and any case, are: {known}")
    return columns, problems


def mapped_columns(table, board):
    """A figures file's columns ({field: index}): recognised by name, or as the board's office
    mapped the same headers before; None when the person must map them."""
    header = header_of(table)
    columns, problems = read_header(header)
    if not problems:
        return columns
    return ImportMapping.objects.remembered(
        board, ImportKind.FIGURES, [header_key(text) for text in header]
    )


def remember_mapping(board, table, columns, *, user):
    """Keep the columns a person mapped for the board's next file with the same headers."""
    header = header_of(table)
    keys = [header_key(text) for text in header]
    return ImportMapping.objects.remember(
        board, ImportKind.FIGURES, keys, columns, describe_columns(header, columns), user=user
    )


def describe_columns(header, columns):
    """How a file's columns are read, in words: "Indicator: “KPI”; Period end: “Quarter”"."""
    labels = {f.name: f.label.split(" (")[0] for f in FIELDS}
    return "; ".join(
        f"{labels[name]}: “{header[index]}”"
        for name, index in sorted(columns.items(), key=lambda item: item[1])
    )


def named_indicators(board):
    """The board's indicators by code, and by description where no other has the same one (files
    may name an indicator either way), both in lower case."""
    indicators = list(board.indicators.all())
    by_description = {}
    for indicator in indicators:
        key = header_key(indicator.description)
        by_description[key] = None if key in by_description else indicator
    named = {key: i for key, i in by_description.items() if i is not None and key}
    return {**named, **{i.code.lower(): i for i in indicators}}


def parse(table, board, columns=None):
    """([Row], [(line, message)]): every row of `table` checked against `board`'s indicators.
    `columns` ({field: index}, as the person mapped them) reads the file's columns; without it,
    they are read by name."""
    if not table:
        return [], [(1, "The file is empty")]
    if too_many := too_many_rows(table, "figures"):
        return [], [too_many]
    header = header_of(table)
    if columns is None:
        columns, problems = read_header(header)
        if problems:
            return [], [(1, "Columns: " + "; ".join(problems))]
    columns = {name: index for name, index in columns.items() if index < len(header)}
    if missing := [f.label for f in FIELDS if f.required and f.name not in columns]:
        return [], [(1, f"Columns: choose the {' and '.join(missing)} columns")]
    indicators = named_indicators(board)
    rows, errors, seen = [], [], {}
    for line, cells in enumerate(table[1:], start=2):
        cells = [unsafe_cell((c or "").strip()) for c in cells] + [""] * len(header)
        code, day_text, value_text, note = (
            cells[columns[name]] if name in columns else "" for name in [f.name for f in FIELDS]
        )
        if not any((code, day_text, value_text, note)):
            continue
        problems = []
        indicator = indicators.get(code.lower()) or indicators.get(header_key(code))
        if not code:
            problems.append("the code is empty")
        elif indicator is None:
            problems.append(f"no indicator of the board has the code “{code}”")
        day = parse_date(day_text)
        if day is None:
            problems.append(f"“{day_text}” is not a date (write it as 31/03/2017)")
        value = parse_value(value_text)
        if not value_text:
            problems.append("the value is empty (leave the row out when there is no figure)")
        elif value is None:
            problems.append(f"“{value_text}” is not a number")
        if indicator and day:
            key = (indicator.pk, day)
            if key in seen:
                problems.append(f"{indicator.code} at {day:%d/%m/%Y} is also on row {seen[key]}")
            seen.setdefault(key, line)
        if problems:
            errors.append((line, "; ".join(problems)))
        else:
            rows.append(Row(line, indicator, day, value, note))
    if not rows and not errors:
        errors.append((2, "The file has no measurements"))
    return rows, errors


@transaction.atomic
def import_rows(rows, *, user, file_name=""):
    """Save checked rows (only a file without errors); returns (created, updated). The import is
    recorded (a FigureImport: who, when, which file), and every figure it adds or replaces carries
    it, so that it can be undone (undo_import.py)."""
    batch = FigureImport.objects.create(
        board_id=rows[0].indicator.board_id,
        file_name=file_name,
        rows=len(rows),
        created_by=user,
    )
    existing = {
        (m.indicator_id, m.period_end): m
        for m in Measurement.objects.filter(
            indicator__in={r.indicator.pk for r in rows},
            period_end__in={r.period_end for r in rows},
        )
    }
    created = updated = 0
    for row in rows:
        measurement = existing.get((row.indicator.pk, row.period_end))
        if measurement is None:
            measurement = Measurement(indicator=row.indicator, period_end=row.period_end)
            created += 1
        else:
            updated += 1
        measurement.value, measurement.note = row.value, row.note
        measurement.import_batch = batch
        measurement._history_user = user
        measurement.save()
    return created, updated
