"""Measurements from a spreadsheet: a header row, then a figure per row: the indicator's code, the
period end (the date the figure is as at), the value and a note.

Columns are read by name, in any order, under the names boards use (FIELDS); where a column is not
recognised the person maps them on the import's mapping step, and the board remembers the mapping.
Every row is checked before anything is written; a file with any bad row imports nothing, and each bad
row is named with its reason. A row for a period end that already has a figure replaces that figure.
A checked file is shown before it is imported (`preview`: what it adds and what it replaces).
"""

import re
from dataclasses import dataclass, field
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


def existing_figures(rows):
    """{(indicator pk, period end): the stored figure} that `rows` would replace: one query."""
    return {
        (m.indicator_id, m.period_end): m
        for m in Measurement.objects.filter(
            indicator__in={r.indicator.pk for r in rows},
            period_end__in={r.period_end for r in rows},
        )
    }


@dataclass
class Planned:
    """What one indicator's rows of a checked file would do: figures added and replaced, and the
    dates they are as at."""

    indicator: object
    added: int = 0
    replaced: int = 0
    dates: list = field(default_factory=list)


@dataclass
class Replacement:
    indicator: object
    period_end: date
    now: str  # the stored value and note, as the board prints them
    new: str
    same: bool  # the file holds what is stored already


def preview(rows):
    """What importing checked `rows` would create and change, without changing anything: per
    indicator (in code order) the figures added and replaced and their dates, every stored figure
    that would be replaced (its value now and in the file), and the dates of the file. One query."""
    existing = existing_figures(rows)
    planned, replacements = {}, []
    for row in rows:
        item = planned.setdefault(row.indicator.pk, Planned(row.indicator))
        item.dates.append(row.period_end)
        stored = existing.get((row.indicator.pk, row.period_end))
        if stored is None:
            item.added += 1
            continue
        item.replaced += 1
        fmt = row.indicator.format
        replacements.append(
            Replacement(
                row.indicator,
                row.period_end,
                described(fmt(stored.value) or "Missing", stored.note),
                described(fmt(row.value), row.note),
                (stored.value, stored.note) == (row.value, row.note),
            )
        )
    for item in planned.values():
        item.dates.sort()
    order = sorted(planned.values(), key=lambda item: item.indicator.code_sort)
    dates = sorted({row.period_end for row in rows})
    replacements.sort(key=lambda r: (r.indicator.code_sort, r.period_end))
    return order, replacements, dates


def described(value, note):
    return f"{value} ({note})" if note else value


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
    existing = existing_figures(rows)
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
