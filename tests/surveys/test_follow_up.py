"""The follow-up survey: offered once by the worker 90 days after the closing survey, answered on its own page."""
from datetime import timedelta

import sqlalchemy as sa

from course.accounts.models import Role
from course.database import utcnow
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.surveys.models import FollowUpOffer
from course.surveys.offers import offer_follow_ups
from course.tasks import offer_follow_up_surveys
from tests.conftest import outbox_messages

ANSWERS = {"q_networking_meaning": "Exchanging ideas", "q_valuable_when": "When I am stuck",
           "q_advice_outside_team": "6", "q_confidence_posting": "4"}


def answer(user, slug: str, days_ago: float, **changes) -> ExerciseResponse:
    when = utcnow() - timedelta(days=days_ago)
    response = ExerciseResponse(user_id=user.id, lesson_slug=slug, kind="survey", answers={**ANSWERS, **changes},
                                created_at=when, updated_at=when)
    db.session.add(response)
    db.session.commit()
    return response


def test_the_follow_up_is_offered_once_when_it_opens(app, create_user, organisation):
    due = create_user(Role.LEARNER, organisation=organisation, name="Due Person", language="de")
    early = create_user(Role.LEARNER, organisation=organisation)
    answered = create_user(Role.LEARNER, organisation=organisation)
    answer(due, "closing-survey", 91)
    answer(early, "closing-survey", 80)
    answer(answered, "closing-survey", 120)
    answer(answered, "closing-survey:follow-up", 10)

    assert offer_follow_ups(utcnow()) == 1
    db.session.commit()
    assert offer_follow_ups(utcnow() + timedelta(days=1)) == 0

    [message] = outbox_messages()
    assert message.recipient_id == due.id
    assert message.subject == "Neunzig Tage später: die vier Fragen des Kurses noch einmal"
    assert "http://localhost/surveys/follow-up" in message.body
    assert db.session.scalar(sa.select(FollowUpOffer.user_id)) == due.id


def test_the_worker_job_commits_its_offers(app, create_user, organisation):
    person = create_user(Role.LEARNER, organisation=organisation)
    answer(person, "closing-survey", 95)
    offer_follow_up_surveys.call_local()
    db.session.rollback()
    assert [m.recipient_id for m in outbox_messages()] == [person.id]


def test_before_it_opens_the_page_says_when(client, auth, learner):
    answer(learner, "closing-survey", 30)
    auth.login(learner.email)
    page = client.get("/surveys/follow-up").get_data(as_text=True)
    assert "It opens on" in page and 'name="q_confidence_posting"' not in page
    refused = auth.post("/surveys/follow-up", ANSWERS).get_data(as_text=True)
    assert "It opens on" in refused
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExerciseResponse)) == 1


def test_without_a_closing_survey_the_page_points_to_it(client, auth, learner):
    auth.login(learner.email)
    page = client.get("/surveys/follow-up").get_data(as_text=True)
    assert 'href="/learn/closing-survey"' in page


def test_answering_stores_the_answers_and_shows_all_three(client, auth, learner):
    answer(learner, "before-we-start", 200, q_advice_outside_team="2")
    answer(learner, "closing-survey", 100, q_advice_outside_team="5")
    auth.login(learner.email)
    assert 'name="q_confidence_posting"' in client.get("/surveys/follow-up").get_data(as_text=True)

    response = auth.post("/surveys/follow-up", {**ANSWERS, "q_advice_outside_team": "8"})

    assert response.headers["Location"] == "/surveys/follow-up#comparison"
    stored = db.session.scalar(sa.select(ExerciseResponse).where(
        ExerciseResponse.lesson_slug == "closing-survey:follow-up"))
    assert stored.answers["q_advice_outside_team"] == "8"
    page = client.get("/surveys/follow-up").get_data(as_text=True)
    assert "How your answers moved" in page
    row = page[page.index("How many people outside"):]
    assert [row.index(">2<"), row.index(">5<"), row.index(">8<")] == sorted([row.index(">2<"), row.index(">5<"),
                                                                            row.index(">8<")])


def test_a_missing_answer_is_explained_and_the_rest_kept(client, auth, learner):
    answer(learner, "closing-survey", 100)
    auth.login(learner.email)
    page = auth.post("/surveys/follow-up", {**ANSWERS, "q_confidence_posting": ""}).get_data(as_text=True)
    assert "field--invalid" in page and "When I am stuck" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExerciseResponse)) == 1


def test_trainers_do_not_answer_it(client, auth, trainer):
    auth.login(trainer.email)
    assert client.get("/surveys/follow-up").status_code == 403
