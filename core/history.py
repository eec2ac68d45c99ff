"""The audit trail (django-simple-history): who made a change, and the changes in words.

Who: simple-history records `obj._history_user` as the author of a change. Set it through `save_as`
(a model form) or `saved_by` (an object), or directly just before saving, whenever the acting user is
known. What: `describe` turns historical records into who changed what, when, from what to what."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist

KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}
HIDDEN = {"version"}  # bookkeeping, not a change anyone made on purpose


@dataclass
class Change:
    when: object
    who: object
    what: str  # e.g. "Action 1.2"
    kind: str  # Created, Changed, Deleted
    fields: list = field(default_factory=list)  # (label, old, new)
    reason: str = ""  # why, for a correction (simple-history's change reason)


def describe(records, what=str):
    """Changes, newest first, from historical records of one or more objects (any order).
    Each record is compared with the one before it for the same object: no extra queries."""
    by_object = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    changes = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            entry = Change(
                record.history_date, record.history_user, what(record), KINDS[record.history_type]
            )
            entry.reason = getattr(record, "history_change_reason", None) or ""
            if record.history_type == "~" and previous is not None:
                model = record.instance_type
                entry.fields = [
                    (
                        label(model, c.field),
                        display(model, c.field, c.old),
                        display(model, c.field, c.new),
                    )
                    for c in record.diff_against(previous).changes
                    if c.field not in HIDDEN
                ]
            if entry.fields or entry.reason or record.history_type != "~":
                changes.append(entry)
            previous = record
    return sorted(changes, key=lambda c: c.when, reverse=True)


def label(model, name):
    try:
        text = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
    return text[:1].upper() + text[1:]


def display(model, name, value):
    """A value in words: the label of a choice ("Amber", not "A"); "(empty)" for nothing."""
    try:
        choices = dict(model._meta.get_field(name).flatchoices)
    except FieldDoesNotExist:
        choices = {}
    if value in (None, "") and value not in choices:
        return "(empty)"
    return str(choices.get(value, value))


def save_as(form, user):
    """Save a model form, recording `user` as the author of the change in the audit trail."""
    obj = form.save(commit=False)
    obj._history_user = user
    obj.save()
    form.save_m2m()
    return obj


def saved_by(obj, user):
    """Save `obj`, recording `user` as the author of the change in the audit trail; returns `obj`."""
    obj._history_user = user
    obj.save()
    return obj
