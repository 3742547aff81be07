"""The geometry of the dashboard's charts, drawn as SVG by plain templates: scales, bars,
columns and the points of a line, in the SVG's own units. Pure Python, no Django: the
templates only place what this module computed, and label it.

A value axis always starts at zero and ends at a round number (1, 2, 2.5 or 5 times a power
of ten) at or above the largest value, so a bar's length compares with the others' honestly.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

TICKS = 4


# Tick steps: these times a power of ten (the axis ends at TICKS steps).
STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice_step(raw: float, *, whole: bool = False) -> float:
    """The smallest round step (STEPS times a power of ten) of at least `raw`; a whole
    number when `whole` (counts of people or applications have no fractions)."""
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in STEPS:
        step = multiple * power
        if whole and (step < 1 or not float(step).is_integer()):
            continue
        if step >= raw * (1 - 1e-12):
            return float(step)
    return 10 * power  # pragma: no cover (10 times the power always qualifies)


def nice_ceiling(value: float, *, whole: bool = False) -> float:
    """Where an axis for values up to `value` ends: TICKS round steps, the smallest that
    reach it. Zero, a negative value or no value at all give an axis of TICKS (whole) or 1,
    so an empty chart still has a scale."""
    if not value or value <= 0 or math.isnan(value) or math.isinf(value):
        return float(TICKS) if whole else 1.0
    return TICKS * nice_step(value / TICKS, whole=whole)


@dataclass(frozen=True)
class Tick:
    value: float
    at: float  # position along the value axis, in SVG units


def ticks(top: float, *, start: float, end: float, count: int = TICKS) -> list[Tick]:
    """`count` + 1 evenly spaced ticks from 0 at `start` to `top` at `end`."""
    return [
        Tick(value=top * n / count, at=round(start + (end - start) * n / count, 2))
        for n in range(count + 1)
    ]


def scale(value: float, *, top: float, length: float) -> float:
    """`value` as a length on an axis of `length` units that ends at `top` (clamped)."""
    if top <= 0:
        return 0.0
    return round(max(0.0, min(value, top)) / top * length, 2)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float

    @property
    def end(self) -> float:
        """Where a horizontal bar ends (its value is written just after)."""
        return round(self.x + self.width, 2)

    @property
    def middle(self) -> float:
        return round(self.y + self.height / 2, 2)


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one row per item, labels to the left of the plot."""

    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    bars: list[Bar]
    ticks: list[Tick]


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    whole: bool = True,
    width: float = 480,
    label_width: float = 150,
    value_room: float = 70,
    row: float = 24,
    top: float = 8,
    axis_room: float = 22,
) -> BarChart:
    """One horizontal bar per (label, value), in the order given."""
    plot_left, plot_right = label_width, width - value_room
    plot_bottom = top + row * max(len(items), 1)
    high = nice_ceiling(max((value for _label, value in items), default=0), whole=whole)
    bars = [
        Bar(
            label=label,
            value=value,
            x=plot_left,
            y=round(top + row * n + row * 0.15, 2),
            width=scale(value, top=high, length=plot_right - plot_left),
            height=round(row * 0.7, 2),
        )
        for n, (label, value) in enumerate(items)
    ]
    return BarChart(
        width=width,
        height=plot_bottom + axis_room,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=top,
        plot_bottom=plot_bottom,
        bars=bars,
        ticks=ticks(high, start=plot_left, end=plot_right),
    )


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Label:
    text: str
    x: float


@dataclass(frozen=True)
class TimeChart:
    """Columns per day on the left axis and/or a line on the right one (the left one when
    there are no columns), with a few day labels under the plot."""

    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    columns: list[Bar]
    points: list[Point]
    left_ticks: list[Tick]
    right_ticks: list[Tick]
    labels: list[Label]

    @property
    def polyline(self) -> str:
        """The line's points in the form of SVG's `points` attribute."""
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def label_indexes(count: int, *, most: int = 6) -> list[int]:
    """Which of `count` days get a label: the first, the last, and evenly spaced ones
    between, never more than `most`."""
    if count <= 0:
        return []
    if count <= most:
        return list(range(count))
    step = math.ceil((count - 1) / (most - 1))
    chosen = list(range(0, count - 1, step))
    if count - 1 - chosen[-1] < step / 2 and len(chosen) > 1:
        chosen.pop()  # too close to the last label to be readable
    return [*chosen, count - 1]


def time_chart(
    labels: Sequence[str],
    *,
    columns: Sequence[float] | None = None,
    line: Sequence[float] | None = None,
    whole: bool = True,
    columns_at_least: float = 0,
    line_at_least: float = 0,
    width: float = 600,
    height: float = 240,
    left_room: float = 64,
    right_room: float = 64,
    top: float = 10,
    bottom_room: float = 26,
) -> TimeChart:
    """Days along x (one slot per label); `columns` as bars on the left axis, `line` as a
    polyline on the right axis (on the left one without columns). An axis reaches at
    least `..._at_least` (100 for percentages, so 100 % is the same height every day);
    `whole`: the values are counts, so the ticks are whole numbers."""
    count = len(labels)
    plot_left, plot_right = left_room, width - (right_room if columns and line else 16)
    plot_top, plot_bottom = top, height - bottom_room
    plot_height = plot_bottom - plot_top
    slot = (plot_right - plot_left) / max(count, 1)
    column_top = nice_ceiling(max(*columns, columns_at_least), whole=whole) if columns else 0.0
    line_axis = nice_ceiling(max(*line, line_at_least), whole=whole) if line else 0.0
    bars = [
        Bar(
            label=labels[n],
            value=value,
            x=round(plot_left + slot * n + slot * 0.1, 2),
            y=round(plot_bottom - scale(value, top=column_top, length=plot_height), 2),
            width=round(max(slot * 0.8, 0.5), 2),
            height=scale(value, top=column_top, length=plot_height),
        )
        for n, value in enumerate(columns or [])
    ]
    points = [
        Point(
            x=round(plot_left + slot * (n + 0.5), 2),
            y=round(plot_bottom - scale(value, top=line_axis, length=plot_height), 2),
        )
        for n, value in enumerate(line or [])
    ]
    left_top = column_top if columns else line_axis
    return TimeChart(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        columns=bars,
        points=points,
        left_ticks=ticks(left_top, start=plot_bottom, end=plot_top) if count else [],
        right_ticks=(
            ticks(line_axis, start=plot_bottom, end=plot_top) if columns and line and count else []
        ),
        labels=[
            Label(text=labels[n], x=round(plot_left + slot * (n + 0.5), 2))
            for n in label_indexes(count)
        ],
    )
