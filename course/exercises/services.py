"""Saving a learner's answer to an exercise. Functions flush; the view commits."""
from functools import cache

import sqlalchemy as sa

from course.accounts.models import User
from course.curriculum.content import Lesson
from course.curriculum.services import complete_lesson
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.text.cleaning import clean_user_text


@cache  # built once: every lesson page with an exercise asks
def _response() -> sa.Select[ExerciseResponse]:
    return sa.select(ExerciseResponse).where(ExerciseResponse.user_id == sa.bindparam("user_id"),
                                             ExerciseResponse.lesson_slug == sa.bindparam("lesson_slug"))


def response_for(user: User, lesson_slug: str) -> ExerciseResponse | None:
    """The user's saved answer to a lesson's exercise, if any."""
    return db.session.scalar(_response(), {"user_id": user.id, "lesson_slug": lesson_slug})


def save_response(user: User, lesson: Lesson, answers: dict, share: bool = False) -> ExerciseResponse:
    """Store (or replace) the user's answers; doing the exercise completes the lesson."""
    kind = lesson.require_exercise().kind
    response = response_for(user, lesson.slug)
    if response is None:
        response = ExerciseResponse(user_id=user.id, lesson_slug=lesson.slug, kind=kind)
        db.session.add(response)
    response.answers = {name: clean_user_text(value) if isinstance(value, str) else value
                        for name, value in answers.items()}
    response.is_shared_with_trainer = share and kind == "reflection"
    complete_lesson(user, lesson)
    db.session.flush()
    return response
