"""Lesson progress for the demo cohort, so the trainer's dashboard shows people at different places; those past the
first lesson have answered its survey.

Progress is written with past dates (as if the course had started three weeks
ago), which the services cannot do: they stamp the present. Each person
completes their track's lessons in course order, as self-paced unlocking asks.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from course.accounts.models import User
from course.curriculum.content import Lesson
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.exercises.models import ExerciseResponse
from course.extensions import db

COURSE_DAYS = 21

# e-mail: (lessons completed, days since the last one); a further lesson is read but not completed.
DEMO_PROGRESS = {
    "lea@demo.example": (12, 1),
    "sam@demo.example": (5, 0),
    "jonas@demo.example": (9, 2),
    "aylin@demo.example": (7, 1),
    "marta@demo.example": (3, 4),
    "felix@demo.example": (14, 0),
    "priya@demo.example": (2, 3),
    "tobias@demo.example": (1, 9),  # stuck
    "leonie@demo.example": (18, 1),
    "hannah@demo.example": (2, 12),  # away
    # emre@demo.example has not opened a lesson yet
}


def seed_demo_progress(people: dict[str, User]) -> None:
    """Give each demo learner their progress; does nothing once any of them has some."""
    ids = [user.id for user in people.values()]
    if db.session.scalar(sa.select(sa.func.count(LessonProgress.id)).where(LessonProgress.user_id.in_(ids))):
        return
    now = utcnow()
    rows: list[dict] = []
    answers: list[dict] = []
    for email, (completed, quiet_days) in DEMO_PROGRESS.items():
        user = people.get(email)
        if user is None or user.track is None:
            continue
        sequence = lessons.curriculum.sequence(user.track.value)
        start, end = now - timedelta(days=COURSE_DAYS), now - timedelta(days=quiet_days, hours=2)
        step = (end - start) / max(completed, 1)
        for index, lesson in enumerate(sequence[:completed + 1]):
            done = start + step * (index + 1)
            is_completed = index < completed
            rows.append({"user_id": user.id, "lesson_slug": lesson.slug,
                         "read_at": done - timedelta(minutes=25) if is_completed else end,
                         "completed_at": done if is_completed else None})
            if is_completed and lesson.exercise is not None and lesson.exercise.kind == "survey":
                answers.append({"user_id": user.id, "lesson_slug": lesson.slug, "kind": "survey",
                                "answers": _survey_answers(lesson, index + len(answers)), "created_at": done,
                                "updated_at": done})
    db.session.execute(sa.insert(LessonProgress), rows)
    if answers:
        db.session.execute(sa.insert(ExerciseResponse), answers)


def _survey_answers(lesson: Lesson, seed: int) -> dict:
    """Answers to a survey, as a learner at the start of the course might give them: low and varied scales."""
    values: dict = {}
    for question in lesson.require_exercise().settings["questions"]:
        if question["type"] == "scale":
            values[f"q_{question['key']}"] = str(question["min"] + (seed * 3 + len(values)) % 3)
        else:
            values[f"q_{question['key']}"] = "Knowing a few people I could ask, mostly inside my own team."
    return values
