"""One guard against lost updates, for every form that edits a stored record.

When the form is shown, a hidden field carries a signed fingerprint of each value the form shows of
the record (what the person saw). When it is saved, the record's row is locked, the values stored now
are read through a fresh copy of the same form, and compared with the fingerprints: if anyone changed
a value the form edits, nothing is saved and the form comes back with the person's typed input, an
error that says who changed what and what each changed value is now, and a new fingerprint, so that
saving again (after reading the change) deliberately applies their version.

Fields the form does not edit are not compared (no false conflicts), and need no version column.

Use: put `VersionGuardMixin` first in a form's bases and save through `save_guarded(form, save)`
(core.pages.form_page does). A model form guards its instance; a form that edits something else
sets `self.guarded` (the row to lock) and may set `self.guarded_history` (historical records of what
it edits, to say who changed it) in its __init__.
"""

import datetime
import hashlib
import json
import time

from django import forms
from django.core import signing
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import Truncator

FIELD = "seen_values"
SALT = "core.versioning.seen"

CHANGED = (
    "Someone else changed this while you were editing it, so your changes were not saved{who}. "
    "Your changes are still in the form: check what is stored now, then save again to replace it "
    "with yours."
)
UNCHECKED = (
    "Your changes were not saved: the page could not show what you were changing (it may be out "
    "of date). Check the values in the form, then save again."
)
DELETED = "Someone else deleted this while you were editing it, so your changes were not saved."


class EditConflict(Exception):
    """The record changed (or went) after the form was shown: the form now holds the error."""


class VersionGuardMixin:
    """Put first in a form's bases. See the module's docstring."""

    def __new__(cls, *args, **kwargs):
        form = super().__new__(cls)
        # The arguments the form was made with (its own, such as board=, included), to make the
        # copy that reads what is stored now; not the posted data.
        form.guard_kwargs = {k: v for k, v in kwargs.items() if k not in ("data", "files")}
        return form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable: evaluated when the page is rendered, after the form's own __init__ has set
        # the initial values of its extra fields.
        self.fields[FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=self.seen_token
        )
        if getattr(self, "helper", None) is not None:
            self.helper.render_hidden_fields = True

    # The adapter: what is guarded, how to read it as stored now, who changed it.

    def guarded_record(self):
        """The row locked while checking and saving; None when there is nothing stored to guard."""
        instance = getattr(self, "instance", None)
        if isinstance(self, forms.BaseModelForm):
            return instance if instance.pk else None
        return getattr(self, "guarded", None)

    def current_copy(self, record):
        """An unbound copy of this form showing what is stored now (`record` freshly locked)."""
        kwargs = dict(self.guard_kwargs)
        if isinstance(self, forms.BaseModelForm):
            kwargs["instance"] = record
        return type(self)(**kwargs)

    def guard_history(self, record):
        """Historical records (django-simple-history) of what the form edits, or None."""
        history = getattr(self, "guarded_history", None)
        if history is None and hasattr(record, "history"):
            history = record.history.all()
        return history

    # The fingerprints.

    def shown_values(self):
        """{field name: (field, initial value)} of what this (unbound) form shows."""
        return {
            name: (field, self.get_initial_for_field(field, name))
            for name, field in self.fields.items()
            if name != FIELD
        }

    def seen_token(self):
        if self.guarded_record() is None:
            return ""
        return make_token(self.shown_values())


def make_token(shown):
    prints = {name: fingerprint(value) for name, (_, value) in shown.items()}
    return signing.dumps({"at": time.time(), "values": prints}, salt=SALT, compress=True)


def read_token(token):
    """(seen at, {name: fingerprint}) from a posted token; None when absent or not genuine."""
    try:
        seen = signing.loads(token or "", salt=SALT)
        return datetime.datetime.fromtimestamp(seen["at"], tz=datetime.UTC), dict(seen["values"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        return None


def canonical(value):
    """A value as comparable text: model instances by key, collections in order, None as empty."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if hasattr(value, "__iter__"):
        return sorted((canonical(v) for v in value), key=json.dumps)
    return str(value)


def fingerprint(value):
    text = json.dumps(canonical(value), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def shown_now(field, value):
    """A stored value as a person reads it in the error message."""
    if value in (None, "") or (
        hasattr(value, "__iter__") and not isinstance(value, str) and not value
    ):
        return "empty"
    if isinstance(field, forms.ModelChoiceField):
        items = value if hasattr(value, "__iter__") and not isinstance(value, str) else [value]
        keys = [item.pk if isinstance(item, models.Model) else item for item in items]
        found = field.queryset.model._base_manager.filter(pk__in=keys)
        return ", ".join(field.label_from_instance(obj) for obj in found) or "empty"
    if isinstance(field, forms.ChoiceField):
        labels = {}
        for key, label in field.choices:
            labels.update(dict(label) if isinstance(label, list | tuple) else {key: label})
        items = value if isinstance(value, list | tuple | set) else [value]
        return ", ".join(str(labels.get(item, item)) for item in items)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return f"“{Truncator(str(value)).chars(120)}”"


def lock(record):
    return type(record)._base_manager.select_for_update().filter(pk=record.pk).first()


def check_unchanged(form):
    """Inside a transaction: lock the guarded row and compare what is stored with what the person
    saw. On a difference, put the error on the form, refresh its token and raise EditConflict."""
    record = form.guarded_record()
    if record is None or FIELD not in form.data:
        return  # nothing stored yet; or a request not made from the page (which always sends it)
    seen = read_token(form.data.get(FIELD))
    locked = lock(record)
    if locked is None:
        form.add_error(None, DELETED)
        raise EditConflict
    now = form.current_copy(locked).shown_values()
    if seen is None:
        refuse(form, now, [UNCHECKED])
    seen_at, prints = seen
    changed = [
        name
        for name in now.keys() | prints.keys()
        if name not in now or fingerprint(now[name][1]) != prints.get(name)
    ]
    if changed:
        form.changed_since = seen_at
        order = {name: i for i, name in enumerate(form.fields)}
        changes = [
            f"{label_of(form, name)} is now {shown_now(*now[name]) if name in now else 'gone'}"
            for name in sorted(changed, key=lambda name: order.get(name, len(order)))
        ]
        refuse(form, now, [CHANGED.format(who=who_changed(form, locked, seen_at)), *changes])
    if isinstance(form, forms.BaseModelForm):
        adopt_unedited(form, locked)


def refuse(form, now, errors):
    for error in errors:
        form.add_error(None, error)
    form.data = form.data.copy()
    form.data[FIELD] = make_token(now)
    raise EditConflict


def label_of(form, name):
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name.replace("_", " ")


def who_changed(form, record, since):
    history = form.guard_history(record)
    if history is None:
        return ""
    records = list(
        history.filter(history_date__gt=since)
        .select_related("history_user")
        .order_by("-history_date")[:20]
    )
    if not records:
        return ""
    names = list(dict.fromkeys(str(r.history_user or "someone") for r in records))
    when = timezone.localtime(records[0].history_date)
    return f": {' and '.join(names)} saved a change at {when:%H:%M} on {when:%-d %B %Y}"


def adopt_unedited(form, locked):
    """The fields the form does not edit take the values just locked, so that saving the form's
    instance (read before the lock) does not put back an older value someone saved meanwhile."""
    edited = {name for name in (form._meta.fields or ()) if name in form.fields}
    for field in locked._meta.concrete_fields:
        if field.name not in edited and not field.primary_key:
            setattr(form.instance, field.attname, getattr(locked, field.attname))


@transaction.atomic
def save_guarded(form, save):
    """`save(form)` with the guarded row locked, unless it changed since the form was shown
    (raises EditConflict, the form holding the error). Forms without the guard just save."""
    if isinstance(form, VersionGuardMixin):
        check_unchanged(form)
    return save(form)


def saved(form, save):
    """Whether `save(form)` ran (its result in `form.saved`): not when someone changed the record
    since the form was shown, the form then holding what changed and the person's input."""
    try:
        form.saved = save_guarded(form, save)
    except EditConflict:
        return False
    return True
