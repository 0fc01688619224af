"""What reviewers and authors read about peer review, each scoped to the signed-in person.

A reviewer reaches only reviews assigned to them, an author only the visible
reviews of their own drafts; anything else is "not found", so ids reveal nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from course.accounts.models import User
from course.drafts.models import Draft
from course.extensions import db
from course.review.models import Review


@dataclass
class MyReviews:
    """A reviewer's reviews: to do (soonest due first), overdue, and done (latest first)."""

    to_do: list[Review] = field(default_factory=list)
    overdue: list[Review] = field(default_factory=list)
    done: list[Review] = field(default_factory=list)


@dataclass(frozen=True)
class FeedbackCounts:
    """How far the feedback on a draft has come, without saying who gives it."""

    received: int
    pending: int
    due_by: datetime | None


def my_reviews(user: User, now: datetime) -> MyReviews:
    """The reviews ``user`` was asked to write and still holds (not taken back by a trainer)."""
    reviews = db.session.scalars(
        sa.select(Review).where(Review.reviewer_id == user.id, Review.withdrawn_at.is_(None))
        .options(joinedload(Review.draft).joinedload(Draft.author))
        .order_by(Review.due_at, Review.id)
    )
    mine = MyReviews()
    for review in reviews:
        if review.is_submitted:
            mine.done.append(review)
        else:
            (mine.overdue if review.is_overdue(now) else mine.to_do).append(review)
    mine.done.sort(key=lambda review: review.submitted_at or review.assigned_at, reverse=True)
    return mine


def open_reviews(user: User) -> list[Review]:
    """The reviews ``user`` still has to write (not sent, not taken back by a trainer), soonest due first."""
    return list(db.session.scalars(
        sa.select(Review).where(Review.reviewer_id == user.id, Review.submitted_at.is_(None),
                                Review.withdrawn_at.is_(None))
        .options(joinedload(Review.draft))
        .order_by(Review.due_at, Review.id)))


def get_own_review_or_404(user: User, review_id: int) -> Review:
    """A review assigned to ``user``; 404 for anyone else's."""
    return db.first_or_404(sa.select(Review).where(Review.id == review_id, Review.reviewer_id == user.id))


def get_received_review_or_404(user: User, review_id: int) -> Review:
    """A submitted, visible review of one of ``user``'s drafts; 404 for any other."""
    return db.first_or_404(
        sa.select(Review).join(Draft, Review.draft_id == Draft.id)
        .where(Review.id == review_id, Draft.user_id == user.id,
               Review.submitted_at.is_not(None), Review.hidden_at.is_(None))
    )


def draft_reviews(draft: Draft) -> list[Review]:
    """Every review ever handed out for ``draft``, in the order they were handed out."""
    return list(db.session.scalars(
        sa.select(Review).where(Review.draft_id == draft.id)
        .options(joinedload(Review.cohort), selectinload(Review.reviewer))
        .order_by(Review.assigned_at, Review.id)
    ))


def feedback_counts(reviews: list[Review]) -> FeedbackCounts:
    """Reviews the author can read, and those still being written (a reassigned one is replaced, not counted)."""
    pending = [review for review in reviews if review.is_open and not review.is_extra]
    return FeedbackCounts(sum(review.is_visible_to_author for review in reviews), len(pending),
                          max((review.due_at for review in pending), default=None))


def reviewer_numbers(reviews: list[Review]) -> dict[int, int]:
    """A stable number per peer reviewer of a draft (1, 2, …), in the order they were first asked.

    Used only on the server to label reviews; the numbers never leave it as ids.
    """
    numbers: dict[int, int] = {}
    for review in reviews:
        if not review.is_from_trainer:
            numbers.setdefault(review.reviewer_id, len(numbers) + 1)
    return numbers
