"""The geometry of an indicator's line chart, for the template to draw as SVG (no JavaScript): the
values as a line broken where a figure is missing, the target as a dashed line per target period,
axes with ticks, and a sentence that says what the chart shows."""

from dataclasses import dataclass, field
from decimal import Decimal

# Drawn for a small screen first (see reports/charts.py): 360 units wide, so its 16-unit text is still
# 12.9 px on a 320 px phone; CSS lets it grow on a wider screen up to its max-width.
WIDTH, HEIGHT = 360, 240
LEFT, RIGHT, TOP, BOTTOM = 72, 36, 16, 40
MAX_LABELS = 4


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    lines: list = field(default_factory=list)  # ["x,y x,y ...", ...] value segments for <polyline>
    points: list = field(default_factory=list)  # [(x, y, label)]
    targets: list = field(default_factory=list)  # [(x1, y, x2)]
    y_ticks: list = field(default_factory=list)  # [(y, label)]
    x_ticks: list = field(default_factory=list)  # [(x, label)]
    description: str = ""


def polyline(points):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def nice_step(span):
    for step in [Decimal(n) * Decimal(10) ** e for e in range(-2, 8) for n in (1, 2, 2.5, 5)]:
        if span / step <= 5:
            return step
    return span / 5


def build(indicator, rows):
    """`rows` are the indicator's rated measurements (rating.series), oldest first."""
    chart = Chart()
    if not rows:
        chart.description = f"{indicator.code} has no figures yet."
        return chart
    numbers = [r.value for r in rows if r.value is not None]
    numbers += [r.target.value for r in rows if r.target and r.target.value is not None]
    high = max([Decimal(0), *numbers])
    low = min([Decimal(0), *numbers])
    step = nice_step((high - low) or Decimal(1))
    top = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    bottom = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    if top == bottom:
        top = bottom + step

    first, last = rows[0].period_end.toordinal(), rows[-1].period_end.toordinal()

    def x(day):
        if first == last:
            return (chart.left + chart.right) / 2
        return chart.left + (day.toordinal() - first) / (last - first) * (chart.right - chart.left)

    def y(value):
        share = float((Decimal(value) - bottom) / (top - bottom))
        return chart.bottom - share * (chart.bottom - chart.top)

    tick = bottom
    while tick <= top:
        chart.y_ticks.append((y(tick), indicator.format(tick)))
        tick += step
    every = max(1, -(-len(rows) // MAX_LABELS))
    chart.x_ticks = [(x(r.period_end), f"{r.period_end:%b %Y}") for r in rows[::every]]

    segment = []
    for row in rows:
        if row.value is None:
            if segment:
                chart.lines.append(polyline(segment))
            segment = []
            continue
        point = (x(row.period_end), y(row.value))
        segment.append(point)
        chart.points.append((*point, f"{row.period_end:%b %Y}: {indicator.format(row.value)}"))
    if segment:
        chart.lines.append(polyline(segment))

    targets = {r.target.pk: r.target for r in rows if r.target and r.target.value is not None}
    for target in targets.values():  # each target across its period, within the chart
        x1 = max(chart.left, x(target.starts)) if first != last else chart.left
        x2 = min(chart.right, x(target.ends)) if first != last else chart.right
        if x2 - x1 < 20:
            x1, x2 = max(chart.left, x2 - 20), max(chart.left, x2 - 20) + 20
        chart.targets.append((x1, y(target.value), x2))

    chart.description = describe(indicator, rows)
    return chart


def describe(indicator, rows):
    measured = [r for r in rows if r.value is not None]
    parts = [f"Line chart of {indicator.description}, {len(rows)} period ends."]
    if measured:
        a, b = measured[0], measured[-1]
        parts.append(
            f"From {indicator.format(a.value)} at {a.period_end:%-d %B %Y} "
            f"to {indicator.format(b.value)} at {b.period_end:%-d %B %Y}."
        )
    missing = len(rows) - len(measured)
    if missing:
        parts.append(f"{missing} figure{'s are' if missing > 1 else ' is'} missing.")
    latest = rows[-1]
    if latest.target and latest.target.value is not None:
        parts.append(f"Target for the latest period: {indicator.format_target(latest.target)}.")
    parts.append(f"Good performance is {indicator.get_polarity_display().lower()}.")
    return " ".join(parts)
