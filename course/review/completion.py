"""When peer feedback completes a lesson: once its author has read and answered it."""
from __future__ import annotations

import sqlalchemy as sa

from course.curriculum.library import lessons
from course.curriculum.services import complete_lesson
from course.drafts.models import Draft, DraftVersion
from course.extensions import db
from course.review.models import Review


def complete_when_answered(draft: Draft) -> bool:
    """Complete the lesson of ``draft`` if its author has answered visible feedback.

    Answered means: rated a review they can read, or submitted a revision after
    one arrived. A revision sent before any feedback answers nothing. Returns
    whether the lesson is now complete; flushes.
    """
    visible = [review for review in db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id))
               if review.is_visible_to_author]
    if not visible:
        return False
    first_feedback = min(review.submitted_at for review in visible)
    revised = db.session.scalar(sa.select(sa.func.count(DraftVersion.id)).where(
        DraftVersion.draft_id == draft.id, DraftVersion.submitted_at > first_feedback))
    if not (revised or any(review.rated_at for review in visible)):
        return False
    lesson = lessons.curriculum.lessons.get(draft.lesson_slug)
    if lesson is None:  # a lesson taken out of the course keeps its drafts but has no progress to record
        return False
    complete_lesson(draft.author, lesson)
    return True

