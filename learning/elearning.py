"""E-learning completions from the provider's export (department, allocated, passed): every row
checked first, all imported or none; departments new to the board are added, to map to its agencies
and sectors; a year imported again replaces its earlier import."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from core.column_mapping import Field, header_of, recognise

from .models import ElearningCompletion, ElearningDepartment, ElearningImport

FIELDS = [
    Field("department", "Department", True, ("department", "dept", "organisation", "group")),
    Field(
        "allocated",
        "Total",
        True,
        ("total", "allocated", "allocations", "courses allocated", "enrolled"),
    ),
    Field("passed", "Passed", True, ("passed", "passes", "completed", "completions")),
]


def number(text):
    text = (text or "").strip().replace(",", "")
    return int(text) if text.isdigit() else None


def parse(table):
    """(rows as (department, allocated, passed), errors as (row number, reason))."""
    columns, problems = recognise(header_of(table), FIELDS)
    if problems:
        return [], [(1, p[0].upper() + p[1:]) for p in problems]
    rows, errors, seen = [], [], {}
    for line, cells in enumerate(table[1:], start=2):
        if not any((c or "").strip() for c in cells):
            continue
        value = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
        department = (value["department"] or "").strip()
        allocated, passed = number(value["allocated"]), number(value["passed"])
        if not department:
            errors.append((line, "The department is empty"))
        elif len(department) > 200:
            errors.append((line, "The department is longer than 200 characters"))
        elif department.lower() in seen:
            errors.append((line, f"“{department}” is also on row {seen[department.lower()]}"))
        if allocated is None or passed is None:
            errors.append((line, "Total and Passed must be whole numbers"))
        elif passed > allocated:
            errors.append((line, f"{passed} passed is more than the {allocated} allocated"))
        seen.setdefault(department.lower(), line)
        rows.append((department, allocated, passed))
    if not rows and not errors:
        errors.append((1, "The file has no rows under its headings"))
    return rows, errors


@transaction.atomic
def import_rows(board, year, rows, *, user, file_name=""):
    """Store a checked file's rows as the board's e-learning for `year`; the import."""
    now = timezone.now()
    for earlier in ElearningImport.objects.filter(board=board, year=year, undone_at__isnull=True):
        earlier.undone_at, earlier.undone_by = now, user
        earlier.undo_reason = "Replaced by a later import of the same year"
        earlier.save()
    batch = ElearningImport.objects.create(
        board=board, year=year, file_name=file_name[:255], rows=len(rows), created_by=user
    )
    known = {d.name.lower(): d for d in ElearningDepartment.objects.filter(board=board)}
    for name, allocated, passed in rows:
        department = known.get(name.lower())
        if department is None:
            department = ElearningDepartment(board=board, name=name)
            department._history_user = user
            department.save()
            known[name.lower()] = department
        ElearningCompletion.objects.create(
            batch=batch, department=department, allocated=allocated, passed=passed
        )
    return batch


def rate(passed, allocated):
    return round(100 * passed / allocated) if allocated else None


def by_department(board, *, until_year=None):
    """(years, [(department, {year: (passed, allocated)})], {year: (passed, allocated)}) from each
    year's current import."""
    completions = ElearningCompletion.objects.filter(
        batch__board=board, batch__undone_at__isnull=True
    ).select_related("department__agency", "batch")
    if until_year is not None:
        completions = completions.filter(batch__year__lte=until_year)
    table, totals = defaultdict(dict), defaultdict(lambda: [0, 0])
    departments = {}
    for c in completions:
        departments[c.department_id] = c.department
        table[c.department_id][c.batch.year] = (c.passed, c.allocated)
        totals[c.batch.year][0] += c.passed
        totals[c.batch.year][1] += c.allocated
    years = sorted(totals)
    ordered = sorted(departments.values(), key=lambda d: d.name.lower())
    return years, [(d, table[d.pk]) for d in ordered], {y: tuple(t) for y, t in totals.items()}
