"""Geometry for the server-rendered SVG charts: the templates draw what these work out."""

from dataclasses import dataclass

BAR_WIDTH = 400  # SVG units for the longest bar


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


def stacked_bars(rows, width=BAR_WIDTH):
    """[(label, {key: count})] -> bars whose segments sit end to end, the longest bar `width` long."""
    longest = max((sum(counts.values()) for _, counts in rows), default=0)
    bars = []
    for label, counts in rows:
        x, segments = 0.0, []
        for key, value in counts.items():
            if value:
                length = round(width * value / longest, 1)
                segments.append(Segment(key, value, x, length))
                x = round(x + length, 1)
        bars.append(Bar(label, sum(counts.values()), segments))
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
