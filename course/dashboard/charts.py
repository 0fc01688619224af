"""Charts drawn on the server as SVG: completion over time (a line) and the stage funnel (bars).

Everything the template draws is worked out here in viewBox units, together
with the rows of the table that gives the same figures as text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel.numbers import format_percent
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _

from course.dates import format_axis_day, format_day

MAX_X_TICKS = 6
MAX_MARKERS = 31  # beyond about a month of days, dots would merge into the line


@dataclass(frozen=True)
class Frame:
    """The viewBox and, inside it, the plot area."""

    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@dataclass(frozen=True)
class Tick:
    position: float  # x for the time axis, y for the value axis
    label: str
    anchor: str = "middle"
    is_minor: bool = False  # left out on narrow screens, where labels would collide


@dataclass(frozen=True)
class Marker:
    x: float
    y: float


@dataclass(frozen=True)
class Row:
    """One row of the table under a chart: a heading cell and its values."""

    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class _Labelled:
    id: str
    title: str
    description: str

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"

    @property
    def labelled_by(self) -> str:
        return f"{self.title_id} {self.desc_id}"


@dataclass(frozen=True)
class LineChart(_Labelled):
    value_label: str
    frame: Frame
    line: str  # polyline points
    area: str  # path under the line, down to the axis
    markers: tuple[Marker, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    headers: tuple[str, str]
    rows: tuple[Row, ...]

    @property
    def is_empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class Bar:
    label: str
    label_y: float
    bar_y: float
    width: float
    value: str  # count and percentage, printed beside the bar
    value_y: float


@dataclass(frozen=True)
class BarChart(_Labelled):
    frame: Frame
    track_width: float
    bar_height: float
    value_x: float
    bars: tuple[Bar, ...]
    headers: tuple[str, str, str]
    rows: tuple[Row, ...]

    @property
    def is_empty(self) -> bool:
        return not self.bars


# Completion over time ----------------------------------------------------

LINE_FRAME = Frame(600, 260, left=64, top=30, right=584, bottom=224)


def completion_chart(points: list[tuple[date, float]], *, maximum: float, title: str, description: str,
                     value_label: str, chart_id: str, percent: bool = False) -> LineChart:
    """A line over ``points`` (a day and a value each) on an axis from 0 to ``maximum``.

    With ``percent`` the values are percentages (0 to 100) and labelled as such.
    """
    points = sorted(points)
    frame = LINE_FRAME
    values = [value for _day, value in points]
    whole = all(float(v).is_integer() for v in [maximum, *values])
    top = max([maximum, *values, 0]) or 1
    step = _nice_step(top / 4, whole)
    first, last = (points[0][0], points[-1][0]) if points else (date.min, date.min)
    span = (last - first).days

    def x_of(day: date) -> float:
        if span == 0:
            return (frame.left + frame.right) / 2
        return frame.left + (day - first).days / span * (frame.right - frame.left)

    def y_of(value: float) -> float:
        return frame.bottom - min(max(value, 0), top) / top * (frame.bottom - frame.top)

    coordinates = [(x_of(day), y_of(value)) for day, value in points]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    area = ""
    if len(coordinates) > 1:
        area = (f"M{coordinates[0][0]:.1f},{frame.bottom:.1f} L" + " L".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
                + f" L{coordinates[-1][0]:.1f},{frame.bottom:.1f} Z")
    shown = coordinates if len(coordinates) <= MAX_MARKERS else coordinates[-1:]
    y_ticks = tuple(Tick(round(y_of(value), 1), _format_value(value, percent), "end")
                    for value in _multiples(step, top))
    x_ticks = _day_ticks(first, span, x_of) if points else ()
    rows = tuple(Row(format_day(day), (_format_value(value, percent),)) for day, value in points)
    return LineChart(chart_id, title, description, value_label, frame, line, area,
                     tuple(Marker(round(x, 1), round(y, 1)) for x, y in shown), x_ticks, y_ticks,
                     (_("Date"), value_label), rows)


def _nice_step(raw: float, whole: bool) -> float:
    """The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least ``raw``."""
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return max(1, math.ceil(step)) if whole else step


def _multiples(step: float, top: float) -> list[float]:
    return [index * step for index in range(int(top / step + 1e-9) + 1)]


def _day_ticks(first: date, span: int, x_of) -> tuple[Tick, ...]:
    """At most MAX_X_TICKS evenly spread days, the first and last among them."""
    count = min(MAX_X_TICKS, span + 1)
    if count == 1:
        return (Tick(round(x_of(first), 1), _short_date(first, first)),)
    offsets = sorted({round(index * span / (count - 1)) for index in range(count)})
    days = [date.fromordinal(first.toordinal() + offset) for offset in offsets]
    # On a phone only the first, the middle and the last label fit.
    kept = {0, len(days) - 1, round((len(days) - 1) / 2)}
    long_steps = span / (len(days) - 1) >= 31
    ticks = []
    for index, day in enumerate(days):
        anchor = "start" if index == 0 else "end" if index == len(days) - 1 else "middle"
        label = _short_date(day, days[0], days[-1], by_month=long_steps)
        ticks.append(Tick(round(x_of(day), 1), label, anchor, index not in kept))
    return tuple(ticks)


def _short_date(day: date, first: date, last: date | None = None, *, by_month: bool = False) -> str:
    """Day and month; with the year when the range crosses one, only month and year for long steps."""
    return format_axis_day(day, with_year=last is not None and first.year != last.year, by_month=by_month)


def _format_value(value: float, percent: bool) -> str:
    if percent:
        return _percent(value / 100)
    return format_decimal(value, "#,##0.#")


def _percent(share: float) -> str:
    """A share as a percentage with at most one decimal, in the page's language."""
    # As a decimal: the float round(…) / 100 would print its binary fraction, 33.299999999999997%.
    return format_percent(Decimal(str(round(share * 100, 1))) / 100, locale=get_locale(), decimal_quantization=False)


def format_share(share: float) -> str:
    """A share (0 to 1) as the charts print it."""
    return _percent(share)


def completion_summary(points: list[tuple[date, float]], *, percent: bool = True) -> str:
    """One sentence for a completion chart's description, e.g. "From 3 Nov to 21 Nov, completion rose from 0% to 42%."

    Without ``percent`` the values are counted as lessons.
    """
    points = sorted(points)
    if not points:
        return _("No lesson has been completed yet.")

    def value(number: float) -> str:
        if percent:
            return _format_value(number, True)
        return ngettext("%(num)s lesson", "%(num)s lessons", round(number))

    (start, first), (end, last) = points[0], points[-1]
    if start == end:
        return _("On %(date)s, completion stood at %(value)s.", date=_short_date(end, end), value=value(last))
    dates = {"start": _short_date(start, start, end), "end": _short_date(end, start, end)}
    if last > first:
        return _("From %(start)s to %(end)s, completion rose from %(first)s to %(last)s.",
                 first=value(first), last=value(last), **dates)
    if last < first:
        return _("From %(start)s to %(end)s, completion fell from %(first)s to %(last)s.",
                 first=value(first), last=value(last), **dates)
    return _("From %(start)s to %(end)s, completion stayed at %(value)s.", value=value(last), **dates)


# Stage funnel -------------------------------------------------------------

BAR_WIDTH = 600
BAR_ROW = 56  # a label line above each bar, the bar, and a gap
BAR_HEIGHT = 20
VALUE_ROOM = 130  # right of the bars, for "30 (100%)"


def funnel_chart(bars: list[tuple[str, int]], *, total: int, title: str, description: str, chart_id: str,
                 label_header: str | None = None, count_header: str | None = None) -> BarChart:
    """One horizontal bar per ``(label, count)``, as long as count is a part of ``total``."""
    track = BAR_WIDTH - VALUE_ROOM
    frame = Frame(BAR_WIDTH, max(len(bars), 1) * BAR_ROW, left=0, top=0, right=track, bottom=len(bars) * BAR_ROW)
    drawn, rows = [], []
    for index, (label, count) in enumerate(bars):
        share = min(max(count / total, 0), 1) if total > 0 else 0
        shown_share = _percent(share)
        row_top = index * BAR_ROW
        drawn.append(Bar(label, row_top + 16, row_top + 24, round(track * share, 1),
                         _("%(count)s (%(share)s)", count=format_decimal(count), share=shown_share), row_top + 39))
        rows.append(Row(label, (format_decimal(count), shown_share)))
    headers = (label_header or _("Stage"), count_header or _("Learners"),
               _("Share of %(total)s", total=format_decimal(total)))
    return BarChart(chart_id, title, description, frame, track, BAR_HEIGHT, track + 10, tuple(drawn), headers,
                    tuple(rows))


# Answers side by side ------------------------------------------------------

GROUPED_FRAME = Frame(600, 290, left=52, top=56, right=592, bottom=250)
SERIES_CLASSES = ("chart__bar--before", "chart__bar--after", "chart__bar--later")
SERIES_FILLS = ("#9bb5b4", "#0f5c5a", "#b7791f")
LEGEND_STEP = 200  # room for "90 Tage später" beside its swatch at a phone's text size


@dataclass(frozen=True)
class GroupBar:
    x: float
    y: float
    width: float
    height: float
    series: int
    css_class: str
    fill: str


@dataclass(frozen=True)
class LegendItem:
    label: str
    x: float
    css_class: str
    fill: str


@dataclass(frozen=True)
class GroupedBarChart(_Labelled):
    frame: Frame
    bars: tuple[GroupBar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    legend: tuple[LegendItem, ...]
    headers: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def is_empty(self) -> bool:
        return not self.bars


def grouped_bar_chart(groups: list[str], series: list[tuple[str, list[float]]], *, title: str, description: str,
                      chart_id: str, headers: tuple[str, ...], rows: tuple[Row, ...]) -> GroupedBarChart:
    """Vertical bars side by side: for each of ``groups`` (e.g. the answers of a scale) one bar per series
    (a label and a share from 0 to 1 per group), on a percentage axis; ``rows`` give the figures as a table."""
    frame = GROUPED_FRAME
    top = max([share for _label, shares in series for share in shares] + [0.01])
    step = _nice_step(top * 100 / 4, True) / 100
    top = step * math.ceil(top / step - 1e-9)
    slot = (frame.right - frame.left) / max(len(groups), 1)
    width = slot * 0.8 / max(len(series), 1)
    bars = []
    for index in range(len(groups)):
        for number, (_label, shares) in enumerate(series):
            height = (frame.bottom - frame.top) * min(shares[index] / top, 1)
            x = frame.left + index * slot + slot * 0.1 + number * width
            bars.append(GroupBar(round(x, 1), round(frame.bottom - height, 1), round(width, 1), round(height, 1),
                                 number, SERIES_CLASSES[number], SERIES_FILLS[number]))
    x_ticks = tuple(Tick(round(frame.left + (index + 0.5) * slot, 1), label) for index, label in enumerate(groups))
    y_ticks = tuple(Tick(round(frame.bottom - value / top * (frame.bottom - frame.top), 1), _percent(value), "end")
                    for value in _multiples(step, top + 1e-9))
    legend = tuple(LegendItem(label, number * LEGEND_STEP, SERIES_CLASSES[number], SERIES_FILLS[number])
                   for number, (label, _shares) in enumerate(series))
    return GroupedBarChart(chart_id, title, description, frame, tuple(bars), x_ticks, y_ticks, legend, headers, rows)
