"""The calendars as files: a cohort's stage dates, a person's review due dates, and my calendar."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.curriculum.library import lessons
from course.database import utcnow
from course.extensions import db
from course.review.models import Review
from tests.calendars.conftest import events_by_uid, parse, schedule
from tests.factories import POST_LESSON, submit_post

LESSON_TITLE = "Connection, not detox"


def test_a_scheduled_cohort_has_one_all_day_event_per_stage(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    dates = schedule(circle.cohort, date(2027, 3, 1))
    auth.login(circle.author.email)

    events = events_by_uid(parse(client.get(f"/calendar/cohorts/{circle.cohort.id}/stages.ics")))

    assert len(events) == len(lessons.curriculum.stages)
    for stage in lessons.curriculum.stages:
        event = events[f"stage-{circle.cohort.id}-{stage.key}@vernetzt"]
        assert event.decoded("dtstart") == dates[stage.key]  # a date: an all-day event
        assert not isinstance(event.decoded("dtstart"), datetime)
        assert event.decoded("dtend") == dates[stage.key] + timedelta(days=1)
        assert str(event["summary"]) == f"Stage {stage.number}: {stage.title('en')} opens"
        assert "http://localhost/learn/" in str(event["description"])
        assert event.decoded("dtstamp").tzinfo is not None


def test_a_first_stage_without_a_date_opens_on_the_start_date(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    circle.cohort.starts_on = date(2027, 2, 1)
    circle.cohort.schedule = []
    db.session.commit()
    auth.login(circle.author.email)

    events = list(parse(client.get(f"/calendar/cohorts/{circle.cohort.id}/stages.ics")).events)

    first = lessons.curriculum.stages[0]
    assert [(str(event["uid"]), event.decoded("dtstart")) for event in events] == [
        (f"stage-{circle.cohort.id}-{first.key}@vernetzt", date(2027, 2, 1))]


def test_a_self_paced_cohort_has_no_stage_dates_and_the_page_says_so(auth, client, learner):
    cohort = Cohort(organisation_id=learner.organisation_id, name="Spring", pacing=Pacing.SELF_PACED)
    cohort.members.append(CohortMember(user=learner))
    db.session.add(cohort)
    db.session.commit()
    auth.login(learner.email)

    assert list(parse(client.get(f"/calendar/cohorts/{cohort.id}/stages.ics")).events) == []
    page = client.get("/calendar/").get_data(as_text=True)
    assert "Self-paced: each stage opens when the one before is complete" in page
    assert f"/calendar/cohorts/{cohort.id}/stages.ics" not in page


def test_a_review_due_is_an_event_at_its_due_time_in_utc(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    reviewer = circle.reviewers[0]
    review = circle.review_by(reviewer)
    review.due_at = datetime(2027, 1, 15, 16, 30, tzinfo=UTC)
    db.session.commit()
    auth.login(reviewer.email)

    response = client.get("/calendar/reviews.ics")
    events = events_by_uid(parse(response))

    event = events[f"review-{review.id}@vernetzt"]
    assert event.decoded("dtstart") == datetime(2027, 1, 15, 16, 30, tzinfo=UTC)
    assert "DTSTART:20270115T163000Z" in response.get_data(as_text=True)
    assert str(event["summary"]) == f"Review due: {LESSON_TITLE}"
    assert str(event["url"]) == f"http://localhost/reviews/{review.id}"
    assert f"http://localhost/reviews/{review.id}" in str(event["description"])


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_review_due_never_names_the_author(auth, client, make_reviewing_circle, anonymous):
    circle = make_reviewing_circle(anonymous=anonymous)
    auth.login(circle.reviewers[0].email)

    response = client.get("/calendar/reviews.ics")
    text = response.get_data(as_text=True)

    assert [str(event["summary"]) for event in parse(response).events] == [f"Review due: {LESSON_TITLE}"]
    assert circle.author.name not in text and "Alex" not in text
    assert circle.author.email not in text


def test_only_open_reviews_are_in_the_calendar(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    reviewer = circle.reviewers[0]
    sent, withdrawn, still_open = (circle.review_by(reviewer, draft) for draft in _three_drafts(circle))
    sent.submitted_at = utcnow()
    withdrawn.withdrawn_at = utcnow()
    db.session.commit()
    auth.login(reviewer.email)

    uids = set(events_by_uid(parse(client.get("/calendar/reviews.ics"))))

    assert uids == {f"review-{still_open.id}@vernetzt"}


def _three_drafts(circle):
    """The author's post and two more, each with a review for the circle's first reviewer."""
    for slug, platform in (("write-about-your-day", "x"), ("working-out-loud", "linkedin")):
        submit_post(circle.author, slug=slug, platform=platform)
    reviews = db.session.scalars(sa.select(Review).where(Review.reviewer_id == circle.reviewers[0].id)
                                 .order_by(Review.id)).all()
    assert len(reviews) == 3, "three drafts with a review for the first reviewer"
    return [review.draft for review in reviews]


def test_my_calendar_holds_the_stage_dates_and_the_review_dues(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    schedule(circle.cohort, date(2027, 3, 1))
    reviewer = circle.reviewers[0]
    auth.login(reviewer.email)

    response = client.get("/calendar/mine.ics")
    uids = set(events_by_uid(parse(response)))

    stages = {f"stage-{circle.cohort.id}-{stage.key}@vernetzt" for stage in lessons.curriculum.stages}
    assert uids == stages | {f"review-{circle.review_by(reviewer).id}@vernetzt"}
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"


def test_the_calendar_is_in_the_persons_language_whatever_the_browser_asks(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    schedule(circle.cohort, date(2027, 3, 1))
    reviewer = circle.reviewers[0]
    reviewer.language = "de"
    db.session.commit()
    auth.login(reviewer.email)

    calendar = parse(client.get("/calendar/mine.ics", headers={"Accept-Language": "en"}))

    summaries = sorted(str(event["summary"]) for event in calendar.events)
    first = lessons.curriculum.stages[0]
    assert f"Etappe 1 öffnet: {first.title('de')}" in summaries
    assert f"Feedback fällig: {lessons.curriculum.lesson_title(POST_LESSON, 'de')}" in summaries


def test_a_person_without_a_language_gets_the_requests(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    auth.login(circle.reviewers[0].email)

    calendar = parse(client.get("/calendar/reviews.ics", headers={"Accept-Language": "de"}))

    assert [str(event["summary"]) for event in calendar.events] == [
        f"Feedback fällig: {lessons.curriculum.lesson_title(POST_LESSON, 'de')}"]


def test_stage_dates_are_for_the_cohorts_members_and_its_organisations_staff(
        auth, client, make_reviewing_circle, create_user, organisation, trainer):
    circle = make_reviewing_circle()
    schedule(circle.cohort, date(2027, 3, 1))
    outsider = create_user(Role.LEARNER, organisation=organisation, email="outsider@acme.example")
    url = f"/calendar/cohorts/{circle.cohort.id}/stages.ics"

    auth.login(outsider.email)
    assert client.get(url).status_code == 404  # same organisation, another (or no) cohort
    auth.logout()
    auth.login(trainer.email)
    assert len(list(parse(client.get(url)).events)) == len(lessons.curriculum.stages)


def test_the_page_lists_what_the_calendar_holds_and_the_downloads(auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    schedule(circle.cohort, date(2027, 3, 1))
    auth.login(circle.reviewers[0].email)

    page = client.get("/calendar/").get_data(as_text=True)

    assert f"Review due: {LESSON_TITLE}" in page
    assert f"Stage 1: {lessons.curriculum.stages[0].title('en')} opens" in page
    assert "/calendar/mine.ics" in page and f"/calendar/cohorts/{circle.cohort.id}/stages.ics" in page
    assert "Subscribe from web" in page and "From URL" in page and "New Calendar Subscription" in page


def test_a_trainer_sees_the_stage_dates_of_their_cohorts(auth, client, make_reviewing_circle, trainer):
    circle = make_reviewing_circle()
    schedule(circle.cohort, date(2027, 3, 1))
    auth.login(trainer.email)

    page = client.get("/calendar/").get_data(as_text=True)

    assert f"Stage dates of {circle.cohort.name} (.ics)" in page
    assert "Nothing dated yet." in page  # no reviews of their own to write


def test_the_profile_and_my_reviews_link_to_the_calendar(auth, client, learner):
    auth.login(learner.email)

    assert 'href="/calendar/"' in client.get("/profile").get_data(as_text=True)
    assert 'href="/calendar/"' in client.get("/reviews/").get_data(as_text=True)
