"""Geometry for the server-rendered SVG charts: the templates draw what these work out.

Charts are drawn for a small screen first: CHART_WIDTH SVG units wide with text 16 units high, so on
a 320 px phone (290 px for the page's content) the text is still 12.9 px, and a chart grows on a
wider screen only to its CSS max-width. Labels sit on their own lines above their bars, wrapped,
never cut short."""

import textwrap
from dataclasses import dataclass, field

CHART_WIDTH = 360  # SVG units; the templates' viewBox
BAR_WIDTH = CHART_WIDTH  # SVG units for the longest bar
LINE_HEIGHT = 20  # SVG units between lines of a label (its text is 16 high)
LABEL_CHARACTERS = 36  # a label's line, at 16 units, fits CHART_WIDTH
BAR_HEIGHT = 22
ROW_GAP = 12


@dataclass
class Segment:
    key: object
    value: int
    x: float
    width: float


@dataclass
class Bar:
    label: str
    total: int
    segments: list
    top: int = 0  # where its row starts
    lines: list = field(default_factory=list)  # [(y, text)]: the label, wrapped, above the bar
    bar_y: int = 0
    bottom: int = 0  # where its row ends: the last bar's bottom is the chart's height


def label_lines(label, top):
    """The label's lines, at most LABEL_CHARACTERS each, with the y of each line's baseline."""
    wrapped = textwrap.wrap(str(label), LABEL_CHARACTERS, break_long_words=True) or [""]
    return [(top + 16 + i * LINE_HEIGHT, text) for i, text in enumerate(wrapped)]


def stacked_bars(rows, width=BAR_WIDTH):
    """[(label, {key: count})] -> bars whose segments sit end to end, the longest bar `width` long,
    each below its label, one under another."""
    longest = max((sum(counts.values()) for _, counts in rows), default=0)
    bars, top = [], 0
    for label, counts in rows:
        x, segments = 0.0, []
        for key, value in counts.items():
            if value:
                length = round(width * value / longest, 1)
                segments.append(Segment(key, value, x, length))
                x = round(x + length, 1)
        lines = label_lines(label, top)
        bar_y = lines[-1][0] + 8
        bottom = bar_y + BAR_HEIGHT + ROW_GAP
        bars.append(Bar(label, sum(counts.values()), segments, top, lines, bar_y, bottom))
        top = bottom
    return bars


@dataclass
class Sparkline:
    points: str  # "x,y x,y ..." for an SVG <polyline>
    first: object
    last: object
    count: int


def sparkline(values, width=120, height=24, pad=2):
    """A small line of `values` (oldest first), scaled to fill the box; None for fewer than two."""
    values = [float(v) for v in values]
    if len(values) < 2:
        return None
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / (len(values) - 1)
    points = " ".join(
        f"{pad + i * step:.1f},{height - pad - (v - low) / span * (height - 2 * pad):.1f}"
        for i, v in enumerate(values)
    )
    return Sparkline(points, values[0], values[-1], len(values))
