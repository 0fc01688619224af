"""Loading what the curriculum pages show for one person."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from course.accounts.models import User
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.content import Curriculum, Lesson
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
from course.drafts.models import Draft
from course.extensions import db, lessons


def today() -> date:
    """Today in the course's time zone: stages open at local midnight."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.now(zone).date()


def pace_of(cohort: Cohort | None) -> Pace:
    if cohort is None or not cohort.is_scheduled:
        return Pace()
    return Pace(True, {entry.stage_key: entry.opens_on for entry in cohort.schedule}, cohort.starts_on)


@cache  # built once: every lesson page asks
def _learning_cohort() -> sa.Select[tuple[Cohort]]:
    return (sa.select(Cohort).join(CohortMember).where(CohortMember.user_id == sa.bindparam("user_id"))
            .options(joinedload(Cohort.schedule)))


def learning_cohort(user: User) -> Cohort | None:
    """The cohort ``user`` learns in, with its schedule (which sets the pace), in one statement."""
    return db.session.scalars(_learning_cohort(), {"user_id": user.id}).unique().first()


@cache
def _progress_and_submissions() -> sa.CompoundSelect:
    user_id = sa.bindparam("user_id")
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
    for slug, read_at, completed_at, is_submission in db.session.execute(_progress_and_submissions(),
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
    cohort: Cohort | None
    stages: list[StageState]
    progress: CourseProgress
    is_preview: bool

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
    track = None if preview else user.track.value
    progress, submitted = progress_and_submissions(user)
    if preview:
        submitted = frozenset()
    states = stage_states(curriculum, track, pace_of(cohort), progress, today(), preview, submitted)
    return CourseView(curriculum, cohort, states, course_progress(states), preview)
