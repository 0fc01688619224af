"""Loading what the curriculum pages show for one person."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.cohorts.queries import cohort_of
from course.curriculum.content import Curriculum, Lesson
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.curriculum.unlocking import CourseProgress, LessonState, Pace, StageState, course_progress, stage_states
from course.drafts.models import Draft
from course.extensions import db


def today() -> date:
    """Today in the course's time zone: stages open at local midnight."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.now(zone).date()


def pace_of(cohort: Cohort | None) -> Pace:
    if cohort is None or not cohort.is_scheduled:
        return Pace()
    return Pace(True, {entry.stage_key: entry.opens_on for entry in cohort.schedule}, cohort.starts_on)


def progress_of(user: User) -> dict[str, LessonProgress]:
    rows = db.session.scalars(sa.select(LessonProgress).where(LessonProgress.user_id == user.id))
    return {row.lesson_slug: row for row in rows}


def submitted_lessons(user: User) -> frozenset[str]:
    """The lessons whose draft ``user`` has sent to peer review."""
    return frozenset(db.session.scalars(sa.select(Draft.lesson_slug).where(
        Draft.user_id == user.id, Draft.first_submitted_at.is_not(None))))


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
    cohort = None if preview else cohort_of(user)
    track = None if preview else user.track.value
    submitted = frozenset() if preview else submitted_lessons(user)
    states = stage_states(curriculum, track, pace_of(cohort), progress_of(user), today(), preview, submitted)
    return CourseView(curriculum, cohort, states, course_progress(states), preview)
