"""A dataset's figures from a CSV or XLSX file (core.spreadsheets.read_table): every row checked
first, every period's parts checked against their totals, then all imported or nothing.

Columns, by name in any order: Period end (a date, or for a financial-year dataset 2016-17), Measure
(needed when the dataset has more than one), a column per dimension named as the dimension (a value's
label; empty means across every value), Value (empty, or "*", for a figure not available), and
optionally Source and Note."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction

from boards.models import ImportKind, ImportMapping
from core.column_mapping import Field, header_key, header_of, recognise

from .figures import apply, merged, structure, total_problems
from .models import DatasetImport, PeriodKind, cell_key

NOT_AVAILABLE = {"*", "n/a", "na", "..", "x", "-"}


def parse_period(text, dataset):
    text = text.strip()
    year = re.fullmatch(r"(\d{4})\s*[-/]?\s*(\d{2}|\d{4})", text)
    if year and dataset.period_kind == PeriodKind.YEAR:
        return datetime.date(int(year.group(1)) + 1, 3, 31)
    for pattern in (
        "%Y-%m-%d",
        "%d/%m/%Y",
        "%d-%m-%Y",
        "%Y-%m-%d %H:%M:%S",
        "%d %B %Y",
        "%d %b %Y",
    ):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_value(text):
    text = text.strip().replace(",", "").rstrip("%")
    if text.lower() in NOT_AVAILABLE or not text:
        return None, True
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, False
    return (value, True) if value.is_finite() and abs(value) < Decimal(10) ** 11 else (None, False)


def fields(shape):
    """The columns an import of this dataset knows (core.column_mapping), by the names boards give
    them: a dimension's column is named as the dimension."""
    return [
        Field(
            "period", "Period end", True, ("period end", "period", "date", "year", "time period")
        ),
        Field("measure", "Measure", len(shape.measures) > 1, ("measure", "indicator")),
        *(Field(f"d{d.pk}", d.name, False, (header_key(d.name),)) for d in shape.dimensions),
        Field("value", "Value", True, ("value", "figure", "number", "count")),
        Field("source", "Source", False, ("source",)),
        Field("note", "Note", False, ("note", "notes")),
    ]


def mapped_columns(table, dataset):
    """The file's columns ({field: index}): recognised by name, or as the board's office mapped the
    same headings before (for this dataset's fields); None when the person must map them."""
    known = fields(structure(dataset))
    header = header_of(table)
    columns, problems = recognise(header, known)
    if not problems:
        return columns
    keys = [header_key(text) for text in header]
    remembered = ImportMapping.objects.remembered(dataset.board, ImportKind.DATASET, keys)
    names = {f.name for f in known}
    if remembered is None or not set(remembered) <= names:
        return None
    if any(f.required and f.name not in remembered for f in known):
        return None
    return remembered


def remember_mapping(dataset, table, columns, *, user):
    """Keep the columns a person mapped for the board's next file with the same headings."""
    header = header_of(table)
    labels = {f.name: f.label for f in fields(structure(dataset))}
    description = f"{dataset.name}: " + "; ".join(
        f"{labels[name]}: “{header[index]}”"
        for name, index in sorted(columns.items(), key=lambda item: item[1])
    )
    keys = [header_key(text) for text in header]
    return ImportMapping.objects.remember(
        dataset.board, ImportKind.DATASET, keys, columns, description, user=user
    )


def read(table, dataset, columns=None):
    """(rows, errors): rows are (period end, measure id, cell key, value, source, note). `columns`
    ({field: index}, as the person mapped them) reads the file's columns; without it, they are read
    by name (a column the import does not know is left out)."""
    shape = structure(dataset)
    if columns is None:
        columns, _ = recognise(header_of(table), fields(shape))
    at = {name: columns.get(name) for name in ("period", "measure", "value", "source", "note")}
    dims = {d.pk: columns.get(f"d{d.pk}") for d in shape.dimensions}
    errors = []
    if at["period"] is None:
        errors.append((1, "No Period end column"))
    if at["value"] is None:
        errors.append((1, "No Value column"))
    if at["measure"] is None and len(shape.measures) != 1:
        errors.append((1, "No Measure column, and the dataset has more than one measure"))
    if errors:
        return [], errors
    measures = {m.name.lower(): m for m in shape.measures}
    labels = {d.pk: {v.label.lower(): v for v in d.values.all()} for d in shape.dimensions}
    keys = {c.key for c in shape.cells}
    rows, seen = [], {}

    def cell(row, index):
        return row[index].strip() if index is not None and index < len(row) else ""

    for number, row in enumerate(table[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        problems = []
        day = parse_period(cell(row, at["period"]), dataset)
        if day is None:
            problems.append(f"period end “{cell(row, at['period'])}” is not a date")
        elif not dataset.is_period_end(day):
            problems.append(f"{day:%-d %B %Y} does not end one of the dataset's periods")
        measure = shape.measures[0] if at["measure"] is None else None
        if at["measure"] is not None:
            measure = measures.get(cell(row, at["measure"]).lower())
            if measure is None:
                problems.append(f"no measure “{cell(row, at['measure'])}”")
        chosen = []
        for dimension in shape.dimensions:
            text = cell(row, dims[dimension.pk])
            if text and text.lower() != "total":
                value = labels[dimension.pk].get(text.lower())
                if value is None:
                    problems.append(f"“{text}” is not a value of {dimension.name}")
                else:
                    chosen.append(value)
        key = cell_key(chosen)
        if not problems and key not in keys:
            problems.append("the dataset has no figure for that combination of values")
        value, ok = parse_value(cell(row, at["value"]))
        if not ok:
            problems.append(f"value “{cell(row, at['value'])}” is not a number")
        if not problems:
            found = (day, measure.pk, key)
            if found in seen:
                problems.append(f"the same figure as row {seen[found]}")
            seen[found] = number
        if problems:
            errors.append((number, "; ".join(problems)))
            continue
        source, note = cell(row, at["source"]), cell(row, at["note"])
        rows.append((day, measure.pk, key, value, source[:300], note))
    if not rows and not errors:
        errors.append((1, "The file has no figures"))
    if not errors:
        for day in sorted({r[0] for r in rows}):
            changes = {(m, k): v for d, m, k, v, _, _ in rows if d == day}
            for problem in total_problems(shape, merged(dataset, day, changes)):
                errors.append((1, f"{dataset.period_label(day)}: {problem}"))
    return rows, errors


def import_rows(dataset, rows, *, user, file_name=""):
    """Every row saved (all or nothing), under one DatasetImport: (added, changed)."""
    added = changed = 0
    with transaction.atomic():
        batch = DatasetImport.objects.create(
            dataset=dataset, file_name=file_name, rows=len(rows), created_by=user
        )
        for day in sorted({r[0] for r in rows}):
            mine = [r for r in rows if r[0] == day]
            for source in {r[4] for r in mine}:
                part = [r for r in mine if r[4] == source]
                a, c, _ = apply(
                    dataset,
                    day,
                    {(m, k): v for _, m, k, v, _, _ in part},
                    notes={
                        (m, k): n or "Not available" for _, m, k, v, _, n in part if n or v is None
                    },
                    user=user,
                    source=source or f"Imported from {file_name}",
                    reason=f"Imported from {file_name}"[:100],
                    batch=batch,
                )
                added, changed = added + a, changed + c
    return added, changed
