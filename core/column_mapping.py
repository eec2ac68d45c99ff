"""Columns of an import read by the names people give them, and the mapping step for the rest.

An import names its fields (`Field`: a name, a label, whether it is required, the headers that mean
it). `recognise` reads a file's header row against them. Where a column is not recognised, the
import's page shows the columns found, a value from each, and a select per field (`ColumnMapForm`).
Between the steps the file's rows are held in the person's session (`hold`, with a size limit),
never sent back through the page. Boards remember a confirmed mapping (boards.models.ImportMapping)
under the `signature` of the header row."""

import hashlib
import json
from dataclasses import dataclass

from crispy_forms_gds.layout import Field as Layout_field
from crispy_forms_gds.layout import Layout
from django import forms
from django.conf import settings

from .forms import GdsFormMixin
from .spreadsheets import TableRefused, column_name

SAMPLE_ROWS = 50  # rows read, at most, for a column's example value
SAMPLE_LENGTH = 60


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: bool
    headers: tuple  # the names boards give the column, in lower case


# Each kind of import's fields and how it describes a mapping in words ({kind: (fields, describe)}),
# registered by the app that imports that kind (in its AppConfig.ready), so a remembered mapping is
# edited where the board keeps its mappings without that app importing upwards.
KINDS = {}


def register(kind, fields, describe):
    """`describe(header, columns)`: how `columns` ({field: index}) read `header`, in words."""
    KINDS[kind] = (fields, describe)


def header_key(text):
    """A header as compared: lower case, spaces collapsed."""
    return " ".join((text or "").lower().split())


def recognise(header, fields, key=header_key, field_of=None):
    """({field name: column index}, [problems]) for a header row. `key` turns a header into what is
    compared; `field_of(key)` may name a field the lists do not (e.g. "<cycle> updates")."""
    synonyms = {name: f.name for f in fields for name in f.headers}
    columns, problems = {}, []
    for index, text in enumerate(header):
        if not text:
            continue
        name = synonyms.get(key(text)) or (field_of(key(text)) if field_of else None)
        if name is None:
            problems.append(f"the column “{text}” is not one the import knows")
        elif name in columns:
            problems.append(
                f"the columns “{header[columns[name]]}” and “{text}” are the same field"
            )
        else:
            columns[name] = index
    problems += [
        f"there is no {f.label} column" for f in fields if f.required and f.name not in columns
    ]
    return columns, problems


def header_of(table):
    return [(cell or "").strip() for cell in table[0]] if table else []


def signature(keys):
    """The same for the same header names in any order (empty headers left out)."""
    text = json.dumps(sorted(k for k in keys if k), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def resolve(stored, keys):
    """{field: column index} from a remembered {field: header key}, or None if a header is missing
    or names two columns (which of them was meant is not known)."""
    columns = {}
    for name, wanted in stored.items():
        found = [index for index, k in enumerate(keys) if k == wanted]
        if len(found) != 1:
            return None
        columns[name] = found[0]
    return columns


def samples(table):
    """The first value under each column (from the first SAMPLE_ROWS rows), shortened."""
    header = header_of(table)
    found = [""] * len(header)
    for cells in table[1 : SAMPLE_ROWS + 1]:
        for index, cell in enumerate(cells[: len(header)]):
            if not found[index] and (cell or "").strip():
                text = " ".join(cell.split())
                found[index] = (
                    text if len(text) <= SAMPLE_LENGTH else text[: SAMPLE_LENGTH - 1] + "…"
                )
        if all(found):
            break
    return found


def columns_found(table, recognised, fields):
    """What the mapping page lists: (letter, heading, example, read as) per headed column."""
    labels = {f.name: f.label for f in fields}
    read_as = {index: labels[name] for name, index in recognised.items()}
    header = header_of(table)
    return [
        (column_name(index + 1), text, example, read_as.get(index, ""))
        for index, (text, example) in enumerate(zip(header, samples(table), strict=True))
        if text
    ]


class ColumnMapForm(GdsFormMixin, forms.Form):
    """A select per field, its options the file's headed columns; required fields must be chosen,
    and no column chosen twice. `columns()` gives {field name: column index}."""

    submit_label = "Continue"

    step = forms.CharField(widget=forms.HiddenInput, initial="map")

    def __init__(self, *args, fields, header, initial_columns=None, submit_label=None, **kwargs):
        self.submit_label = submit_label or self.submit_label
        super().__init__(*args, **kwargs)
        self.import_fields = fields
        self.header = header
        options = [
            (str(index), f"Column {column_name(index + 1)}: {text}")
            for index, text in enumerate(header)
            if text
        ]
        initial_columns = initial_columns or {}
        for field in fields:
            self.fields[field.name] = forms.ChoiceField(
                label=field.label,
                choices=[
                    ("", "Choose a column" if field.required else "Not in the file"),
                    *options,
                ],
                required=field.required,
                initial=str(initial_columns[field.name]) if field.name in initial_columns else "",
                error_messages={
                    "required": f"Choose the column that holds the {field.label.lower()}",
                    "invalid_choice": "Choose one of the file’s columns",
                },
                help_text="Required" if field.required else "",
            )
        self.helper.layout = Layout("step", *(Layout_field.select(field.name) for field in fields))

    def clean(self):
        data = super().clean()
        chosen = {}
        for field in self.import_fields:
            value = data.get(field.name)
            if not value:
                continue
            if value in chosen:
                heading = self.header[int(value)]
                self.add_error(
                    field.name,
                    f"“{heading}” is already chosen for {chosen[value]}: choose each column once",
                )
            else:
                chosen[value] = field.label
        return data

    def columns(self):
        return {
            field.name: int(self.cleaned_data[field.name])
            for field in self.import_fields
            if self.cleaned_data.get(field.name)
        }


def hold(session, key, value, table):
    """Keep `value` (holding `table`) in the session between an import's steps. A table with more
    text than IMPORT_MAX_HELD_CHARS is refused (TableRefused): counted cell by cell, stopping at
    the limit, since an .xlsx can repeat one long text in many cells."""
    limit, size = settings.IMPORT_MAX_HELD_CHARS, 0
    for cells in table:
        for cell in cells:
            size += len(cell) + 1
            if size > limit:
                raise TableRefused(
                    [
                        (
                            1,
                            "The file holds too much text to check in steps: save it as CSV, or split it",
                        )
                    ]
                )
    session[key] = value


def drop(session, key):
    session.pop(key, None)
