"""Plans in and out of spreadsheets, in the column order boards keep them in (the seed's table):

Theme, Ref, Action, Who, When, What we are trying to achieve, <cycle name> updates, RAG

Import reads every row first and reports every bad row with its reason; only a file without errors is
imported, all at once.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from core.rag import Rag
from core.spreadsheets import too_many_rows, unsafe_cell
from subgroups.models import normalise

from .models import Action, Theme, Update, UpdateCycle, owners_text

FIXED = ["Theme", "Ref", "Action", "Who", "When", "What we are trying to achieve"]
UPDATES_SUFFIX = "updates"
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
    cycle_name: str
    rows: list
    errors: list  # (line, message)


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


def parse(table, board):
    """Check every row of `table` against `board`'s groups; nothing is written."""
    errors, rows = [], []
    if not table:
        return Parsed("", [], [(1, "The file is empty")])
    if too_many := too_many_rows(table, "actions"):
        return Parsed("", [], [too_many])
    header = [cell.strip() for cell in table[0]] + [""] * 8
    if header[:6] != FIXED or not header[6].lower().endswith(UPDATES_SUFFIX) or header[7] != "RAG":
        expected = ", ".join([*FIXED, "<cycle name> updates", "RAG"])
        return Parsed("", [], [(1, f"The columns must be, in this order: {expected}")])
    groups = {}
    for group in board.subgroups.all():
        for name in group.names():
            groups[name] = group
    seen = {}
    for line, cells in enumerate(table[1:], start=2):
        cells = [unsafe_cell((c or "").strip()) for c in cells] + [""] * 8
        if not any(cells[:8]):
            continue
        theme_cell, ref, text, who, when, outcome, update_text, rag_cell = cells[:8]
        problems = []
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
    return Parsed(header[6], rows, sorted(errors))


@transaction.atomic
def import_plan(plan, parsed, *, user, cycle_dates=None, imported_on=None):
    """Create the themes, actions and updates of a parsed file in `plan`. Call only without errors."""
    if parsed.errors:
        raise PlanImportError("The file has errors; nothing was imported")
    cycle = None
    if any(row.update_text or row.rag for row in parsed.rows):
        opens, deadline = cycle_dates or (timezone.localdate(), timezone.localdate())
        cycle, _ = UpdateCycle.objects.get_or_create(
            plan=plan, name=parsed.cycle_name, defaults={"opens": opens, "deadline": deadline}
        )
    themes = {}
    actions = {}
    for row in parsed.rows:
        theme = None
        if row.theme_number is not None:
            theme = themes.get(row.theme_number)
            if theme is None:
                theme, _ = Theme.objects.get_or_create(
                    plan=plan, number=row.theme_number, defaults={"title": row.theme_title}
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
            )
    for row in parsed.rows:
        if row.links:
            actions[row.ref].related.add(*(actions[link] for link in row.links))
    return actions


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
