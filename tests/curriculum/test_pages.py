"""The course overview, lesson pages, marking as read and doing exercises."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role, Track
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.drafts.models import Draft
from course.drafts.services import draft_for
from course.exercises.services import response_for
from course.extensions import db
from course.mail.services import send_mail
from course.review.services import add_trainer_feedback, save_review
from tests.conftest import open_every_stage
from tests.guidelines.factories import publish_guidelines

STAGE_ONE = ["networking-is-doing", "connection-not-detox", "before-we-start"]


@pytest.fixture
def signed_in(auth, learner):
    auth.login(learner.email)
    return learner


def _reflect(auth, slug, text="I mostly belong to networks without acting in them.", **extra):
    return auth.post(f"/learn/{slug}/exercise", {"answer": text, **extra})


def _survey(auth, slug="before-we-start", **answers):
    data = {"q_networking_meaning": "Knowing whom to ask.", "q_valuable_when": "When I am stuck.",
            "q_advice_outside_team": "3", "q_confidence_posting": "2", **answers}
    return auth.post(f"/learn/{slug}/exercise", data)


def test_overview_shows_stages_progress_and_locks(client, signed_in):
    html = client.get("/learn/").get_data(as_text=True)
    assert "Welcome, Sam Learner" in html and "Your progress: 0 of 28 lessons complete" in html
    assert "Why network at all" in html and 'href="/learn/networking-is-doing"' in html
    assert 'href="/learn/what-holds-us-back"' not in html
    assert "This stage opens when you have completed every lesson of “Why network at all”." in html
    assert "Leading by being visible" not in html  # leadership lesson, staff learner


def test_lesson_page(client, signed_in):
    html = client.get("/learn/networking-is-doing").get_data(as_text=True)
    assert "Networking is something you do" in html and "minutes to read" in html
    assert 'class="takeaway"' in html and "Mark as read" in html
    assert 'rel="next" href="/learn/connection-not-detox"' in html
    assert 'name="answer"' in html and "Share this reflection with my trainer" in html


def test_lesson_in_german(client, signed_in):
    html = client.get("/learn/networking-is-doing", headers={"Accept-Language": "de"}).get_data(as_text=True)
    german = lessons.curriculum.lessons["networking-is-doing"].text("de")
    assert german.title in html and "Zum Mitnehmen" in html and "Als gelesen markieren" in html


def test_mark_as_read_records_progress_but_does_not_complete(client, auth, signed_in):
    response = auth.post("/learn/networking-is-doing/read")
    assert response.headers["Location"] == "/learn/networking-is-doing#progress"
    progress = db.session.query(LessonProgress).one()
    assert progress.read_at is not None and progress.completed_at is None
    html = client.get("/learn/networking-is-doing").get_data(as_text=True)
    assert "Do the exercise above to complete this lesson." in html


def test_reflection_completes_the_lesson_and_stays_private(client, auth, signed_in):
    response = _reflect(auth, "networking-is-doing")
    assert response.status_code == 302
    saved = response_for(signed_in, "networking-is-doing")
    assert saved.answers == {"answer": "I mostly belong to networks without acting in them."}
    assert saved.is_shared_with_trainer is False
    html = client.get("/learn/networking-is-doing").get_data(as_text=True)
    assert "You have completed this lesson." in html and "I mostly belong to networks" in html


def test_reflection_can_be_shared(auth, signed_in):
    _reflect(auth, "networking-is-doing", share="y")
    assert response_for(signed_in, "networking-is-doing").is_shared_with_trainer is True


def test_empty_answer_is_explained(auth, signed_in):
    html = _reflect(auth, "networking-is-doing", text="").get_data(as_text=True)
    assert "This field is required." in html and response_for(signed_in, "networking-is-doing") is None


def test_survey_keeps_typed_text_when_a_scale_is_missing(auth, signed_in):
    response = _survey(auth, q_confidence_posting="")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Knowing whom to ask." in html
    assert response_for(signed_in, "before-we-start") is None


def test_completing_stage_one_opens_stage_two(client, auth, signed_in, trainer):
    assert client.get("/learn/what-holds-us-back").status_code == 403
    _reflect(auth, "networking-is-doing")
    auth.post("/learn/connection-not-detox/write", {"text_post": "Ask Jo about audits: she explains why.",
                                                     "platform": "x", "revision": "0", "submit": "Submit"})
    _survey(auth)
    # The post waits for feedback: its lesson is complete once the author has answered it.
    assert client.get("/learn/what-holds-us-back").status_code == 403
    review = add_trainer_feedback(trainer, draft_for(signed_in, "connection-not-detox"))
    save_review(review, ratings={"authenticity": 3, "audience_fit": 3, "clarity": 3}, worked="The question.",
                suggestion="Name the audit.", submit=True)
    db.session.commit()
    auth.post(f"/reviews/{review.id}/rate", {"helpfulness": "4", "thanks": ""})
    assert client.get("/learn/what-holds-us-back").status_code == 200
    html = client.get("/learn/").get_data(as_text=True)
    assert "Stage 1: 3 of 3 complete" in html and 'href="/learn/what-holds-us-back"' in html


def test_locked_lesson_explains_and_refuses_posts(client, auth, signed_in):
    response = client.get("/learn/error-culture")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "This stage opens when you have completed every lesson of “Why network at all”." in html
    assert "Mark as read" not in html
    assert auth.post("/learn/error-culture/read").status_code == 403
    assert _reflect(auth, "error-culture").status_code == 403
    assert db.session.query(LessonProgress).count() == 0


def test_other_tracks_lessons_do_not_exist_for_a_learner(client, auth, signed_in):
    assert client.get("/learn/leading-by-being-visible").status_code == 404
    assert client.get("/learn/no-such-lesson").status_code == 404


def test_plan_needs_one_line(auth, create_user, organisation):
    leader = create_user(Role.LEARNER, organisation=organisation, track=Track.LEADERSHIP)
    open_every_stage(leader)
    auth.login(leader.email)
    html = auth.post("/learn/guidelines-as-enablement/exercise", {}).get_data(as_text=True)
    assert "Fill in at least one line of your plan." in html
    response = auth.post("/learn/guidelines-as-enablement/exercise", {"row1_topic": "Our night shift"})
    assert response.status_code == 302
    assert response_for(leader, "guidelines-as-enablement").answers["row1_topic"] == "Our night shift"


def test_scheduled_cohort_opens_by_date(client, signed_in):
    cohort = open_every_stage(signed_in)
    last = next(entry for entry in cohort.schedule if entry.stage_key == "lasting-network")
    last.opens_on = date.today() + timedelta(days=10)
    db.session.commit()
    assert client.get("/learn/error-culture").status_code == 200
    response = client.get("/learn/give-and-take")
    assert response.status_code == 403 and "This stage opens on" in response.get_data(as_text=True)


def test_replies_need_every_answer(auth, signed_in):
    open_every_stage(signed_in)
    html = auth.post("/learn/listen-more-than-you-talk/exercise", {"reply1": "Thank you, this helps."}).get_data(as_text=True)
    assert "This field is required." in html and "Thank you, this helps." in html


def test_closing_survey_compares_with_the_first(client, auth, signed_in):
    open_every_stage(signed_in)
    _survey(auth, q_advice_outside_team="2")
    _survey(auth, slug="closing-survey", q_advice_outside_team="7")
    html = client.get("/learn/closing-survey").get_data(as_text=True)
    assert "How your answers changed" in html
    assert "<td>2</td><td>7</td>" in html


def test_post_exercise_leads_to_the_composer(client, auth, signed_in):
    open_every_stage(signed_in)
    html = client.get("/learn/write-about-your-day").get_data(as_text=True)
    assert "For: X, Bluesky" in html and 'href="/learn/write-about-your-day/write">Start writing</a>' in html
    assert auth.post("/learn/write-about-your-day/exercise", {"answer": "x"}).status_code == 404


def test_trainer_previews_every_lesson_without_recording_progress(client, auth, trainer):
    auth.login(trainer.email)
    html = client.get("/learn/").get_data(as_text=True)
    assert "The curriculum" in html and "Leading by being visible" in html and "Locked" not in html
    html = client.get("/learn/speaking-within-guidelines").get_data(as_text=True)
    assert "Preview: learners mark lessons as read" in html and "Mark as read" not in html


def test_lesson_links_point_to_lessons(client, signed_in):
    html = client.get("/learn/before-we-start").get_data(as_text=True)
    assert 'href="/learn/closing-survey"' in html and "lesson:" not in html


def test_the_closing_survey_links_to_the_circle_s_round_and_the_follow_up(client, auth, trainer):
    auth.login(trainer.email)  # a preview: every stage is open
    html = client.get("/learn/closing-survey").get_data(as_text=True)
    assert 'href="/circle/rounds"' in html and 'href="/surveys/follow-up"' in html and "page:" not in html


def test_control_characters_in_an_answer_are_dropped_as_in_every_other_text(auth, signed_in):
    assert _reflect(auth, "networking-is-doing", text="Null\x00 and\r\nbell\x07 gone.").status_code == 302
    assert response_for(signed_in, "networking-is-doing").answers == {"answer": "Null and\nbell gone."}


def test_answers_given_to_the_service_directly_are_cleaned_too(signed_in):
    from course.exercises.services import save_response

    lesson = lessons.curriculum.lessons["networking-is-doing"]
    saved = save_response(signed_in, lesson, {"answer": "A\x00B"})
    db.session.commit()
    assert saved.answers == {"answer": "AB"}


# A fixed number of statements per lesson page ---------------------------------------------------

# The signed-in person and their session; their cohort with its schedule; their progress and submitted
# drafts; their answer to the exercise; the header's unread count and guidelines banner.
LESSON_PAGE_STATEMENTS = 5


def _statements_of(client, path: str) -> list[str]:
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args):
        statements.append(statement)

    db.session.expunge_all()  # as in production: nothing is remembered from an earlier request
    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.get(path)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200
    return statements


@pytest.mark.parametrize("pacing", [Pacing.SELF_PACED, Pacing.SCHEDULED])
def test_a_lesson_page_reads_a_fixed_number_of_statements(client, auth, signed_in, trainer, organisation, pacing):
    if pacing == Pacing.SCHEDULED:
        open_every_stage(signed_in)
    else:
        db.session.add(Cohort(organisation_id=organisation.id, name="Self-paced",
                              members=[CohortMember(user=signed_in)]))
    publish_guidelines(organisation, trainer)
    send_mail(signed_in, "Welcome", "Hello.")
    db.session.add(Draft(user_id=signed_in.id, lesson_slug="connection-not-detox", first_submitted_at=utcnow()))
    db.session.commit()
    assert _reflect(auth, "networking-is-doing").status_code == 302
    client.get("/learn/networking-is-doing")  # the first request after signing in notes the activity

    statements = _statements_of(client, "/learn/networking-is-doing")

    html = client.get("/learn/networking-is-doing").get_data(as_text=True)
    assert "You have completed this lesson." in html and "I mostly belong to networks" in html
    assert "guidelines-banner" in html and '<span class="badge badge--count">1' in html
    assert all(statement.lstrip().upper().startswith("SELECT") for statement in statements), statements
    assert len(statements) == LESSON_PAGE_STATEMENTS, statements
