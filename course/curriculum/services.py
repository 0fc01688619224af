"""Recording progress through the lessons. Functions flush; the view commits."""
import sqlalchemy as sa

from course.accounts.models import User
from course.curriculum.content import Lesson
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.extensions import db


def _progress(user: User, lesson: Lesson) -> LessonProgress:
    progress = db.session.scalar(
        sa.select(LessonProgress).where(LessonProgress.user_id == user.id, LessonProgress.lesson_slug == lesson.slug)
    )
    if progress is None:
        progress = LessonProgress(user_id=user.id, lesson_slug=lesson.slug)
        db.session.add(progress)
    return progress


def mark_read(user: User, lesson: Lesson) -> LessonProgress:
    """Record that ``user`` read ``lesson``; a lesson without an exercise is then complete."""
    progress = _progress(user, lesson)
    now = utcnow()
    progress.read_at = progress.read_at or now
    if lesson.exercise is None:
        progress.completed_at = progress.completed_at or now
    db.session.flush()
    return progress


def complete_lesson(user: User, lesson: Lesson) -> LessonProgress:
    """Record that ``user`` did the lesson's exercise, which completes (and reads) it."""
    progress = _progress(user, lesson)
    now = utcnow()
    progress.read_at = progress.read_at or now
    progress.completed_at = progress.completed_at or now
    db.session.flush()
    return progress
