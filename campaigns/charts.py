"""Geometry for the server-rendered SVG charts. Templates draw them; a table beside each
chart carries the same numbers for screen readers and for anyone who prefers figures."""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 230
CHART_WIDTH = 640
COLUMN_AREA_HEIGHT = 160


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: int
    y: int
    width: int
    height: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    orientation: str  # "horizontal" bars (categories) or "vertical" columns (time)


def bar_chart(title: str, rows: list[tuple[str, int]]) -> Chart:
    """Horizontal bars, one per category, scaled to the largest value."""
    peak = max((value for _, value in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = max(1, round(room * value / peak)) if value else 0
        bars.append(
            Bar(
                str(label),
                value,
                LABEL_WIDTH,
                y,
                width,
                BAR_HEIGHT,
                LABEL_WIDTH + width + 6,
                y + BAR_HEIGHT - 6,
            )
        )
    height = max(len(rows) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT)
    return Chart(title, bars, CHART_WIDTH, height, "horizontal")


def column_chart(title: str, rows: list[tuple[str, int]]) -> Chart:
    """Vertical columns over time, labelled below by period."""
    peak = max((value for _, value in rows), default=0) or 1
    count = max(len(rows), 1)
    slot = max(8, min(60, (CHART_WIDTH - 20) // count))
    bars = []
    for index, (label, value) in enumerate(rows):
        height = max(1, round(COLUMN_AREA_HEIGHT * value / peak)) if value else 0
        x = 10 + index * slot
        bars.append(
            Bar(
                str(label),
                value,
                x,
                20 + COLUMN_AREA_HEIGHT - height,
                max(slot - 4, 4),
                height,
                x + slot // 2,
                14 + COLUMN_AREA_HEIGHT - height,
            )
        )
    return Chart(title, bars, max(CHART_WIDTH, 20 + count * slot), COLUMN_AREA_HEIGHT + 30, "vertical")
