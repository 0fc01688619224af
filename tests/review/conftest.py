"""A review circle: an author and two reviewers seen recently, and helpers to submit and review drafts."""
from __future__ import annotations

from datetime import timedelta

import pytest

from course.accounts.models import Organisation, Role, Track, User
from course.accounts.passwords import hash_password
from course.database import utcnow
from course.drafts.models import Draft
from course.extensions import db
from course.review.models import Review
from tests.conftest import PASSWORD
from tests.drafts.conftest import POST_LESSON
from tests.factories import ReviewCircle, circle_of_three, submit_post

# A reviewer who must never be recognisable to the author of an anonymous cohort.
HIDDEN_ID = 987654321
HIDDEN_NAME = "Zephyrine Quillfeather"
HIDDEN_EMAIL = "zephyrine.quillfeather@hidden.example"

GOOD_REVIEW = {
    "rating_authenticity": "3", "rating_audience_fit": "2", "rating_clarity": "4",
    "worked": "The question at the end invites replies.",
    "suggestion": "Name the audit you mean, so colleagues know whom to ask.",
}


def submit_text(author: User, text: str = "Ask Jo about audits: she explains the why. Who else does?",
                slug: str = POST_LESSON) -> Draft:
    """``author``'s post, submitted as the composer does: the text the review tests read back."""
    return submit_post(author, text, slug)


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
        first = hidden_reviewer(organisation) if with_hidden_reviewer else None
        return circle_of_three(create_user, organisation, first_reviewer=first, anonymous=anonymous)

    return make


@pytest.fixture
def circle(make_circle) -> ReviewCircle:
    """A named circle in which the author has submitted their post."""
    made = make_circle()
    submit_text(made.author)
    return made
