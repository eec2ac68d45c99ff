"""A board's whole record as a Frictionless Data Package: `datapackage.json` and one CSV per table
in a zip, written row by row as the database hands them over (`.iterator()`), so memory holds a
chunk of rows and the ids of the records other records point to, never a whole table. On
PostgreSQL the database writes each table's CSV itself (`copying.py`: the same bytes, several times
faster); the audit trail, and tables with a JSON column, are written here."""

import csv
import io
import json
import zipfile

from django.db import models
from django.utils import timezone
from frictionless import Package, Resource, Schema

from boards.models import BoardAgency, BoardMembership

from . import copying
from .schema import (
    AUDIT_TRAIL,
    audit_trail_schema,
    references,
    schema,
    table_type,
    to_json,
    to_text,
)
from .tables import AGENCIES, ALL, PEOPLE, TABLES

FORMAT = 1  # the package's layout; an import refuses another
CHUNK = 2000
AUDIT_TRAIL_TITLE = "Audit trail: every change to the records, who made it and when"


class Written:
    """What the export has seen: the ids each table holds that others point to, and the people and
    agencies the records name (written last)."""

    def __init__(self, board):
        self.board = board
        self.ids = {"boards": {board.pk}}
        self.people = set(
            BoardMembership.objects.filter(board=board).values_list("user", flat=True)
        )
        self.agencies = set(
            BoardAgency.objects.filter(board=board).values_list("agency", flat=True)
        )
        self.counts = {}
        self.copy = True  # on PostgreSQL, the database writes the CSV of the tables it can

    def prepare(self, tables):
        targets = {references(f).name for t in tables for f in t.columns() if f.is_relation}
        for table in tables:
            if table.name in targets - {"boards", "people", "agencies"}:
                self.ids[table.name] = set(table.rows(self.board).values_list("pk", flat=True))

    def value(self, field, value):
        """A foreign key's value, noted if it names a person or an agency, and left empty if it
        points outside the package (a framework another board owns, say)."""
        if value is None:
            return None
        target = references(field).name
        if target == PEOPLE.name:
            self.people.add(value)
        elif target == AGENCIES.name:
            self.agencies.add(value)
        elif value not in self.ids[target] and field.null:
            return None
        return value


def write(board, out, copy=True):
    """Write `board`'s package to the binary file `out`; answers the rows written per table.
    `copy=False` keeps PostgreSQL to the Python path (to compare the two)."""
    written = Written(board)
    written.copy = copy
    tables = [t for t in ALL if t not in (PEOPLE, AGENCIES)]
    written.prepare(tables)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for table in tables:
            write_table(zf, table, table.rows(board), written)
        write_audit_trail(zf, written)
        write_table(zf, PEOPLE, in_chunks(PEOPLE, written.people), written)
        write_table(zf, AGENCIES, in_chunks(AGENCIES, written.agencies), written)
        zf.writestr("datapackage.json", json.dumps(describe(board), indent=2, ensure_ascii=False))
    return written.counts


def in_chunks(table, ids):
    ids = sorted(ids)
    for start in range(0, len(ids), 500):
        yield from table.model.objects.filter(pk__in=ids[start : start + 500]).order_by("pk")


def csv_file(zf, name):
    return io.TextIOWrapper(
        zf.open(f"data/{name}.csv", "w", force_zip64=True), encoding="utf-8", newline=""
    )


def write_table(zf, table, rows, written):
    if hasattr(rows, "values_list") and written.copy and copying.usable(table):
        with zf.open(f"data/{table.name}.csv", "w", force_zip64=True) as entry:
            written.counts[table.name] = copying.write(entry, table, rows, written)
        return
    columns = table.columns()
    attnames = [f.attname for f in columns]
    if hasattr(rows, "values_list"):
        rows = rows.values_list(*attnames).iterator(chunk_size=CHUNK)
    else:
        rows = ([getattr(obj, a) for a in attnames] for obj in rows)
    convert = [converter(f, written) for f in columns]
    count = 0
    with csv_file(zf, table.name) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([f.name for f in columns])
        for row in rows:
            writer.writerow([c(v) for c, v in zip(convert, row, strict=True)])
            count += 1
    written.counts[table.name] = count


def converter(field, written):
    """The function writing a column's values: the quickest that is right for its type."""
    if field.is_relation:
        return lambda value: to_text(written.value(field, value))
    kind = table_type(field)
    if kind == "integer":
        return lambda value: "" if value is None else str(value)
    if kind == "string" and not isinstance(field, models.JSONField | models.UUIDField):
        return lambda value: "" if value is None else value
    return to_text


def tracked(table):
    """The historical model of a table and the fields its records keep, or None."""
    if not table.history or not hasattr(table.model, "history"):
        return None
    history = table.model.history.model
    names = {f.name for f in history._meta.concrete_fields}
    return history, [f for f in table.columns() if f.name in names]


def write_audit_trail(zf, written):
    """Every version of every record of the board's tables that keeps one: who, when, what changed
    and the record as it then stood (simple-history's records)."""
    count = 0
    with csv_file(zf, AUDIT_TRAIL) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([f["name"] for f in audit_trail_schema()["fields"]])
        for table in TABLES:
            if not (kept := tracked(table)):
                continue
            history, fields = kept
            versions = (
                history.objects.filter(id__in=table.rows(written.board).values("pk"))
                .order_by("id", "history_date", "history_id")
                .values_list(
                    "id",
                    "history_date",
                    "history_type",
                    "history_user_id",
                    "history_change_reason",
                    *[f.attname for f in fields],
                )
                .iterator(chunk_size=CHUNK)
            )
            previous = (None, {})
            for record, date, kind, person, reason, *values in versions:
                state = {f.name: to_json(v) for f, v in zip(fields, values, strict=True)}
                before = previous[1] if previous[0] == record else {}
                changed = [
                    name for name, v in state.items() if name not in before or before[name] != v
                ]
                if person:
                    written.people.add(person)
                count += 1
                writer.writerow(
                    [
                        count,
                        table.name,
                        record,
                        to_text(date),
                        kind,
                        to_text(person),
                        reason or "",
                        " ".join(changed),
                        json.dumps(state, ensure_ascii=False),
                    ]
                )
                previous = (record, state)
    written.counts[AUDIT_TRAIL] = count


def describe(board):
    """The package's descriptor, made and checked by frictionless."""
    resources = [resource(t.name, schema(t), table_title(t)) for t in ALL]
    resources.append(resource(AUDIT_TRAIL, audit_trail_schema(), AUDIT_TRAIL_TITLE))
    package = Package(
        name="board-record",
        title=f"{board.name}: the board's whole record",
        description=(
            "Everything the board holds in the safeguarding partnership workspace, one CSV per "
            "table. People are named only: no email address, password or sign-in device."
        ),
        created=timezone.now().replace(microsecond=0).isoformat(),
        resources=resources,
    )
    descriptor = package.to_descriptor()
    descriptor["lscb"] = {"format": FORMAT, "board": board.pk}
    return descriptor


def resource(name, descriptor, title):
    return Resource(
        name=name,
        title=title,
        path=f"data/{name}.csv",
        format="csv",
        mediatype="text/csv",
        encoding="utf-8",
        schema=Schema.from_descriptor(descriptor),
    )


def table_title(table):
    if table.m2m_of is not None:
        return f"{table.m2m_of.model._meta.verbose_name}: {table.m2m_field_object().verbose_name}"
    return str(table.model._meta.verbose_name_plural).capitalize()
