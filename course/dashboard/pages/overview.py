"""What the dashboard page shows: the matrix of one page of learners, needs attention, review health, charts."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import format_decimal, format_timedelta, get_locale, ngettext
from flask_babel import gettext as _

from course.curriculum.content import Curriculum, Lesson, Stage
from course.dashboard import charts
from course.dashboard.attention import REASONS, REMINDABLE, Attention, needing_attention
from course.dashboard.forms import NO_CIRCLE
from course.dashboard.progress import CircleHealth, CohortProgress, LearnerProgress
from course.dashboard.states import STATUS_LABELS, STATUS_SYMBOLS, LessonStatus
from course.reminders.services import may_remind

PAGE_SIZE = 50
LIST_LENGTH = 20  # people named per needs-attention list; the CSV export has everyone


@dataclass(frozen=True)
class Cell:
    status: str  # a CSS modifier too
    symbol: str
    label: str


@dataclass(frozen=True)
class Column:
    lesson: Lesson
    number: str  # "2.3": stage and position, short enough for a header cell
    title: str


@dataclass(frozen=True)
class StageColumns:
    stage: Stage
    title: str
    columns: list[Column]


@dataclass(frozen=True)
class Row:
    learner: LearnerProgress
    cells: list[list[Cell | None]]  # per stage; None: the lesson is not on the learner's track
    reasons: list[str]  # why they need attention, as people read it


@dataclass(frozen=True)
class HealthRow:
    label: str
    open: int
    overdue: int
    submitted: int
    average_helpfulness: str | None


@dataclass(frozen=True)
class AttentionItem:
    learner: LearnerProgress
    detail: str
    can_remind: bool
    reminded: str | None  # when the last reminder went, if it blocks another today


@dataclass(frozen=True)
class AttentionList:
    reason: str
    label: str
    items: list[AttentionItem]  # the first LIST_LENGTH, by name
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass(frozen=True)
class Filters:
    track: str
    circle: str
    days: int
    page: int


@dataclass(frozen=True)
class OverviewPage:
    progress: CohortProgress
    stages: list[StageColumns]
    rows: list[Row]
    matching: int  # learners the filter matches, on all pages
    page: int
    pages: int
    attention: Attention
    attention_lists: list[AttentionList]
    reminders_due: int  # people "remind everyone" would reach now
    health: list[HealthRow]
    completion: charts.LineChart
    funnel: charts.BarChart
    legend: list[tuple[Cell, int]]  # each status with how many cells of the filtered learners have it

    @property
    def average_percent(self) -> int | None:
        """The signed-up learners' average share of their lessons completed."""
        active = self.progress.active
        return round(sum(learner.percent for learner in active) / len(active)) if active else None

    @property
    def needs_attention(self) -> int:
        return sum(bool(reasons) for reasons in self.attention.reasons.values())


def _cells() -> dict[LessonStatus, Cell]:
    """One cell per status in the page's language, shared by every row."""
    return {status: Cell(status.value, STATUS_SYMBOLS[status], str(STATUS_LABELS[status])) for status in LessonStatus}


def overview_page(progress: CohortProgress, curriculum: Curriculum, filters: Filters, now: datetime,
                    today: date) -> OverviewPage:
    language = str(get_locale())
    stages = [StageColumns(stage, stage.title(language), [
        Column(lesson, f"{stage.number}.{index}", lesson.text(language).title)
        for index, lesson in enumerate(stage.lessons, start=1)]) for stage in curriculum.stages]
    attention = needing_attention(progress, now, filters.days)
    matching = [learner for learner in progress.learners if _matches(learner, filters)]
    pages = max(1, math.ceil(len(matching) / PAGE_SIZE))
    page = min(filters.page, pages)
    cells = _cells()
    rows = [Row(learner, [[_cell(learner, column.lesson, cells) for column in group.columns] for group in stages],
                [str(REASONS[reason]) for reason in attention.reasons.get(learner.user.id, [])])
            for learner in matching[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]]
    counts = Counter(status for learner in matching for status in learner.statuses.values())
    return OverviewPage(
        progress, stages, rows, len(matching), page, pages, attention, _attention_lists(attention, curriculum, now),
        sum(may_remind(learner.reminded_at, now) for learner in attention.remindable),
        _health_rows(progress), cohort_completion_chart(progress, today), cohort_funnel_chart(progress, curriculum, language),
        [(cells[status], counts[status]) for status in LessonStatus],
    )


def _matches(learner: LearnerProgress, filters: Filters) -> bool:
    if filters.track and learner.user.track != filters.track:  # a Track is equal to its value
        return False
    if filters.circle == NO_CIRCLE:
        return learner.circle_id is None
    return not filters.circle or str(learner.circle_id) == filters.circle


def _cell(learner: LearnerProgress, lesson: Lesson, cells: dict[LessonStatus, Cell]) -> Cell | None:
    status = learner.statuses.get(lesson.slug)
    return cells[status] if status is not None else None


def _attention_lists(attention: Attention, curriculum: Curriculum, now: datetime) -> list[AttentionList]:
    language = str(get_locale())
    lists = []
    for reason, label in REASONS.items():
        items = []
        for learner in attention.by_reason[reason][:LIST_LENGTH]:
            allowed = may_remind(learner.reminded_at, now)
            reminded_at = learner.reminded_at  # set whenever a reminder is not allowed
            items.append(AttentionItem(
                learner, _detail(reason, learner, curriculum, now, language),
                can_remind=reason in REMINDABLE and allowed,
                reminded=None if allowed or reason not in REMINDABLE or reminded_at is None
                else _("reminded %(when)s", when=format_timedelta(reminded_at - now, add_direction=True))))
        lists.append(AttentionList(reason, str(label), items, len(attention.by_reason[reason])))
    return lists


def _detail(reason: str, learner: LearnerProgress, curriculum: Curriculum, now: datetime, language: str) -> str:
    if reason == "inactive":
        if learner.last_activity is None:
            return ngettext("nothing yet, joined %(num)d day ago", "nothing yet, joined %(num)d days ago",
                            (now - learner.joined_at).days)
        return ngettext("last activity %(num)d day ago", "last activity %(num)d days ago",
                        (now - learner.last_activity).days)
    if reason == "overdue_reviews":
        return ngettext("%(num)d review overdue", "%(num)d reviews overdue", learner.overdue_reviews)
    if reason == "unreviewed_drafts":
        return ", ".join(curriculum.lesson_title(slug, language) for slug in learner.unreviewed)
    return _("has not acknowledged the guidelines in force")


def _health_rows(progress: CohortProgress) -> list[HealthRow]:
    numbers = {circle.id: circle.number for circle in progress.circles}
    rows = sorted(progress.health, key=lambda health: (health.circle_id not in numbers,
                                                       numbers.get(health.circle_id or 0, 0)))
    return [HealthRow(_circle_label(health, numbers), health.open, health.overdue, health.submitted,
                      format_decimal(health.average_helpfulness, format="0.0")
                      if health.average_helpfulness is not None else None) for health in rows]


def _circle_label(health: CircleHealth, numbers: dict[int, int]) -> str:
    if health.circle_id in numbers:
        return _("Circle %(number)d", number=numbers[health.circle_id])
    return _("Not in a circle")


def completion_series(progress: CohortProgress, today: date) -> list[tuple[date, float]]:
    """Day by day, the share of all their lessons the cohort's members had completed (in percent)."""
    total = sum(learner.total for learner in progress.learners)
    days = [moment.date() for moment in progress.completions]
    start = min([progress.cohort.starts_on or today, *days[:1]])
    if not total or start > today:
        return []
    per_day = Counter(days)
    points, done = [], 0
    for offset in range((today - start).days + 1):
        day = start + timedelta(days=offset)
        done += per_day[day]
        points.append((day, round(100 * done / total, 1)))
    return points


def cohort_completion_chart(progress: CohortProgress, today: date) -> charts.LineChart:
    """The completion over time, as the dashboard, its aggregated form and the cohort report draw it."""
    points = completion_series(progress, today)
    return charts.completion_chart(
        points, maximum=100, percent=True, chart_id="completion",
        title=_("Completion over time"),
        description=charts.completion_summary(points) if points else _("No lesson has been completed yet."),
        value_label=_("Lessons completed (%)"),
    )


def funnel_bars(progress: CohortProgress, curriculum: Curriculum, language: str) -> list[tuple[str, int]]:
    """How many active learners signed up, and how many completed each stage."""
    active = progress.active
    bars = [(_("Signed up"), len(active))]
    for index, stage in enumerate(curriculum.stages):
        bars.append((_("Stage %(number)d: %(title)s", number=stage.number, title=stage.title(language)),
                     sum(learner.stages[index].is_complete for learner in active)))
    return bars


def cohort_funnel_chart(progress: CohortProgress, curriculum: Curriculum, language: str) -> charts.BarChart:
    """The stage funnel, as the dashboard, its aggregated form and the cohort report draw it."""
    active = len(progress.active)
    return charts.funnel_chart(
        funnel_bars(progress, curriculum, language), total=active, chart_id="funnel", label_header=_("Step"),
        title=_("Stage funnel"),
        description=_("Of %(num)d learners who signed up, how many have completed each stage.", num=active),
    )
