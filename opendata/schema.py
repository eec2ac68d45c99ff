"""The Table Schema of each table (field types, primary and foreign keys), and how a value is
written to CSV and read back: one place for both directions, so a round trip is exact."""

import datetime
import json
import uuid
from decimal import Decimal

from django.db import models

from .tables import BY_MODEL

TYPES = [  # the first Django field class a field is an instance of gives its Table Schema type
    (models.BooleanField, "boolean"),
    (models.DateTimeField, "datetime"),
    (models.DateField, "date"),
    (models.DecimalField, "number"),
    (models.FloatField, "number"),
    (models.IntegerField, "integer"),  # the auto fields and the positive ones too
    (models.ForeignKey, "integer"),
    (models.JSONField, "string"),
    (models.UUIDField, "string"),
]

AUDIT_TRAIL = "audit_trail"
POSITIVE = (
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
)


def table_type(field):
    return next((kind for cls, kind in TYPES if isinstance(field, cls)), "string")


def references(field):
    """The table a foreign key points into."""
    return BY_MODEL[field.related_model]


def field_descriptor(field):
    descriptor = {"name": field.name, "type": table_type(field)}
    if field.verbose_name and not field.primary_key:
        descriptor["title"] = str(field.verbose_name)
    if isinstance(field, models.JSONField):
        descriptor["description"] = "JSON"
    if field.choices and not field.is_relation:
        descriptor["constraints"] = {"enum": [str(value) for value, _ in field.flatchoices]}
    if field.primary_key or (not field.null and table_type(field) != "string"):
        descriptor.setdefault("constraints", {})["required"] = True
    if isinstance(field, POSITIVE):
        descriptor.setdefault("constraints", {})["minimum"] = 0
    return descriptor


def schema(table):
    """The Table Schema of `table`, as a descriptor."""
    columns = table.columns()
    foreign_keys = [
        {
            "fields": f.name,
            "reference": {
                "resource": "" if references(f) is table else references(f).name,
                "fields": "id",
            },
        }
        for f in columns
        if f.is_relation
    ]
    descriptor = {"fields": [field_descriptor(f) for f in columns], "primaryKey": ["id"]}
    if foreign_keys:
        descriptor["foreignKeys"] = foreign_keys
    return descriptor


def audit_trail_schema():
    def text(name, description):
        return {"name": name, "type": "string", "description": description}

    return {
        "fields": [
            {"name": "id", "type": "integer", "constraints": {"required": True}},
            text("table", "the table whose record changed"),
            {"name": "record", "type": "integer", "description": "the record's id in that table"},
            {"name": "date", "type": "datetime", "constraints": {"required": True}},
            {
                "name": "type",
                "type": "string",
                "constraints": {"enum": ["+", "~", "-"]},
                "description": "+ created, ~ changed, - deleted",
            },
            {"name": "person", "type": "integer", "description": "who made the change"},
            text("reason", "the reason given for a correction"),
            text("changed", "the fields changed since the record's previous version"),
            text("values", "JSON: the record as it stood after the change"),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [{"fields": "person", "reference": {"resource": "people", "fields": "id"}}],
    }


def to_text(value):
    """A value as the CSV holds it."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def to_json(value):
    """A value as the audit trail's JSON holds it."""
    if isinstance(value, datetime.date | Decimal | uuid.UUID):
        return to_text(value)
    return value


def from_text(field, text):
    """The Python value of a CSV cell for `field`."""
    if text == "":
        return "" if not field.null and table_type(field) == "string" else None
    if isinstance(field, models.BooleanField):
        return text == "true"
    if isinstance(field, models.JSONField):
        return json.loads(text)
    if isinstance(field, models.DateTimeField):
        return datetime.datetime.fromisoformat(text)
    if field.is_relation:
        return int(text)
    return field.to_python(text)
