"""Progress recorded when submitting used to complete a post's lesson: kept only where the feedback was answered."""
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from course.curriculum.models import LessonProgress
from course.drafts.services import draft_for
from course.extensions import db
from course.review.models import Review
from course.review.services import rate_review, save_review
from tests.drafts.conftest import POST_LESSON
from tests.review.conftest import GOOD_REVIEW, submit_text
from tests.review.test_completion import RATINGS


def _completed(user_id: int) -> bool:
    db.session.expire_all()
    return db.session.query(LessonProgress).filter_by(user_id=user_id, lesson_slug=POST_LESSON).one().is_completed


def test_submitted_posts_stay_complete_only_where_the_feedback_was_answered(make_circle):
    made = make_circle()
    waiting, answered = made.author, made.reviewers[0]
    submit_text(waiting)
    submit_text(answered, "My own post, which a colleague reviewed and I rated.")
    review = db.session.scalars(sa.select(Review).where(Review.draft_id == draft_for(answered, POST_LESSON).id)).first()
    save_review(review, ratings=RATINGS, worked=GOOD_REVIEW["worked"], suggestion=GOOD_REVIEW["suggestion"],
                submit=True)
    rate_review(review, 5, None)
    db.session.commit()
    waiting, answered = waiting.id, answered.id
    db.session.remove()

    downgrade(revision="0008_sign_in")
    assert _completed(waiting) and _completed(answered)  # as submitting used to record it
    db.session.remove()
    upgrade()

    assert not _completed(waiting)
    assert _completed(answered)
