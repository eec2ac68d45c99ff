"""A board's data package recreated in this deployment (`importboard`): the package is validated
first (frictionless: types, keys, foreign keys), then every table is read in order and its rows
created with new ids, the old ids mapped to the new as it goes, all in one transaction: a bad row
undoes everything. People are created without a usable password or a real email address: the
office gives them theirs and they set a password. History comes back from the audit trail."""

import contextlib
import csv
import io
import json
import uuid
import zipfile

from django.contrib.auth.hashers import make_password
from django.db import transaction
from frictionless import validate

from boards.models import Board

from .exporting import FORMAT, tracked
from .schema import AUDIT_TRAIL, audit_trail_schema, from_text, references
from .tables import ALL, PEOPLE, TABLE

BATCH = 1000


class BadPackage(Exception):
    """The package cannot be imported; the message says why."""


def check(path):
    """Refuse a file that is not one of our packages, or whose data do not validate."""
    if not zipfile.is_zipfile(path):
        raise BadPackage(f"{path} is not a zip file.")
    with zipfile.ZipFile(path) as zf:
        try:
            descriptor = json.loads(zf.read("datapackage.json"))
        except (KeyError, ValueError) as error:
            raise BadPackage(f"No readable datapackage.json in the zip ({error}).") from error
    if (descriptor.get("lscb") or {}).get("format") != FORMAT:
        raise BadPackage(
            "This is not a board's package from this application (or another version)."
        )
    resources = {r.get("name"): r for r in descriptor.get("resources", [])}
    expected = {t.name: [f.name for f in t.columns()] for t in ALL}
    expected[AUDIT_TRAIL] = [f["name"] for f in audit_trail_schema()["fields"]]
    if missing := sorted(set(expected) - set(resources)):
        raise BadPackage(f"The package lacks the tables: {', '.join(missing)}.")
    for name, columns in expected.items():
        got = [f.get("name") for f in (resources[name].get("schema") or {}).get("fields", [])]
        if got != columns or resources[name].get("path") != f"data/{name}.csv":
            raise BadPackage(f"The table {name} does not have the columns this version expects.")
    report = validate(str(path))
    if not report.valid:
        problems = [
            f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:5]
        ] or [error.message for error in report.errors]
        raise BadPackage("The package does not validate:\n" + "\n".join(problems[:20]))
    return descriptor


def load(path):
    """Validate the package at `path` and recreate its board; answers the board."""
    check(path)
    with zipfile.ZipFile(path) as zf, transaction.atomic(), fixed_timestamps():
        loader = Loader(zf)
        for table in ALL:
            loader.table(table)
        loader.audit_trail()
    return Board.objects.get(pk=next(iter(loader.ids["boards"].values())))


@contextlib.contextmanager
def fixed_timestamps():
    """Timestamps as the package says, not the time of the import."""
    fields = [
        f
        for t in ALL
        for f in t.model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def rows(zf, name):
    with io.TextIOWrapper(zf.open(f"data/{name}.csv"), encoding="utf-8", newline="") as text:
        reader = csv.reader(text)
        next(reader)  # the header, checked against the schema
        yield from reader


class Loader:
    def __init__(self, zf):
        self.zf = zf
        self.ids = {}  # table -> {id in the package: id here}
        self.matched = {}  # table -> ids here of records that were already here

    def table(self, table):
        columns = table.columns()
        model = table.model
        self.ids[table.name] = ids = {}
        self.matched[table.name] = set()
        batch, later = [], []
        for number, row in enumerate(rows(self.zf, table.name), start=2):
            values, own = {}, {}
            for field, text in zip(columns[1:], row[1:], strict=True):
                value = from_text(field, text)
                if field.is_relation and value is not None:
                    if references(field) is table:  # set once the whole table is here
                        own[field.attname], value = value, None
                    else:
                        value = self.mapped(table, field, value, number)
                values[field.attname] = value
            old = int(row[0])
            if table.name == "boards" and Board.objects.filter(name=values["name"]).exists():
                raise BadPackage(f"A board named {values['name']!r} is already here.")
            if existing := self.existing(table, values):
                ids[old] = existing
                self.matched[table.name].add(existing)
                continue
            batch.append((old, self.new(table, model, values), own))
            if len(batch) >= BATCH:
                later += self.create(model, ids, batch)
                batch = []
        later += self.create(model, ids, batch)
        self.link_own(table, model, ids, later)

    def mapped(self, table, field, value, number):
        target = references(field).name
        if value in self.ids[target]:
            return self.ids[target][value]
        if field.null:
            return None
        raise BadPackage(f"{table.name}, row {number}: {field.name} {value} is not in {target}.")

    def existing(self, table, values):
        if not table.match:
            return None
        fields = [table.model._meta.get_field(name) for name in table.match]
        lookup = {f.attname: values[f.attname] for f in fields}
        return (
            table.model.objects.filter(**lookup).order_by("pk").values_list("pk", flat=True).first()
        )

    def new(self, table, model, values):
        if table is PEOPLE:
            values["email"] = f"imported-{uuid.uuid4().hex}@people.invalid"
            values["password"] = make_password(None)
        return model(**values)

    def create(self, model, ids, batch):
        model.objects.bulk_create([obj for _, obj, _ in batch])
        for old, obj, _ in batch:
            ids[old] = obj.pk
        return [(obj, own) for _, obj, own in batch if any(v is not None for v in own.values())]

    def link_own(self, table, model, ids, later):
        """The table's references to its own rows (a group's parent, an action carried forward)."""
        for obj, own in later:
            for attname, old in own.items():
                setattr(obj, attname, ids.get(old))
        names = sorted({a for _, own in later for a in own})
        for start in range(0, len(later), BATCH):
            model.objects.bulk_update([obj for obj, _ in later[start : start + BATCH]], names)

    def audit_trail(self):
        batch, model = [], None
        for row in rows(self.zf, AUDIT_TRAIL):
            _, name, record, date, kind, person, reason, _, values = row
            table = TABLE[name]
            here = self.ids[name].get(int(record))
            if here is None or here in self.matched[name] or not (kept := tracked(table)):
                continue
            history, fields = kept
            if history is not model:
                self.flush(model, batch)
                batch, model = [], history
            batch.append(self.version(history, fields, here, date, kind, person, reason, values))
            if len(batch) >= BATCH:
                self.flush(model, batch)
                batch = []
        self.flush(model, batch)

    def version(self, history, fields, here, date, kind, person, reason, values):
        state = json.loads(values)
        version = history(
            id=here,
            history_date=from_text(history._meta.get_field("history_date"), date),
            history_type=kind,
            history_user_id=self.ids[PEOPLE.name].get(int(person)) if person else None,
            history_change_reason=reason or None,
        )
        for field in fields[1:]:
            value = state.get(field.name)
            if field.is_relation:
                value = self.ids[references(field).name].get(value)
            elif value is not None and not isinstance(value, bool | dict | list):
                value = field.to_python(value)
            setattr(version, field.attname, value)
        return version

    @staticmethod
    def flush(model, batch):
        if batch:
            model.objects.bulk_create(batch)
