"""A review circle: an author and two reviewers seen recently, and helpers to submit and review drafts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Organisation, Role, Track, User
from course.accounts.passwords import hash_password
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.models import Draft
from course.drafts.services import draft_for, save_draft
from course.extensions import db
from course.review.models import Review
from course.review.submission import submit_draft
from tests.conftest import PASSWORD, open_every_stage
from tests.drafts.conftest import POST_LESSON

# A reviewer who must never be recognisable to the author of an anonymous cohort.
HIDDEN_ID = 987654321
HIDDEN_NAME = "Zephyrine Quillfeather"
HIDDEN_EMAIL = "zephyrine.quillfeather@hidden.example"

GOOD_REVIEW = {
    "rating_authenticity": "3", "rating_audience_fit": "2", "rating_clarity": "4",
    "worked": "The question at the end invites replies.",
    "suggestion": "Name the audit you mean, so colleagues know whom to ask.",
}


@dataclass
class ReviewCircle:
    """Who is in the circle; the author's draft is reviewed by both reviewers."""

    author: User
    reviewers: list[User]
    cohort: Cohort

    def review_by(self, reviewer: User, draft: Draft | None = None) -> Review:
        draft = draft or draft_for(self.author, POST_LESSON)
        return db.session.scalar(sa.select(Review).where(Review.draft_id == draft.id,
                                                         Review.reviewer_id == reviewer.id))


def submit_text(author: User, text: str = "Ask Jo about audits: she explains the why. Who else does?",
                slug: str = POST_LESSON) -> Draft:
    """Save and submit ``author``'s post as the composer does; reviewers are allocated."""
    lesson = lessons.curriculum.lessons[slug]
    draft = draft_for(author, slug)
    draft = save_draft(author, lesson, {"post": text}, platform="x", revision=draft.revision if draft else 0)
    submit_draft(author, lesson, draft)
    db.session.commit()
    return draft


def assign(draft: Draft, reviewer: User, due_in: timedelta = timedelta(days=3)) -> Review:
    """Give ``reviewer`` a review of ``draft`` by hand, outside the allocation."""
    now = utcnow()
    review = Review(draft_id=draft.id, version_id=draft.latest.id, reviewer_id=reviewer.id,
                    assigned_at=now, due_at=now + due_in)
    db.session.add(review)
    db.session.commit()
    return review


def hidden_reviewer(organisation: Organisation) -> User:
    """A learner with a distinctive name, e-mail and id, to search pages and mails for."""
    user = User(id=HIDDEN_ID, name=HIDDEN_NAME, email=HIDDEN_EMAIL, role=Role.LEARNER, track=Track.STAFF,
                organisation_id=organisation.id, password_hash=hash_password(PASSWORD), last_seen_at=utcnow())
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def make_circle(create_user, organisation):
    """A circle of three in a cohort whose stages are all open: named reviews unless ``anonymous``."""

    def make(*, anonymous: bool = False, with_hidden_reviewer: bool = False) -> ReviewCircle:
        author = create_user(organisation=organisation, name="Alex Author", email="alex@acme.example",
                             last_seen_at=utcnow())
        first = hidden_reviewer(organisation) if with_hidden_reviewer else create_user(
            organisation=organisation, name="Robin Reviewer", email="robin@acme.example", last_seen_at=utcnow())
        second = create_user(organisation=organisation, name="Kim Colleague", email="kim@acme.example",
                             last_seen_at=utcnow())
        cohort = open_every_stage(author)
        cohort.anonymous_reviews = anonymous
        circle = Circle(cohort=cohort, number=1)
        db.session.add(circle)
        cohort.members[0].circle = circle
        cohort.members += [CohortMember(user=first, circle=circle), CohortMember(user=second, circle=circle)]
        db.session.commit()
        return ReviewCircle(author, [first, second], cohort)

    return make


@pytest.fixture
def circle(make_circle) -> ReviewCircle:
    """A named circle in which the author has submitted their post."""
    made = make_circle()
    submit_text(made.author)
    return made
