"""A post's lesson is complete once its author has read and answered the feedback, for everyone alike."""
from course.auth.sessions import sign_in
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.curriculum.queries import course_view
from course.dashboard.progress import load_progress
from course.dashboard.states import LessonStatus
from course.database import utcnow
from course.drafts.services import draft_for, save_draft
from course.extensions import db
from course.review.services import rate_review, save_review
from tests.drafts.conftest import POST_LESSON
from tests.review.conftest import GOOD_REVIEW, submit_text

RATINGS = {key.removeprefix("rating_"): int(value) for key, value in GOOD_REVIEW.items() if key.startswith("rating_")}


def _give_feedback(circle):
    review = circle.review_by(circle.reviewers[0])
    save_review(review, ratings=RATINGS, worked=GOOD_REVIEW["worked"], suggestion=GOOD_REVIEW["suggestion"],
                submit=True)
    db.session.commit()
    return review


def _progress(circle) -> LessonProgress:
    db.session.expire_all()
    return db.session.query(LessonProgress).filter_by(user_id=circle.author.id, lesson_slug=POST_LESSON).one()


def _as_everyone_sees_it(app, circle):
    """The author's own course view and the trainer's dashboard row of the author."""
    with app.test_request_context():
        sign_in(circle.author)
        mine = course_view(circle.author)
    row = next(learner for learner in load_progress(circle.cohort, lessons.curriculum, utcnow()).learners
               if learner.user.id == circle.author.id)
    return mine, row


def _stage_one(mine):
    stage = mine.stages[0]
    return stage, next(state for state in stage.lessons if state.lesson.slug == POST_LESSON)


def test_a_submitted_post_is_read_not_complete_for_the_learner_and_the_trainer(app, circle):
    progress = _progress(circle)
    assert progress.is_read and not progress.is_completed

    mine, row = _as_everyone_sees_it(app, circle)
    stage, state = _stage_one(mine)
    assert state.is_submitted and not state.is_completed
    assert row.statuses[POST_LESSON] == LessonStatus.SUBMITTED
    assert row.stages[0].completed == stage.completed == 0 and not row.stages[0].is_complete
    assert row.completed == mine.progress.completed == 0


def test_rating_the_feedback_completes_the_lesson_everywhere_at_once(app, circle):
    review = _give_feedback(circle)
    mine, row = _as_everyone_sees_it(app, circle)
    assert row.statuses[POST_LESSON] == LessonStatus.REVIEWED and not _stage_one(mine)[1].is_completed

    rate_review(review, 4, "Thanks")
    db.session.commit()

    assert _progress(circle).is_completed
    mine, row = _as_everyone_sees_it(app, circle)
    stage, state = _stage_one(mine)
    assert state.is_completed and row.statuses[POST_LESSON] == LessonStatus.COMPLETE
    assert row.completed == mine.progress.completed == 1
    assert row.percent == mine.progress.percent == round(100 / mine.progress.total)
    assert row.stages[0].completed == stage.completed == 1


def test_a_revision_answers_the_feedback_but_not_before_there_is_any(circle):
    submit_text(circle.author, "A revision before anyone has read the first one.")
    assert not _progress(circle).is_completed

    _give_feedback(circle)
    submit_text(circle.author, "Revised after the feedback: I name the audit now.")
    assert _progress(circle).is_completed


def test_the_learner_is_told_when_the_lesson_will_be_complete(client, auth, make_circle):
    made = make_circle()
    auth.login(made.author.email)
    lesson = lessons.curriculum.lessons[POST_LESSON]
    save_draft(made.author, lesson, {"post": "Ask Jo about audits."}, platform="x", revision=0)
    db.session.commit()

    response = auth.post(f"/learn/{POST_LESSON}/write",
                         {"revision": str(draft_for(made.author, POST_LESSON).revision), "platform": "x",
                          "text_post": "Ask Jo about audits.", "submit": "1"})
    assert response.status_code == 302
    page = client.get(f"/learn/{POST_LESSON}").get_data(as_text=True)
    assert "This lesson is complete" not in page
    assert "Submitted for review — complete once you have read and answered the feedback." in page
    overview = client.get("/learn/").get_data(as_text=True)
    assert "Submitted for review" in overview

