"""A dataset's grid of cells, the check that its parts add up to their totals, and saving a period's
figures (entered in a form or imported) with who made each change and why a stored one changed.

The grid: the total (when the dataset has one), each value of each dimension, and for a dimension
broken down within another each pair (employer within category). Parts must add up once every part
of a whole has its figure: the values of a dimension that adds up, to the total; the pairs within a
value, to that value's figure. A period given in part (a year the seed prints only the total and one
category of) is not checked until it is complete."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from .models import Figure, cell_key


@dataclass
class Cell:
    key: str
    label: str
    dimension: object = None  # the dimension whose value(s) it is; None for the total
    values: tuple = ()


@dataclass
class Structure:
    """A dataset's dimensions (with their values), measures and cells: three queries."""

    dataset: object
    dimensions: list
    measures: list
    cells: list = field(default_factory=list)

    def cell(self, key):
        return next((c for c in self.cells if c.key == key), None)


def structure(dataset):
    dimensions = list(dataset.dimensions.prefetch_related("values"))
    measures = list(dataset.measures.all())
    cells = [Cell("", "Total")] if dataset.has_total else []
    by_id = {d.pk: d for d in dimensions}
    for dimension in dimensions:
        outer = by_id.get(dimension.within_id)
        if outer is None:
            cells += [Cell(cell_key([v]), v.label, dimension, (v,)) for v in dimension.values.all()]
            continue
        for o in outer.values.all():
            cells += [
                Cell(cell_key([v, o]), f"{o.label}: {v.label}", dimension, (v, o))
                for v in dimension.values.all()
            ]
    return Structure(dataset, dimensions, measures, cells)


def total_problems(shape, values):
    """What does not add up in one period's figures, {(measure id, cell key): value or None}."""
    problems = []
    by_id = {d.pk: d for d in shape.dimensions}
    for measure in shape.measures:
        for dimension in shape.dimensions:
            if not dimension.sums_to_total:
                continue
            outer = by_id.get(dimension.within_id)
            wholes = (
                [("", "the total", ())]
                if outer is None
                else [(cell_key([o]), o.label, (o,)) for o in outer.values.all()]
            )
            for key, name, outside in wholes:
                if outer is None and not shape.dataset.has_total:
                    continue
                whole = values.get((measure.pk, key))
                parts = [
                    values.get((measure.pk, cell_key([v, *outside])))
                    for v in dimension.values.all()
                ]
                if whole is None or None in parts or sum(parts) == whole:
                    continue  # checked once every part has its figure
                problems.append(
                    f"{measure.name}: the figures by {dimension.name.lower()}"
                    f"{'' if outer is None else f' within {name}'} add up to "
                    f"{measure.format(sum(parts))}, but "
                    f"{'the total' if outer is None else f'the figure for {name}'} is "
                    f"{measure.format(whole)}"
                )
    return problems


def stored(dataset, period_end):
    """{(measure id, cell key): Figure} of one period."""
    return {(f.measure_id, f.cell): f for f in dataset.figures.filter(period_end=period_end)}


def merged(dataset, period_end, changes):
    """The period's values once `changes` ({(measure id, key): value or None}) are applied."""
    values = {k: f.value for k, f in stored(dataset, period_end).items() if f.value is not None}
    for k, value in changes.items():
        if value is None:
            values.pop(k, None)
        else:
            values[k] = value
    return values


def apply(dataset, period_end, changes, *, user, source="", reason="", notes=None, batch=None):
    """Save one period's figures: `changes` is {(measure id, cell key): Decimal or None}; None
    deletes a stored figure. A stored figure whose value changes keeps `reason` in its history.
    Returns (added, changed, deleted)."""
    notes = notes or {}
    existing = stored(dataset, period_end)
    added = changed = deleted = 0
    with transaction.atomic():
        for (measure_id, key), value in changes.items():
            figure = existing.get((measure_id, key))
            note = notes.get((measure_id, key))
            if figure is None:
                if value is None and not note:
                    continue
                figure = Figure(
                    dataset=dataset,
                    measure_id=measure_id,
                    period_end=period_end,
                    cell=key,
                    value=value,
                    source=source,
                    note=note or "",
                    import_batch=batch,
                )
                added += 1
            elif value is None and not note:
                figure._history_user = user
                figure._change_reason = reason or "No figure for the period"
                figure.delete()
                deleted += 1
                continue
            elif figure.value == value and (note is None or note == figure.note):
                continue
            else:
                figure.value = value
                if note is not None:
                    figure.note = note
                figure.source = source or figure.source
                figure.import_batch = batch or figure.import_batch
                figure._change_reason = reason
                changed += 1
            figure._history_user = user
            figure.save()
    return added, changed, deleted


def as_decimal(value):
    return None if value is None else Decimal(value)
