"""The course's surveys as one series: the survey at the start, the closing one that compares with it, and the
follow-up 90 days after the closing one, with the same questions. The one home of which answer is which."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from course.curriculum.content import Curriculum, Lesson

FOLLOW_UP_DAYS = 90
FOLLOW_UP_SUFFIX = ":follow-up"  # no lesson slug holds a colon, so the key never meets a lesson's


@dataclass(frozen=True)
class SurveySeries:
    before: Lesson
    closing: Lesson

    @property
    def follow_up_key(self) -> str:
        """The ``lesson_slug`` a follow-up answer is stored under."""
        return self.closing.slug + FOLLOW_UP_SUFFIX

    @property
    def slugs(self) -> tuple[str, str, str]:
        return self.before.slug, self.closing.slug, self.follow_up_key

    @property
    def questions(self) -> list[dict]:
        """The closing survey's questions (the same keys as the first survey's): key, type and, for scales, range."""
        return list(self.closing.require_exercise().settings["questions"])


def survey_series(curriculum: Curriculum) -> SurveySeries | None:
    """The closing survey (a survey that compares with an earlier one) and that earlier survey; None without one."""
    for lesson in curriculum.sequence(None):
        exercise = lesson.exercise
        if exercise is not None and exercise.kind == "survey" and "compare_with" in exercise.settings:
            return SurveySeries(curriculum.lessons[exercise.settings["compare_with"]], lesson)
    return None


def follow_up_opens_at(closing_answered_at: datetime) -> datetime:
    """When the follow-up opens for someone who first answered the closing survey at ``closing_answered_at``."""
    return closing_answered_at + timedelta(days=FOLLOW_UP_DAYS)
