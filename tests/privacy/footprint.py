"""A person with a row in every table that refers to people: what a download must hold and a deletion remove."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from course.accounts.models import User
from course.audit.services import record
from course.auth.models import LoginSession
from course.calendars.models import CalendarLink
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.events.models import Event, EventConsent, Source, WallPost
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.guidelines.acknowledgements import acknowledge
from course.guidelines.services import publish, start_draft
from course.mail.services import send_mail
from course.network.models import FollowMark, NetworkProfile, Presence, Publication, ReplyMark, Visibility
from course.reminders.models import Reminder
from course.review.models import Review
from course.review.services import rate_review, save_review
from course.rounds.models import CheckInReminder, CircleRound, RoundCheckIn, RoundGoal
from course.sso.models import IdentityProvider, SsoLink
from course.surveys.models import FollowUpOffer
from tests.factories import POST_LESSON, ReviewCircle, circle_of_three, submit_post

RATINGS = {"authenticity": 3, "audience_fit": 3, "clarity": 3, "guidelines": 3}
SECRET_TEXT = "My post <script>alert('x')</script> & more"


@dataclass
class Footprint:
    person: User  # Robin Reviewer: the one who downloads or deletes
    author: User  # Alex Author, whose post Robin reviewed
    colleague: User  # Kim Colleague
    circle: ReviewCircle
    given: Review  # Robin's review of Alex's post, sent
    open_review: Review  # Robin's review of Kim's post, not sent


def leave_footprint(create_user, organisation, trainer: User) -> Footprint:
    """Robin writes, reviews, is reviewed and rated, answers, acknowledges, publishes, follows, checks in …"""
    circle = circle_of_three(create_user, organisation)
    person, colleague, author = circle.reviewers[0], circle.reviewers[1], circle.author
    own = submit_post(person, SECRET_TEXT)
    alex_draft = submit_post(author, "Alex's post about listening.")
    kim_draft = submit_post(colleague, "Kim's post.")
    given = circle.review_by(person, alex_draft)
    save_review(given, ratings=RATINGS, worked="The opening question.", suggestion="A shorter ending.", submit=True)
    received = circle.review_by(author, own)
    save_review(received, ratings=RATINGS, worked="Honest.", suggestion="Add a link.", submit=True)
    rate_review(received, 4, "Thanks, Alex!")
    open_review = circle.review_by(person, kim_draft)
    if open_review is None:  # allocation gave Kim's post to Alex and the trainer: give Robin one by hand
        open_review = Review(draft_id=kim_draft.id, version_id=kim_draft.latest.id, reviewer_id=person.id,
                             cohort_id=circle.cohort.id, due_at=utcnow() + timedelta(days=3))
        db.session.add(open_review)
    save_review(open_review, ratings={}, worked="Half a thought", suggestion="", submit=False)
    version = start_draft(organisation, trainer, "en")
    publish(version, trainer, "First.")
    acknowledge(person, version)
    now = utcnow()
    publication = Publication(user_id=person.id, draft_id=own.id, cohort_id=circle.cohort.id, platform="x",
                              text=SECRET_TEXT, url="https://x.com/robin/status/1")
    alex_publication = Publication(user_id=author.id, cohort_id=circle.cohort.id, platform="x", text="Alex's",
                                   url="https://x.com/alex/status/2")
    event = Event(organisation_id=organisation.id, name="Open day", hashtag="#OpenDay", cohorts=[circle.cohort],
                  starts_at=now, ends_at=now + timedelta(hours=4), created_by_id=trainer.id)
    db.session.add_all([publication, alex_publication, event])
    db.session.flush()
    publication.event_id = event.id
    round_ = CircleRound(circle=circle.cohort.circles[0], number=1, started_at=now, ends_at=now + timedelta(days=90),
                         started_by_id=person.id)
    db.session.add(round_)
    db.session.flush()
    db.session.add_all([
        ExerciseResponse(user_id=person.id, lesson_slug="networking-is-doing", kind="reflection",
                         answers={"reflection": "I listen more than I post."}),
        LessonProgress(user_id=person.id, lesson_slug="networking-is-doing", read_at=now, completed_at=now),
        Reminder(user_id=person.id, cohort_id=circle.cohort.id, sent_by_id=trainer.id, reasons=["inactive"]),
        NetworkProfile(user_id=person.id, visibility=Visibility.COHORT),
        Presence(user_id=person.id, platform="mastodon", address="@robin@chaos.social"),
        FollowMark(user_id=person.id, followed_id=author.id), FollowMark(user_id=author.id, followed_id=person.id),
        ReplyMark(user_id=person.id, publication_id=alex_publication.id),
        ReplyMark(user_id=author.id, publication_id=publication.id),
        EventConsent(event_id=event.id, user_id=person.id),
        WallPost(event_id=event.id, source=Source.MEMBER, publication_id=publication.id, author="Robin",
                 text=SECRET_TEXT, url=publication.url, posted_at=now, moderated_by_id=person.id),
        RoundGoal(round_id=round_.id, user_id=person.id, text="Post twice a week."),
        RoundCheckIn(round_id=round_.id, user_id=person.id, note="Posted once."),
        CheckInReminder(round_id=round_.id, user_id=person.id, number=1),
        FollowUpOffer(user_id=person.id),
        CalendarLink(user_id=person.id, token_hash="f" * 64),
        LoginSession(user_id=person.id, secret_hash="0" * 64, browser="Firefox · Linux"),
        SsoLink(user_id=person.id, provider=IdentityProvider(
            organisation_id=organisation.id, issuer="https://login.acme.example", client_id="vernetzt",
            client_secret_encrypted="not used here"), subject="robin-at-acme"),
    ])
    send_mail(person, "Your review is due", "Please review Kim's post.")
    record(trainer, "person.viewed", organisation_id=organisation.id, subject=person)
    db.session.commit()
    return Footprint(person, author, colleague, circle, given, open_review)


def rows_referring_to(user_id: int) -> dict[str, int]:
    """For every column that refers to a person: how many rows refer to ``user_id``."""
    counts = {}
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if any(key.column.table.name == "users" for key in column.foreign_keys):
                statement = sa.select(sa.func.count()).select_from(table).where(column == user_id)
                counts[f"{table.name}.{column.name}"] = db.session.scalar(statement)
    return counts


__all__ = ["POST_LESSON", "Footprint", "leave_footprint", "rows_referring_to"]
