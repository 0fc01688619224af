"""Saving a learner's answer to an exercise. Functions flush; the view commits."""
import sqlalchemy as sa

from course.accounts.models import User
from course.curriculum.content import Lesson
from course.curriculum.services import complete_lesson
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.text.cleaning import clean_user_text


def response_for(user: User, lesson_slug: str) -> ExerciseResponse | None:
    """The user's saved answer to a lesson's exercise, if any."""
    return db.session.scalar(
        sa.select(ExerciseResponse).where(
            ExerciseResponse.user_id == user.id, ExerciseResponse.lesson_slug == lesson_slug
        )
    )


def save_response(user: User, lesson: Lesson, answers: dict, share: bool = False) -> ExerciseResponse:
    """Store (or replace) the user's answers; doing the exercise completes the lesson."""
    response = response_for(user, lesson.slug)
    if response is None:
        response = ExerciseResponse(user_id=user.id, lesson_slug=lesson.slug, kind=lesson.exercise.kind)
        db.session.add(response)
    response.answers = {name: clean_user_text(value) if isinstance(value, str) else value
                        for name, value in answers.items()}
    response.is_shared_with_trainer = share and lesson.exercise.kind == "reflection"
    complete_lesson(user, lesson)
    db.session.flush()
    return response
