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
