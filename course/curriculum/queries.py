"""Loading what the curriculum pages show for one person."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from course.accounts.models import User
from course.cohorts.models import Cohort, CohortMember, Pacing, StageSchedule
from course.curriculum.content import Curriculum, Lesson
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.curriculum.unlocking import (
    CourseProgress,
    LessonState,
    Pace,
    Progress,
    StageState,
    course_progress,
    stage_states,
)
from course.database import read_columns
from course.drafts.models import Draft
from course.extensions import db


def today() -> date:
    """Today in the course's time zone: stages open at local midnight."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.now(zone).date()


@dataclass(frozen=True)
class LearningCohort:
    """The cohort a learner learns in, as the course pages need it: its name and how its stages open."""

    name: str
    pace: Pace


@cache  # built once: every lesson page asks
def _cohort_and_schedule() -> sa.Select:
    return (sa.select(Cohort.id, Cohort.name, Cohort.pacing, Cohort.starts_on,
                      StageSchedule.stage_key, StageSchedule.opens_on)
            .join(CohortMember, CohortMember.cohort_id == Cohort.id)
            .outerjoin(StageSchedule, StageSchedule.cohort_id == Cohort.id)
            .where(CohortMember.user_id == sa.bindparam("user_id"))
            .order_by(Cohort.id))


def learning_cohort(user: User) -> LearningCohort | None:
    """The cohort ``user`` learns in with its pace (self-paced, or the date each stage opens), in one statement."""
    rows = read_columns(db.session, _cohort_and_schedule(), {"user_id": user.id}).all()
    if not rows:
        return None
    cohort_id, name, pacing, starts_on = rows[0][:4]
    if pacing != Pacing.SCHEDULED:
        return LearningCohort(name, Pace())
    schedule = {row.stage_key: row.opens_on for row in rows if row.id == cohort_id and row.stage_key is not None}
    return LearningCohort(name, Pace(True, schedule, starts_on))


@cache
def _progress_and_submissions() -> sa.CompoundSelect:
    user_id: sa.BindParameter[int] = sa.bindparam("user_id")
    return sa.union_all(
        sa.select(LessonProgress.lesson_slug, LessonProgress.read_at, LessonProgress.completed_at,
                  sa.false().label("is_submission"))
        .where(LessonProgress.user_id == user_id),
        sa.select(Draft.lesson_slug, sa.null(), sa.null(), sa.true())
        .where(Draft.user_id == user_id, Draft.first_submitted_at.is_not(None)),
    )


def progress_and_submissions(user: User) -> tuple[dict[str, Progress], frozenset[str]]:
    """How far ``user`` came in each lesson, and the lessons whose draft they sent to peer review,
    in one statement."""
    progress, submitted = {}, set()
    for slug, read_at, completed_at, is_submission in read_columns(db.session, _progress_and_submissions(),
                                                                   {"user_id": user.id}):
        if is_submission:
            submitted.add(slug)
        else:
            progress[slug] = Progress(read_at, completed_at)
    return progress, frozenset(submitted)


@dataclass
class CourseView:
    """Everything the course overview and a lesson page need about one person."""

    curriculum: Curriculum
    cohort: LearningCohort | None
    stages: list[StageState]
    progress: CourseProgress
    is_preview: bool

    @property
    def has_reached_last_stage(self) -> bool:
        """The last stage is open: the course is nearly behind this learner, and what comes after it begins."""
        return not self.is_preview and bool(self.stages) and self.stages[-1].is_open

    def lesson_state(self, slug: str) -> tuple[StageState, LessonState] | None:
        for stage in self.stages:
            for state in stage.lessons:
                if state.lesson.slug == slug:
                    return stage, state
        return None

    def neighbours(self, slug: str) -> tuple[Lesson | None, Lesson | None]:
        sequence = [state.lesson for stage in self.stages for state in stage.lessons]
        index = next(i for i, lesson in enumerate(sequence) if lesson.slug == slug)
        return (sequence[index - 1] if index else None,
                sequence[index + 1] if index + 1 < len(sequence) else None)


def course_view(user: User) -> CourseView:
    """The course as ``user`` sees it: learners their track and pace, trainers everything."""
    curriculum = lessons.curriculum
    preview = not user.is_learner
    cohort = None if preview else learning_cohort(user)
    track = None if preview else user.track  # a Track is the string of its value
    progress, submitted = progress_and_submissions(user)
    if preview:
        submitted = frozenset()
    pace = cohort.pace if cohort is not None else Pace()
    states = stage_states(curriculum, track, pace, progress, today(), preview, submitted)
    return CourseView(curriculum, cohort, states, course_progress(states), preview)
