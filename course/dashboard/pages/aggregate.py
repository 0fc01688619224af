"""Figures about a cohort as a group: the dashboard in the works-council mode and the cohort report.

Nothing here names a person but those who share. Every figure describes a
group, and a group smaller than the organisation's smallest group gives none
(``works_council.visibility.may_show_group``); on the dashboard, where the
people who share are listed beside the figures, a group figure also needs those
not listed to be nobody or a large enough group themselves
(``may_show_figure``), or the figure minus the listed rows would be theirs. Built from the same
``CohortProgress`` as the full dashboard, so it takes the same fixed number of
statements however many learners there are.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _

from course.accounts.models import User
from course.curriculum.content import Curriculum
from course.dashboard import charts
from course.dashboard.attention import REASONS, Attention, needing_attention
from course.dashboard.charts import format_share
from course.dashboard.pages.overview import cohort_completion_chart, cohort_funnel_chart
from course.dashboard.progress import CircleHealth, CohortProgress, LearnerProgress
from course.reminders.services import may_remind
from course.works_council.visibility import hidden_count, may_see_person, may_show_figure, smallest_group


@dataclass(frozen=True)
class GroupHealth:
    """Review health of one group of authors; ``is_shown`` False: too few people to show."""

    label: str
    people: int
    is_shown: bool
    open: int = 0
    overdue: int = 0
    submitted: int = 0
    average_helpfulness: str | None = None


@dataclass(frozen=True)
class ReasonCount:
    label: str
    count: int


@dataclass(frozen=True)
class SharedRow:
    """A person who chose to share their progress: the trainer may see them by name."""

    learner: LearnerProgress
    reasons: list[str]


@dataclass(frozen=True)
class AggregatePage:
    progress: CohortProgress
    signed_up: int
    invited: int
    smallest_group: int
    is_shown: bool  # the cohort's signed-up learners are a group large enough for figures
    average_percent: int | None
    completion: charts.LineChart
    funnel: charts.BarChart
    health: list[GroupHealth]  # the whole cohort first, then each circle
    acknowledgement_rate: str | None  # None: no guidelines in force, or too few people
    acknowledged: int
    needing_attention: int
    reasons: list[ReasonCount]
    reminders_due: int  # people "remind everyone" would reach now: a count, never who
    shared: list[SharedRow]  # only people who chose to share


def aggregate_page(progress: CohortProgress, curriculum: Curriculum, now: datetime, today: date,
                   idle_days: int, *, beside_names: bool = True) -> AggregatePage:
    """The group figures of ``progress``, with the people who share listed by name; ``beside_names`` False for a
    page that names nobody (the cohort report), where only the size of a group counts."""
    organisation = progress.cohort.organisation
    active = progress.active
    shown = _may_show(progress, [learner.user for learner in active], beside_names)
    attention = needing_attention(progress, now, idle_days)
    acknowledged = sum(learner.acknowledged_at is not None for learner in active)
    return AggregatePage(
        progress=progress, signed_up=len(active), invited=len(attention.invited),
        smallest_group=smallest_group(organisation), is_shown=shown,
        average_percent=round(sum(learner.percent for learner in active) / len(active)) if shown else None,
        completion=cohort_completion_chart(progress, today),
        funnel=cohort_funnel_chart(progress, curriculum, str(get_locale())),
        health=group_health(progress, beside_names=beside_names),
        acknowledgement_rate=format_share(acknowledged / len(active)) if shown and progress.has_guidelines else None,
        acknowledged=acknowledged,
        needing_attention=sum(bool(attention.reasons.get(learner.user.id)) for learner in active),
        reasons=[ReasonCount(str(label), len(attention.by_reason[reason])) for reason, label in REASONS.items()],
        reminders_due=sum(may_remind(learner.reminded_at, now) for learner in attention.remindable),
        shared=_shared(progress, attention),
    )


def _shared(progress: CohortProgress, attention: Attention) -> list[SharedRow]:
    organisation = progress.cohort.organisation
    return [SharedRow(learner, [str(REASONS[reason]) for reason in attention.reasons.get(learner.user.id, [])])
            for learner in progress.learners if may_see_person(organisation, learner.user)]


def _may_show(progress: CohortProgress, people: list[User], beside_names: bool) -> bool:
    organisation = progress.cohort.organisation
    return may_show_figure(organisation, len(people), hidden_count(organisation, people) if beside_names else 0)


def group_health(progress: CohortProgress, *, beside_names: bool = True) -> list[GroupHealth]:
    """Review health of the whole cohort, then of each circle large enough to show.

    The circles and the learners in none of them (who have no row) split the cohort: the whole cohort's figure
    minus the circles shown is the figure of those left out, so circles are left out, smallest first, until those
    left out together are a group that could be shown.
    """
    members: dict[int | None, list[User]] = defaultdict(list)
    for learner in progress.active:
        members[learner.circle_id].append(learner.user)
    by_circle = {health.circle_id: health for health in progress.health}
    whole = _may_show(progress, [learner.user for learner in progress.active], beside_names)
    shown: dict[int | None, bool] = {circle.id: _may_show(progress, members[circle.id], beside_names)
                                     for circle in progress.circles}
    if whole:
        left_out = [user for key, people in members.items() if not shown.get(key, False) for user in people]
        for circle in sorted((c for c in progress.circles if shown[c.id]), key=lambda c: len(members[c.id])):
            if not left_out or _may_show(progress, left_out, beside_names):
                break
            shown[circle.id] = False
            left_out += members[circle.id]
    rows = [_health(_("Whole cohort"), len(progress.active), list(progress.health), whole)]
    for circle in progress.circles:
        health = [by_circle[circle.id]] if circle.id in by_circle else []
        rows.append(_health(_("Circle %(number)d", number=circle.number), len(members[circle.id]), health,
                            shown[circle.id]))
    return rows


def _health(label: str, people: int, parts: list[CircleHealth], shown: bool) -> GroupHealth:
    if not shown:
        return GroupHealth(label, people, False)
    submitted = sum(part.submitted for part in parts)
    rated = [(part.average_helpfulness, part.rated) for part in parts if part.average_helpfulness is not None]
    weight = sum(count for _average, count in rated)
    average = sum(value * count for value, count in rated) / weight if weight else None
    return GroupHealth(label, people, True, sum(part.open for part in parts), sum(part.overdue for part in parts),
                       submitted, format_decimal(average, format="0.0") if average is not None else None)

