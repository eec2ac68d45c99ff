"""Measurements from a spreadsheet: Code, Period end, Value, Note (a header row first).

Every row is checked before anything is written; a file with any bad row imports nothing, and each bad
row is named with its reason. A row for a period end that already has a figure replaces that figure.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from core.spreadsheets import too_many_rows, unsafe_cell

from .models import FigureImport, Measurement

COLUMNS = ["Code", "Period end", "Value", "Note"]
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


def parse(table, board):
    """([Row], [(line, message)]): every row of `table` checked against `board`'s indicators."""
    if not table:
        return [], [(1, "The file is empty")]
    if too_many := too_many_rows(table, "figures"):
        return [], [too_many]
    header = [cell.strip().lower() for cell in table[0]][:4]
    if header != [c.lower() for c in COLUMNS]:
        return [], [(1, f"The columns must be, in this order: {', '.join(COLUMNS)}")]
    indicators = {i.code.lower(): i for i in board.indicators.all()}
    rows, errors, seen = [], [], {}
    for line, cells in enumerate(table[1:], start=2):
        cells = [unsafe_cell((c or "").strip()) for c in cells] + [""] * 4
        code, day_text, value_text, note = cells[:4]
        if not any(cells[:4]):
            continue
        problems = []
        indicator = indicators.get(code.lower())
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
