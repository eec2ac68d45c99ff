"""Plans in and out of spreadsheets. Export writes the column order boards keep them in (the seed's table):

Theme, Ref, Action, Who, When, What we are trying to achieve, <cycle name> updates, RAG

Import reads the columns by name, in any order, under the names boards use (COLUMNS), ignoring case
and spacing. It reads every row first and reports every bad row with its reason; only a file without
errors is imported, all at once, and its updates go into the update cycle the person chose.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from boards.models import ImportKind, ImportMapping
from core.column_mapping import Field, header_key, header_of, recognise
from core.rag import Rag
from core.spreadsheets import column_name, too_many_rows, unsafe_cell
from subgroups.models import normalise

from .models import Action, Plan, PlanImport, Theme, Update, UpdateCycle, owners_text

FIXED = ["Theme", "Ref", "Action", "Who", "When", "What we are trying to achieve"]
UPDATES_SUFFIX = "updates"
# The column names boards use, per field, compared in lower case with spaces collapsed; a header
# ending in " updates" (e.g. "April 2017 updates") is the update text too, and names the cycle.
# Other names are mapped by the person on the import's mapping step, and remembered for the board.
FIELDS = (
    Field("theme", "Theme", False, ("theme", "priority theme")),
    Field("ref", "Ref", True, ("ref", "reference")),
    Field("action", "Action", True, ("action",)),
    Field(
        "owners",
        "Who (the owners)",
        False,
        ("who", "owner", "owners", "lead", "lead agency", "lead officer", "action owner"),
    ),
    Field(
        "due",
        "When (the due date)",
        False,
        ("when", "due", "due date", "deadline", "timescale", "timescales", "target date"),
    ),
    Field(
        "outcome",
        "What we are trying to achieve",
        False,
        (
            "what we are trying to achieve",
            "outcome",
            "outcomes",
            "intended outcome",
            "success measures",
            "success measure",
        ),
    ),
    Field(
        "update",
        "Update",
        False,
        (
            "update",
            "updates",
            "progress",
            "progress update",
            "latest update",
            "comments",
            "commentary",
        ),
    ),
    Field("rag", "RAG", False, ("rag", "rag rating", "status", "rag status")),
)
COLUMNS = {f.name: f.headers for f in FIELDS}
SYNONYMS = {name: field for field, names in COLUMNS.items() for name in names}
REQUIRED = tuple(f.name for f in FIELDS if f.required)
MONTHS = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
}
RAG_WORDS = {**{r.value.lower(): r for r in Rag}, **{r.label.lower(): r for r in Rag}}
GROUP_WORDS = ("subgroup", "group", "panel", "board")
LINK = re.compile(r"\(\s*linked to ([\w.]+)\s*\)", re.IGNORECASE)


class PlanImportError(Exception):
    pass


@dataclass
class Row:
    line: int
    theme_number: int | None
    theme_title: str
    ref: str
    text: str
    owners: list = field(default_factory=list)
    named_owners: list = field(default_factory=list)
    links: list = field(default_factory=list)
    due_date: date | None = None
    due_note: str = ""
    outcome: str = ""
    update_text: str = ""
    rag: str = ""


@dataclass
class Parsed:
    cycle_name: (
        str  # the update column's header when it names a cycle ("April 2017 updates"), or ""
    )
    rows: list
    errors: list  # (line, message)

    @property
    def has_updates(self):
        return any(row.update_text or row.rag for row in self.rows)


def column_field(text):
    """The field a column header names, or None."""
    key = header_key(text)
    if key in SYNONYMS:
        return SYNONYMS[key]
    return updates_field(key)


def updates_field(key):
    return "update" if key.endswith(" " + UPDATES_SUFFIX) else None


def column_key(text):
    """A header as remembered for the board: "<cycle> updates" stands for every cycle's name."""
    key = header_key(text)
    return f"<cycle> {UPDATES_SUFFIX}" if updates_field(key) else key


def cycle_name_of(header, columns):
    """The update column's header when it names a cycle ("April 2017 updates"), or ""."""
    text = header[columns["update"]] if "update" in columns else ""
    return text if updates_field(header_key(text)) else ""


def read_header(header):
    """({field: column index}, the update column's header, [problems]) for a file's first row."""
    columns, problems = recognise(header, FIELDS, field_of=updates_field)
    if problems:
        known = "; ".join(", ".join(names) for names in COLUMNS.values())
        problems.append(
            f"the names it knows, in any order and any case, are: {known}; “<cycle> updates”"
        )
    return columns, cycle_name_of(header, columns), problems


def mapped_columns(table, board):
    """A plan file's columns ({field: index}): recognised by name, or as the board's office mapped
    the same headers before; None when the person must map them."""
    header = header_of(table)
    columns, _, problems = read_header(header)
    if not problems:
        return columns
    return ImportMapping.objects.remembered(
        board, ImportKind.PLAN, [column_key(text) for text in header]
    )


def remember_mapping(board, table, columns, *, user):
    """Keep the columns a person mapped for the board's next file with the same headers."""
    header = header_of(table)
    keys = [column_key(text) for text in header]
    return ImportMapping.objects.remember(
        board, ImportKind.PLAN, keys, columns, describe_columns(header, columns), user=user
    )


def describe_columns(header, columns):
    """How a file's columns are read, in words: "Ref: “No.”; Action: “Task”"."""
    labels = {f.name: f.label for f in FIELDS}
    return "; ".join(
        f"{labels[name]}: “{header[index]}”"
        for name, index in sorted(columns.items(), key=lambda item: item[1])
    )


def parse_when(text):
    """ "Jul-17" or "November 2016 and ongoing" give the month's last day and a note; anything else is a note."""
    text = " ".join(text.split())
    match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b\s*(.*)$", text)
    if match:
        day, month, year, rest = match.groups()
        return date(int(year), int(month), int(day)), rest.strip(" -–,")
    match = re.match(r"^([A-Za-z]+)[\s-]+(\d{4}|\d{2})\b\s*(.*)$", text)
    if match and match.group(1).lower() in MONTHS:
        month = MONTHS[match.group(1).lower()]
        year = int(match.group(2)) + (2000 if len(match.group(2)) == 2 else 0)
        return date(year, month, calendar.monthrange(year, month)[1]), match.group(3).strip(" -–,")
    return None, text


def format_when(due_date, due_note):
    parts = [due_date.strftime("%b-%y")] if due_date else []
    return " ".join([*parts, due_note] if due_note else parts)


def parse_theme(text):
    match = re.match(r"^\s*(\d+)[.)]?\s*(.*)$", text)
    if match:
        return int(match.group(1)), match.group(2).strip()
    return None, text.strip()


def parse(table, board, columns=None):
    """Check every row of `table` against `board`'s groups; nothing is written. `columns` ({field:
    index}, as the person mapped them) reads the file's columns; without it, they are read by name."""
    errors, rows = [], []
    if not table:
        return Parsed("", [], [(1, "The file is empty")])
    if too_many := too_many_rows(table, "actions"):
        return Parsed("", [], [too_many])
    header = header_of(table) or [""]
    if columns is None:
        columns, cycle_name, problems = read_header(header)
        if problems:
            return Parsed("", [], [(1, "Columns: " + "; ".join(problems))])
    else:
        columns = {name: index for name, index in columns.items() if index < len(header)}
        cycle_name = cycle_name_of(header, columns)
        if missing := [f.label for f in FIELDS if f.required and f.name not in columns]:
            return Parsed("", [], [(1, f"Columns: choose the {' and '.join(missing)} columns")])
    groups = {}
    for group in board.subgroups.all():
        for name in group.names():
            groups[name] = group
    seen = {}
    for line, cells in enumerate(table[1:], start=2):
        cells = [unsafe_cell((c or "").strip()) for c in cells] + [""] * len(header)
        values = {name: cells[index] for name, index in columns.items()}
        unheaded = [
            i for i, cell in enumerate(cells) if cell and (i >= len(header) or not header[i])
        ]
        if not any(values.values()) and not unheaded:
            continue
        theme_cell, ref, text, who, when, outcome, update_text, rag_cell = (
            values.get(name, "") for name in COLUMNS
        )
        problems = [
            f"column {column_name(i + 1)} has a value but no heading: head the column or clear it"
            for i in unheaded
        ]
        if not ref:
            problems.append("the ref is empty")
        elif ref in seen:
            problems.append(f"ref {ref} is used again (first on row {seen[ref]})")
        else:
            seen[ref] = line
        if not text:
            problems.append("the action is empty")
        rag = RAG_WORDS.get(rag_cell.lower())
        if rag is None:
            problems.append(f"unknown RAG “{rag_cell}” (use R, A, G, C or leave it empty)")
        theme_number, theme_title = parse_theme(theme_cell)
        row = Row(
            line,
            theme_number,
            theme_title,
            ref,
            text,
            outcome=outcome,
            update_text=update_text,
            rag=rag or "",
        )
        row.links = LINK.findall(who)
        for part in LINK.sub("", who).split(";"):
            part = part.strip()
            if not part:
                continue
            group = groups.get(normalise(part))
            if group:
                row.owners.append(group)
            elif normalise(part).endswith(GROUP_WORDS):
                problems.append(f"unknown owner “{part}”: no group of the board has this name")
            else:
                row.named_owners.append(part)
        try:
            row.due_date, row.due_note = parse_when(when)
        except ValueError:
            problems.append(f"“{when}” is not a real date")
        if problems:
            errors.append((line, "; ".join(problems)))
        rows.append(row)
    refs = {row.ref for row in rows}
    for row in rows:
        for link in row.links:
            if link not in refs:
                errors.append((row.line, f"linked to {link}, which is not in the file"))
    if not rows and not errors:
        errors.append((2, "The file has no actions"))
    return Parsed(cycle_name, rows, sorted(errors))


@transaction.atomic
def import_plan(plan, parsed, *, user, cycle=None, imported_on=None, batch=None):
    """Create the themes, actions and updates of a parsed file in `plan`, the updates in `cycle` (one
    of the plan's cycles, which the person chose). Call only without errors; no cycle is created here.
    What is created carries `batch` (a PlanImport), if given, so that the import can be undone."""
    if parsed.errors:
        raise PlanImportError("The file has errors; nothing was imported")
    if parsed.has_updates and (cycle is None or cycle.plan_id != plan.pk):
        raise PlanImportError("Choose the plan's update cycle the file's updates belong to")
    themes = {}
    actions = {}
    for row in parsed.rows:
        theme = None
        if row.theme_number is not None:
            theme = themes.get(row.theme_number)
            if theme is None:
                theme, _ = Theme.objects.get_or_create(
                    plan=plan,
                    number=row.theme_number,
                    defaults={"title": row.theme_title, "import_batch": batch},
                )
                themes[row.theme_number] = theme
        action = Action(
            plan=plan,
            theme=theme,
            ref=row.ref,
            text=row.text,
            named_owners="; ".join(row.named_owners),
            owners_text=owners_text(row.owners),
            due_date=row.due_date,
            due_note=row.due_note,
            outcome=row.outcome,
            rag=row.rag,
            version=1 if (row.update_text or row.rag) else 0,
            created=imported_on or timezone.now(),  # the table's date: it held the action then
            import_batch=batch,
        )
        action._history_user = user
        action.save()
        action.owners.set(row.owners)
        actions[row.ref] = action
        if row.update_text or row.rag:
            Update.objects.create(
                action=action,
                cycle=cycle,
                text=row.update_text,
                rag=row.rag,
                author=user,
                created=imported_on or timezone.now(),
                imported=True,
                action_version=1,
                import_batch=batch,
            )
    for row in parsed.rows:
        if row.links:
            actions[row.ref].related.add(*(actions[link] for link in row.links))
    return actions


@transaction.atomic
def import_new_plan(board, parsed, *, name, kind, user, cycle=None, file_name=""):
    """A new plan of `board` from a parsed file; `cycle` ({name, opens, deadline}, as the person typed
    them on the confirmation page) is created for the file's updates. Returns the plan and its actions.
    The import is recorded (a PlanImport: who, when, which file), and everything it creates carries it."""
    batch = PlanImport.objects.create(
        board=board, plan_name=name, file_name=file_name, rows=len(parsed.rows), created_by=user
    )
    plan = Plan(board=board, name=name, kind=kind, import_batch=batch)
    plan._history_user = user
    plan.save()
    update_cycle = None
    if cycle is not None:
        update_cycle = UpdateCycle(plan=plan, import_batch=batch, **cycle)
        update_cycle._history_user = user
        update_cycle.save()
    return plan, import_plan(plan, parsed, user=user, cycle=update_cycle, batch=batch)


def export_rows(actions, cycle_name, as_at=False):
    """The table of `actions`, header first; each action's newest update goes in the updates column.
    Expects `owners`, `related` and `newest_first` (updates, newest first) prefetched; or, with
    `as_at`, actions from ActionQuerySet.as_at, whose update and RAG as at its date are shown."""
    updates = cycle_name if cycle_name.lower().endswith(UPDATES_SUFFIX) else f"{cycle_name} updates"
    yield [*FIXED, updates, "RAG"]
    for action in actions:
        if as_at:
            text, rag = action.update_then, action.rag_then
        else:
            latest = action.newest_first[0] if action.newest_first else None
            text, rag = (latest.text if latest else ""), action.rag
        who = [*(g.name for g in action.owners.all()), *action.named_owner_list()]
        links = [f"(linked to {other.ref})" for other in action.related.all()]
        yield [
            str(action.theme) if action.theme else "",
            action.ref,
            action.text,
            "; ".join(who) + (" " + " ".join(links) if links else ""),
            format_when(action.due_date, action.due_note),
            action.outcome,
            text,
            rag,
        ]
