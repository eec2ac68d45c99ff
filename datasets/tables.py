"""A dataset's tables as at a date, year on year: one per measure and dimension (its values down, the
periods across, the total last), a cross table for a dimension broken down within another (latest
period; for one within areas or comparators, each area's table year on year), and small numbers
suppressed where the output is published and the dataset sets a threshold. A table with no figure
at all is left out. Tables are {"caption", "head", "rows"}, as the annual report draws them."""

from .figures import structure
from .models import Unit, cell_key

MAX_PERIODS = 10  # the latest periods shown across a table


def fewer_than(threshold):
    return f"fewer than {threshold}"


def shown(measure, value, threshold=None):
    """A figure as printed: "" for none; a count from 1 to threshold - 1 as "fewer than N"."""
    if value is None:
        return ""
    if threshold and measure.unit == Unit.COUNT and 0 < value < threshold:
        return fewer_than(threshold)
    return measure.format(value)


def periods_at(dataset, day):
    """The period ends of the dataset's figures on or before `day`, oldest first, the latest
    MAX_PERIODS."""
    days = dataset.figures.as_at(day).values_list("period_end", flat=True).distinct()
    return sorted(set(days))[-MAX_PERIODS:]


def values_at(dataset, days):
    """{(measure id, cell key, period end): Figure} for those periods: one query."""
    return {
        (f.measure_id, f.cell, f.period_end): f for f in dataset.figures.filter(period_end__in=days)
    }


def build(dataset, day, *, published=False):
    """(tables, chart series, periods) of `dataset` as at `day`. `published`: small numbers are
    suppressed at the dataset's threshold."""
    shape = structure(dataset)
    days = periods_at(dataset, day)
    figures = values_at(dataset, days)
    threshold = dataset.suppress_below if published else None
    labels = [dataset.period_label(d) for d in days]
    tables = []
    by_id = {d.pk: d for d in shape.dimensions}

    def cell_text(measure, key, d):
        figure = figures.get((measure.pk, key, d))
        if figure is None:
            return ""
        if figure.value is None:
            return "Not available"
        return shown(measure, figure.value, threshold)

    for measure in shape.measures:
        if not shape.dimensions and dataset.has_total:
            rows = [["Total", *(cell_text(measure, "", d) for d in days)]]
            tables.append(
                table(f"{dataset.name}: {measure.name.lower()}", [measure.name, *labels], rows)
            )
        for dimension in shape.dimensions:
            outer = by_id.get(dimension.within_id)
            if outer is None:
                rows = [
                    [v.label, *(cell_text(measure, cell_key([v]), d) for d in days)]
                    for v in dimension.values.all()
                ]
                if dataset.has_total and dimension.sums_to_total:
                    rows.append(["Total", *(cell_text(measure, "", d) for d in days)])
                caption = f"{dataset.name}: {measure.name.lower()} by {dimension.name.lower()}"
                tables.append(table(caption, [dimension.name, *labels], rows))
            elif not outer.sums_to_total:  # areas, comparators: each one's values year on year
                for o in outer.values.all():
                    rows = [
                        [v.label, *(cell_text(measure, cell_key([v, o]), d) for d in days)]
                        for v in dimension.values.all()
                    ]
                    caption = f"{dataset.name}: {measure.name.lower()}, {o.label}"
                    tables.append(table(caption, [dimension.name, *labels], rows))
            elif days:
                latest = days[-1]
                head = [dimension.name, *(o.label for o in outer.values.all())]
                rows = [
                    [
                        v.label,
                        *(cell_text(measure, cell_key([v, o]), latest) for o in outer.values.all()),
                    ]
                    for v in dimension.values.all()
                ]
                rows.append(
                    [
                        "Total",
                        *(cell_text(measure, cell_key([o]), latest) for o in outer.values.all()),
                    ]
                )
                caption = (
                    f"{dataset.name}: {measure.name.lower()} by {dimension.name.lower()} and "
                    f"{outer.name.lower()}, {labels[-1]}"
                )
                tables.append(table(caption, head, rows))
    tables = [t for t in tables if any(cell for row in t["rows"] for cell in row[1:])]
    return tables, chart_series(dataset, shape, days, figures, threshold), days


def table(caption, head, rows):
    return {"caption": caption, "head": list(head), "rows": [list(r) for r in rows]}


def chart_series(dataset, shape, days, figures, threshold):
    """The series the chart draws, year on year: the first measure's total, or without a total
    the first value of the first dimension. [(period label, value, text)]; None when nothing."""
    if not shape.measures or not days:
        return None
    measure = shape.measures[0]
    key, name = "", "total"
    if not dataset.has_total:
        first = next((d for d in shape.dimensions if d.within_id is None), None)
        value = first.values.all()[0] if first and first.values.all() else None
        if value is None:
            return None
        key, name = cell_key([value]), value.label
    points = []
    for d in days:
        figure = figures.get((measure.pk, key, d))
        number = figure.value if figure else None
        if (
            number is not None
            and threshold
            and measure.unit == Unit.COUNT
            and 0 < number < threshold
        ):
            number = None  # suppressed: not drawn either
        points.append(
            (dataset.period_label(d), number, shown(measure, figure and figure.value, threshold))
        )
    if all(p[1] is None for p in points):
        return None
    return {"title": f"{measure.name}: {name}, by period", "points": points}


def headlines(dataset, day, *, published=False):
    """The dataset's headline figures as at `day`: each cell of headline values (every value of
    the cell a headline; the total where no value is one), per measure, its latest figure on or
    before `day` and the one before it. [(label, (period, text) or None, (period, text))]: four
    queries."""
    shape = structure(dataset)
    cells = [c for c in shape.cells if c.values and all(v.headline for v in c.values)]
    if not cells and dataset.has_total:
        cells = [shape.cell("")]
    if not cells:
        return []
    threshold = dataset.suppress_below if published else None
    found = {}
    for figure in (
        dataset.figures.as_at(day)
        .filter(cell__in=[c.key for c in cells], value__isnull=False)
        .order_by("period_end")
    ):
        found.setdefault((figure.measure_id, figure.cell), []).append(figure)
    rows = []
    for cell in cells:
        for measure in shape.measures:
            series = found.get((measure.pk, cell.key))
            if not series:
                continue
            points = [
                (dataset.period_label(f.period_end), shown(measure, f.value, threshold))
                for f in series[-2:]
            ]
            label = f"{cell.label}, {measure.name[:1].lower()}{measure.name[1:]}"
            rows.append((label, points[0] if len(points) > 1 else None, points[-1]))
    return rows
