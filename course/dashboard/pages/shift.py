"""The survey's shift page: per scale question a chart and a table of the answers before, after and 90 days later;
for text questions only how many answered."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import gettext as _

from course.dashboard.charts import GroupedBarChart, Row, format_share, grouped_bar_chart
from course.dashboard.shift import MIN_GROUP, CohortShift, Column, ScaleShift
from course.surveys.series import SurveySeries


@dataclass(frozen=True)
class ScaleSection:
    question: str
    chart: GroupedBarChart | None  # None: too few answered both times
    follow_up_note: str


@dataclass(frozen=True)
class TextSection:
    question: str
    note: str


@dataclass(frozen=True)
class ShiftPage:
    is_enough: bool
    summary: str
    scales: list[ScaleSection]
    texts: list[TextSection]
    min_group: int = MIN_GROUP


def column_labels() -> tuple[str, str, str]:
    return _("At the start"), _("At the end"), _("90 days later")


def _figure(column: Column, index: int) -> str:
    return _("%(count)s (%(share)s)", count=format_decimal(column.counts[index]), share=format_share(column.share(index)))


def _number(value: float) -> str:
    return format_decimal(round(value, 1), "#,##0.#")


def _section(scale: ScaleShift, question: str, index: int) -> ScaleSection:
    if scale.before is None or scale.closing is None:
        return ScaleSection(question, None, "")
    columns = [scale.before, scale.closing] + ([scale.follow_up] if scale.follow_up else [])
    names = column_labels()[:len(columns)]
    headers = (_("Answer"), *names)
    rows = [Row(_("People counted"), tuple(format_decimal(c.people) for c in columns))]
    rows += [Row(str(value), tuple(_figure(c, i) for c in columns)) for i, value in enumerate(scale.values)]
    rows += [Row(_("Mean"), tuple(_number(c.mean) for c in columns)),
             Row(_("Median"), tuple(_number(c.median) for c in columns))]
    description = _("Share of each answer at the start and at the end of the course, among the %(num)d people who "
                    "answered both times: the mean moved from %(before)s to %(after)s.",
                    num=scale.before.people, before=_number(scale.before.mean), after=_number(scale.closing.mean))
    chart = grouped_bar_chart([str(value) for value in scale.values],
                              [(name, [c.share(i) for i in range(len(scale.values))])
                               for name, c in zip(names, columns, strict=True)],
                              title=question, description=description, chart_id=f"shift-{index}",
                              headers=headers, rows=tuple(rows))
    note = "" if scale.follow_up else _("The follow-up 90 days later is shown once at least %(num)d people have "
                                        "answered all three surveys.", num=MIN_GROUP)
    return ScaleSection(question, chart, note)


def shift_page(shift: CohortShift, series: SurveySeries, language: str) -> ShiftPage:
    """The page for ``shift``, with the questions in ``language``."""
    texts = series.closing.text(language).exercise["questions"]
    if shift.both >= MIN_GROUP:
        summary = _("%(num)d people answered both the first and the closing survey; only their answers are counted.",
                    num=shift.both)
    else:
        summary = _("Fewer than %(num)d people have answered both the first and the closing survey. There are too "
                    "few answers to show without pointing at people.", num=MIN_GROUP)
    scales = [_section(scale, texts[scale.key], index) for index, scale in enumerate(shift.scales, start=1)]
    notes = [TextSection(texts[t.key], _("%(num)d people answered this question both times. Written answers are "
                                         "private and not shown here.", num=t.answered_both)
                         if t.answered_both is not None else
                         _("Written answers are private and not shown here.")) for t in shift.texts]
    return ShiftPage(shift.is_enough, summary, scales, notes)
