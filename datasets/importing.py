"""A dataset's figures from a CSV or XLSX file (core.spreadsheets.read_table): every row checked
first, every period's parts checked against their totals, then all imported or nothing.

Columns, by name in any order: Period end (a date, or for a financial-year dataset 2016-17), Measure
(needed when the dataset has more than one), a column per dimension named as the dimension (a value's
label; empty means across every value), Value (empty, or "*", for a figure not available), and
optionally Source and Note.

A "wide" table (a published national table: a row per local authority, a column per measure) has,
instead of Measure and Value, a column per item: each mapped to a value of a dimension and a measure
(`wide_fields`), its cells that item's figures for the row's period and other dimensions. An empty
cell there is no figure; "x", ".." and the like are figures not available."""

import datetime
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.db import transaction

from boards.models import ImportKind, ImportMapping
from core.column_mapping import Field, header_key, header_of, recognise

from .figures import apply, merged, structure, total_problems
from .models import DatasetImport, PeriodKind, cell_key

NOT_AVAILABLE = {
    "*",
    "n/a",
    "na",
    "..",
    "x",
    "-",
    "c",
    "z",
}  # c, z: DfE's suppressed, not applicable


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


def wide_fields(shape):
    """The columns of a wide table: one per value of each dimension and measure, named by the
    value (and the measure, where the dataset has more than one)."""
    several = len(shape.measures) > 1
    found = []
    for dimension in shape.dimensions:
        for value in dimension.values.all():
            for order, measure in enumerate(shape.measures):
                label = f"{dimension.name}: {value.label}" + (
                    f" ({measure.name})" if several else ""
                )
                headers = {header_key(f"{value.label} ({measure.name})")}
                if order == 0:
                    headers.add(header_key(value.label))
                found.append(Field(f"w{measure.pk}_{value.pk}", label, False, tuple(headers)))
    return found


def is_wide(columns):
    return any(name.startswith("w") for name in columns)


def complete(columns, shape):
    """Whether `columns` ({field: index}) are enough to read figures: a period, and either a column
    per item or a value (with a measure, where there are several)."""
    if "period" not in columns:
        return False
    if is_wide(columns):
        return True
    return "value" in columns and ("measure" in columns or len(shape.measures) == 1)


def mapped_columns(table, dataset):
    """The file's columns ({field: index}): recognised by name, or as the board's office mapped the
    same headings before (for this dataset's fields); None when the person must map them."""
    shape = structure(dataset)
    known = fields(shape) + wide_fields(shape)
    header = header_of(table)
    columns, problems = recognise(header, [replace(f, required=False) for f in known])
    if not problems and complete(columns, shape):
        return columns
    keys = [header_key(text) for text in header]
    remembered = ImportMapping.objects.remembered(dataset.board, ImportKind.DATASET, keys)
    names = {f.name for f in known}
    if remembered is None or not set(remembered) <= names or not complete(remembered, shape):
        return None
    return remembered


def remember_mapping(dataset, table, columns, *, user):
    """Keep the columns a person mapped for the board's next file with the same headings."""
    header = header_of(table)
    shape = structure(dataset)
    labels = {f.name: f.label for f in fields(shape) + wide_fields(shape)}
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
    wide = wide_columns(shape, columns)
    errors = []
    if at["period"] is None:
        errors.append((1, "No Period end column"))
    if wide:
        at["measure"] = at["value"] = None  # the items' columns hold the figures
    elif at["value"] is None:
        errors.append((1, "No Value column, and no column holds an item"))
    elif at["measure"] is None and len(shape.measures) != 1:
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
        chosen = []
        for dimension in shape.dimensions:
            text = cell(row, dims[dimension.pk])
            if text and text.lower() != "total":
                value = labels[dimension.pk].get(text.lower())
                if value is None:
                    problems.append(f"“{text}” is not a value of {dimension.name}")
                else:
                    chosen.append(value)
        figures = []  # (measure, key, text of the value)
        if wide:
            for index, measure, item in wide:
                text = cell(row, index)
                if not text:
                    continue
                if any(v.dimension_id == item.dimension_id for v in chosen):
                    problems.append(f"the row gives {item.dimension.name} and a column “{item}”")
                    break
                figures.append((measure, cell_key([*chosen, item]), text))
        else:
            measure = shape.measures[0] if at["measure"] is None else None
            if at["measure"] is not None:
                measure = measures.get(cell(row, at["measure"]).lower())
                if measure is None:
                    problems.append(f"no measure “{cell(row, at['measure'])}”")
            figures.append((measure, cell_key(chosen), cell(row, at["value"])))
        parsed = []
        for measure, key, text in figures:
            if not problems and key not in keys:
                problems.append("the dataset has no figure for that combination of values")
            value, ok = parse_value(text)
            if not ok:
                problems.append(f"value “{text}” is not a number")
            if not problems:
                found = (day, measure.pk, key)
                if found in seen:
                    problems.append(f"the same figure as row {seen[found]}")
                seen[found] = number
            parsed.append((measure, key, value))
        if problems:
            errors.append((number, "; ".join(problems)))
            continue
        source, note = cell(row, at["source"]), cell(row, at["note"])
        rows += [(day, m.pk, key, value, source[:300], note) for m, key, value in parsed]
    if not rows and not errors:
        errors.append((1, "The file has no figures"))
    if not errors:
        for day in sorted({r[0] for r in rows}):
            changes = {(m, k): v for d, m, k, v, _, _ in rows if d == day}
            for problem in total_problems(shape, merged(dataset, day, changes)):
                errors.append((1, f"{dataset.period_label(day)}: {problem}"))
    return rows, errors


def wide_columns(shape, columns):
    """[(column index, measure, dimension value)] of the columns mapped to items."""
    measures = {m.pk: m for m in shape.measures}
    values = {v.pk: v for d in shape.dimensions for v in d.values.all()}
    found = []
    for name, index in columns.items():
        match = re.fullmatch(r"w(\d+)_(\d+)", name)
        if match and int(match[1]) in measures and int(match[2]) in values:
            found.append((index, measures[int(match[1])], values[int(match[2])]))
    return sorted(found, key=lambda item: item[0])


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
