"""Which stages are open for a learner, and how far they have come.

Self-paced: the first stage is open; each further stage opens when every
required lesson of the previous one (for the learner's track) is complete.
Complete means one thing everywhere: the lesson's progress row says so
(``LessonProgress.completed_at``, written by ``curriculum.services.complete_lesson``
when the lesson's rule is met); the bar, the trainer's matrix and the exports
all count those rows and nothing else.
Scheduled: a stage opens on the date the trainer set for it; the first stage
without a date opens on the cohort's start date.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from course.curriculum.content import Curriculum, Lesson, Stage
from course.curriculum.models import LessonProgress, ReadAndCompleted


@dataclass(frozen=True)
class Pace:
    """How a learner's stages open: self-paced, or by a schedule of dates."""

    is_scheduled: bool = False
    opens_on: dict[str, date] | None = None  # stage key -> date
    starts_on: date | None = None


@dataclass(frozen=True)
class Progress(ReadAndCompleted):
    """A learner's progress row as the pages read it, as plain columns."""

    read_at: datetime | None
    completed_at: datetime | None


@dataclass
class LessonState:
    lesson: Lesson
    progress: Progress | LessonProgress | None
    is_locked: bool
    is_submitted: bool = False  # a draft went to peer review; complete once its feedback is answered

    @property
    def is_read(self) -> bool:
        return self.progress is not None and self.progress.is_read

    @property
    def is_completed(self) -> bool:
        return self.progress is not None and self.progress.is_completed


@dataclass
class StageState:
    stage: Stage
    lessons: list[LessonState]
    is_open: bool
    opens_on: date | None = None  # scheduled pacing: the date it opens
    waits_for: Stage | None = None  # self-paced: the stage to complete first

    @property
    def completed(self) -> int:
        return sum(state.is_completed for state in self.lessons)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def percent(self) -> int:
        return percent_complete(self.completed, self.total) if self.total else 100

    @property
    def is_complete(self) -> bool:
        """Every required lesson is complete (optional ones do not hold a stage back)."""
        return all(state.is_completed for state in self.lessons if state.lesson.required)


def scheduled_opening(pace: Pace, stage: Stage, index: int) -> date | None:
    """The day a stage of a scheduled cohort opens: the trainer's date, or the start date for a first stage without one."""
    return (pace.opens_on or {}).get(stage.key) or (pace.starts_on if index == 0 else None)


def stage_states(
    curriculum: Curriculum,
    track: str | None,
    pace: Pace,
    progress: Mapping[str, Progress | LessonProgress],
    today: date,
    preview: bool = False,
    submitted: frozenset[str] = frozenset(),
) -> list[StageState]:
    """The state of every stage for a learner on ``track``; ``preview`` opens all (trainers).

    ``submitted`` holds the slugs of lessons whose draft went to peer review.
    """
    states: list[StageState] = []
    for index, stage in enumerate(curriculum.stages):
        previous = states[-1] if states else None
        if preview:
            is_open, opens_on, waits_for = True, None, None
        elif pace.is_scheduled:
            opens_on = scheduled_opening(pace, stage, index)
            is_open, waits_for = opens_on is not None and opens_on <= today, None
        else:
            opens_on = None
            is_open = previous is None or (previous.is_open and previous.is_complete)
            waits_for = None if is_open or previous is None else previous.stage
        lessons = [LessonState(lesson, progress.get(lesson.slug), not is_open, lesson.slug in submitted)
                   for lesson in stage.lessons_for(track)]
        states.append(StageState(stage, lessons, is_open, opens_on, waits_for))
    return states


def percent_complete(completed: int, total: int) -> int:
    """The share of complete lessons, as the learner's bar and the trainer's matrix show it."""
    return round(100 * completed / total) if total else 0


@dataclass(frozen=True)
class CourseProgress:
    completed: int
    total: int

    @property
    def percent(self) -> int:
        return percent_complete(self.completed, self.total)


def course_progress(states: list[StageState]) -> CourseProgress:
    """Complete lessons out of all the learner sees."""
    return CourseProgress(sum(s.completed for s in states), sum(s.total for s in states))
