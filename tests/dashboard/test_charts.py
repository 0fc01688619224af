"""Server-drawn charts: geometry inside the viewBox, thinned date labels, empty states, accessible markup."""
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from course.dashboard.charts import (
    MAX_X_TICKS,
    completion_chart,
    completion_summary,
    funnel_chart,
    grouped_bar_chart,
)
from course.dashboard.charts import Row as TableRow

SVG = "{http://www.w3.org/2000/svg}"
START = date(2025, 11, 3)


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def days(count, step=1.0, start=START):
    return [(start + timedelta(days=index), index * step) for index in range(count)]


def line(points, maximum=100, **extra):
    return completion_chart(points, maximum=maximum, title="Completion", description="How it went.",
                            value_label="Lessons completed", chart_id="completion", **extra)


def coordinates(chart):
    return [tuple(map(float, pair.split(","))) for pair in chart.line.split()]


def render(app, macro, chart):
    template = app.jinja_env.from_string(f'{{% from "dashboard/_charts.html" import {macro} %}}{{{{ {macro}(chart) }}}}')
    return template.render(chart=chart)


def svg_of(html):
    match = re.search(r"<svg.*?</svg>", html, re.DOTALL)
    assert match, "no SVG drawn"
    return ET.fromstring(match.group(0))


# The line -------------------------------------------------------------------

def test_points_lie_inside_the_plot_from_first_to_last_day(request_context):
    chart = line(days(19, 5.5))
    frame = chart.frame
    points = coordinates(chart)
    assert len(points) == 19
    assert all(frame.left <= x <= frame.right and frame.top <= y <= frame.bottom for x, y in points)
    assert points[0] == (frame.left, frame.bottom)  # the first day, at zero
    assert points[-1][0] == frame.right
    assert [x for x, _y in points] == sorted(x for x, _y in points)
    assert points[-1][1] == pytest.approx(frame.bottom - 99 / 100 * (frame.bottom - frame.top), abs=0.1)


def test_values_above_the_maximum_widen_the_axis_instead_of_leaving_the_view_box(request_context):
    chart = line([(START, 5), (START + timedelta(days=2), 12)], maximum=8)
    frame = chart.frame
    assert all(frame.top <= y <= frame.bottom for _x, y in coordinates(chart))
    assert coordinates(chart)[-1][1] == frame.top
    assert all(frame.top <= tick.position <= frame.bottom for tick in chart.y_ticks)


def test_value_ticks_are_round_numbers_from_zero(request_context):
    assert [tick.label for tick in line(days(3), maximum=100, percent=True).y_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert [tick.label for tick in line(days(3), maximum=7).y_ticks] == ["0", "2", "4", "6"]
    assert [tick.label for tick in line(days(2), maximum=1).y_ticks] == ["0", "1"]


def test_a_single_point_is_a_dot_in_the_middle(request_context):
    chart = line([(START, 40)])
    frame = chart.frame
    assert len(chart.markers) == 1
    assert chart.markers[0].x == (frame.left + frame.right) / 2
    assert chart.area == ""
    assert [tick.label for tick in chart.x_ticks] == ["3 Nov"]
    assert not chart.is_empty


def test_no_points_is_empty(request_context):
    chart = line([])
    assert chart.is_empty
    assert chart.line == "" and chart.markers == () and chart.x_ticks == ()


def test_date_labels_are_thinned_to_a_few_evenly_spread_days(request_context):
    chart = line(days(90, 1))
    ticks = chart.x_ticks
    assert len(ticks) == MAX_X_TICKS
    assert ticks[0].position == chart.frame.left and ticks[-1].position == chart.frame.right
    assert ticks[0].label == "3 Nov 2025" and ticks[-1].label == "31 Jan 2026"  # the range crosses a year
    gaps = [b.position - a.position for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps) - min(gaps) < 10
    assert (ticks[0].anchor, ticks[-1].anchor) == ("start", "end")
    # On a phone, only the first, the middle and the last label stay.
    assert [tick.is_minor for tick in ticks].count(False) == 3
    assert len(chart.markers) == 1  # ninety dots would merge; only the latest is marked


def test_a_short_range_labels_every_day(request_context):
    assert [tick.label for tick in line(days(3)).x_ticks] == ["3 Nov", "4 Nov", "5 Nov"]


def test_a_range_of_years_is_labelled_by_month(request_context):
    chart = line([(date(2024, 12, 1), 1), (date(2026, 1, 5), 7)], maximum=10)
    labels = [tick.label for tick in chart.x_ticks]
    assert labels[0] == "Dec 2024" and labels[-1] == "Jan 2026"
    assert len(set(labels)) == len(labels) == MAX_X_TICKS


def test_the_table_lists_every_point(request_context):
    chart = line(days(3, 21.25), percent=True)
    assert [(row.label, row.values) for row in chart.rows] == [
        ("3 Nov 2025", ("0%",)), ("4 Nov 2025", ("21.2%",)), ("5 Nov 2025", ("42.5%",))]
    assert chart.headers == ("Date", "Lessons completed")


def test_the_summary_says_where_completion_went(request_context):
    points = [(START, 0), (date(2025, 11, 21), 42)]
    assert completion_summary(points) == "From 3 Nov to 21 Nov, completion rose from 0% to 42%."
    assert completion_summary(points, percent=False) == "From 3 Nov to 21 Nov, completion rose from 0 lessons to 42 lessons."
    assert completion_summary([(START, 5), (START + timedelta(days=1), 5)]) == \
        "From 3 Nov to 4 Nov, completion stayed at 5%."
    assert completion_summary([(START, 12)]) == "On 3 Nov, completion stood at 12%."
    assert completion_summary([]) == "No lesson has been completed yet."


# The bars -------------------------------------------------------------------

def funnel(bars, total=12):
    return funnel_chart(bars, total=total, title="Stages", description="Who got how far.", chart_id="funnel")


def test_bar_widths_are_proportional_to_the_share_of_the_total(request_context):
    chart = funnel([("Stage 1", 12), ("Stage 2", 6), ("Stage 3", 3), ("Stage 4", 0)])
    widths = [bar.width for bar in chart.bars]
    assert widths == [chart.track_width, chart.track_width / 2, chart.track_width / 4, 0]
    assert [bar.value for bar in chart.bars] == ["12 (100%)", "6 (50%)", "3 (25%)", "0 (0%)"]
    assert all(bar.bar_y + chart.bar_height <= chart.frame.height for bar in chart.bars)
    assert chart.value_x + 100 <= chart.frame.width
    assert [row.values for row in chart.rows][1] == ("6", "50%")


def test_bars_never_run_past_the_track(request_context):
    chart = funnel([("More than all", 20), ("Nobody", 3)], total=0)
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert funnel([("Too many", 20)], total=10).bars[0].width == funnel([("All", 10)], total=10).track_width


def test_no_bars_is_empty(request_context):
    assert funnel([]).is_empty



def test_the_bar_chart_prints_each_count_and_share(app, request_context):
    html = render(app, "bar_chart", funnel([("Stage 1", 9), ("Stage 2 & more", 3)]))
    svg = svg_of(html)
    assert svg.get("aria-labelledby") == "funnel-title funnel-desc"
    assert {element.get("id") for element in svg} >= {"funnel-title", "funnel-desc"}
    texts = [element.text for element in svg.iter(f"{SVG}text")]
    assert texts == ["Stage 1", "9 (75%)", "Stage 2 & more", "3 (25%)"]
    assert len(svg.findall(f".//{SVG}rect[@class='chart__bar']")) == 2
    assert '<th scope="row">Stage 2 &amp; more</th><td class="num">3</td><td class="num">25%</td>' in html
    assert "Share of 12" in html


def test_an_empty_chart_shows_a_sentence_instead_of_a_drawing(app, request_context):
    for macro, chart in (("line_chart", line([])), ("bar_chart", funnel([]))):
        html = render(app, macro, chart)
        assert "<svg" not in html and "<table" not in html
        assert "Nothing to show yet." in html and "<figcaption" in html


def test_two_charts_on_one_page_have_their_own_ids(app, request_context):
    first = completion_chart(days(3), maximum=10, title="A", description="a", value_label="v", chart_id="one")
    second = completion_chart(days(3), maximum=10, title="B", description="b", value_label="v", chart_id="two")
    html = render(app, "line_chart", first) + render(app, "line_chart", second)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 6


def test_a_third_reads_as_a_third_not_as_its_binary_fraction(request_context):
    assert funnel([("Stage 1", 1), ("Stage 2", 2)], total=3).bars[0].value == "1 (33.3%)"


# Answers side by side ---------------------------------------------------------

def grouped(series, groups=("1", "2", "3")):
    return grouped_bar_chart(list(groups), series, title="Confidence", description="How it moved.", chart_id="shift-1",
                             headers=("Answer", "Before", "After"), rows=(TableRow("1", ("1", "2")),))


def test_side_by_side_bars_stay_inside_their_group_and_the_plot(request_context):
    chart = grouped([("Before", [0.5, 0.5, 0]), ("After", [0, 0.25, 0.75])])
    frame, slot = chart.frame, (chart.frame.right - chart.frame.left) / 3
    for bar in chart.bars:
        group = int((bar.x - frame.left) // slot)
        assert frame.left + group * slot <= bar.x and bar.x + bar.width <= frame.left + (group + 1) * slot + 0.1
        assert frame.top - 0.1 <= bar.y and bar.y + bar.height <= frame.bottom + 0.1
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert (tallest.series, round(tallest.x)) == (1, round(frame.left + 2 * slot + slot * 0.1 + tallest.width))
    assert [tick.label for tick in chart.y_ticks][0] == "0%" and chart.y_ticks[-1].position <= tallest.y + 0.1


def test_the_grouped_chart_names_itself_and_each_series(app, request_context):
    html = render(app, "grouped_bar_chart", grouped([("Before", [1, 0, 0]), ("After", [0, 0, 1])]))
    svg = svg_of(html)
    assert svg.get("aria-labelledby") == "shift-1-title shift-1-desc"
    texts = [element.text for element in svg.iter(f"{SVG}text")]
    assert texts[:2] == ["Before", "After"] and texts[-3:] == ["1", "2", "3"]
    assert len(svg.findall(f".//{SVG}rect[@class='chart__bar chart__bar--after']")) == 1
    assert "<details" not in html  # the page shows the table itself
