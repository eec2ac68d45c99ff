"""The geometry of a dataset's bar chart, period on period, for the template to draw as SVG (no
JavaScript). Drawn for a small screen first, as reports/charts.py: 360 units wide, each bar below its
label, so 16-unit text stays 12.9 px on a 320 px phone. The table beside it gives the same numbers."""

from dataclasses import dataclass, field

WIDTH = 360
LABEL_HEIGHT = 20
BAR_HEIGHT = 22
GAP = 12
VALUE_ROOM = 90  # units kept at the right of the longest bar for its number


@dataclass
class Bar:
    label: str  # the period, and its value in words
    text: str
    label_y: int
    bar_y: int
    width: float
    text_x: float


@dataclass
class Chart:
    title: str
    width: int = WIDTH
    height: int = 0
    bars: list = field(default_factory=list)
    description: str = ""


def build(series):
    """`series` from tables.chart_series: {"title", "points": [(label, value or None, text)]}."""
    if not series:
        return None
    chart = Chart(series["title"])
    longest = max((p[1] for p in series["points"] if p[1] is not None), default=0) or 1
    y = 0
    for label, value, text in series["points"]:
        width = (
            0 if value is None else round(float(value) / float(longest) * (WIDTH - VALUE_ROOM), 1)
        )
        shown = text or "No figure"
        chart.bars.append(Bar(label, shown, y + 16, y + LABEL_HEIGHT + 4, width, width + 6))
        y += LABEL_HEIGHT + 4 + BAR_HEIGHT + GAP
    chart.height = y
    described = "; ".join(f"{label}: {text or 'no figure'}" for label, _, text in series["points"])
    chart.description = f"Bar chart of {series['title'].lower()}. {described}."
    return chart
