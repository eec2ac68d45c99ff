"""The library of standard datasets, shipped as data (datasets/library/*.toml, each with its source):
a board adds one with one choice, and gets its dimensions, values and measures as the national
returns define them, to change afterwards if it must."""

import tomllib
from functools import cache
from pathlib import Path

from django.db import transaction

from boards.models import BoardKind

from .models import Dataset, Dimension, DimensionValue, Measure

LIBRARY = Path(__file__).parent / "library"


@cache
def entries():
    """{key: the entry's data}, in the order of their file names."""
    found = {}
    for path in sorted(LIBRARY.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found[data["key"]] = data
    return found


def choices(board):
    """(key, name) of the entries for the board's kind that it has not added yet."""
    added = set(board.datasets.values_list("library_key", flat=True))
    kind = "adults" if board.kind == BoardKind.ADULTS else "children"
    return [
        (key, entry["name"])
        for key, entry in entries().items()
        if key not in added and kind in entry.get("boards", ["children", "adults"])
    ]


@transaction.atomic
def add(board, key, *, user, agency=None, name=None, entry=None):
    """The library's dataset `key` added to `board` (its name made unique if the board has one).
    `name` names it otherwise; `entry` (the shape of a library file) defines a board's own dataset,
    with `key` empty."""
    entry = entry or entries()[key]
    base = name or entry["name"]
    name, n = base, 1
    while board.datasets.filter(name__iexact=name).exists():
        n += 1
        name = f"{base} ({n})"
    dataset = Dataset(
        board=board,
        name=name,
        description=entry.get("description", "").strip(),
        agency=agency,
        period_kind=entry.get("period_kind", "year"),
        source=entry.get("source", ""),
        has_total=entry.get("has_total", True),
        suppress_below=entry.get("suppress_below"),
        library_key=key,
    )
    save(dataset, user)
    for order, spec in enumerate(entry.get("measures", [])):
        save(
            Measure(
                dataset=dataset,
                name=spec["name"],
                unit=spec.get("unit", "count"),
                decimals=spec.get("decimals", 0),
                order=order,
            ),
            user,
        )
    made = {}
    for order, spec in enumerate(entry.get("dimensions", [])):
        dimension = Dimension(
            dataset=dataset,
            name=spec["name"],
            order=order,
            sums_to_total=spec.get("sums_to_total", True),
            within=made.get(spec.get("within")),
        )
        made[spec["name"]] = save(dimension, user)
        headlines = set(spec.get("headline", []))
        for position, label in enumerate(spec["values"]):
            value = DimensionValue(
                dimension=dimension, label=label, order=position, headline=label in headlines
            )
            save(value, user)
    return dataset


def save(obj, user):
    obj._history_user = user
    obj.save()
    return obj
