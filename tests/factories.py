"""Test data made through the real services, shared by every test package: a submitted post, a review circle.

Tests build what they need here, the way flaskr and Indico keep their factories in one place, so a change to
how a draft is submitted or a circle is formed is made once.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from course.accounts.models import Organisation, User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.library import lessons
from course.database import utcnow
from course.drafts.models import Draft
from course.drafts.services import draft_for, save_draft
from course.extensions import db
from course.review.models import Review
from course.review.submission import submit_draft
from tests.conftest import open_every_stage

POST_LESSON = "connection-not-detox"  # stage 1: a post for X, Bluesky, Mastodon or LinkedIn


def submit_post(author: User, text: str | None = None, slug: str = POST_LESSON, platform: str | None = "x", *,
                commit: bool = True) -> Draft:
    """Write (or revise) ``author``'s post for ``slug`` and submit it as the composer does; reviewers are allocated.

    Without ``text``, each version gets a text of its own ("Version 2 of my post …").
    """
    lesson = lessons.curriculum.lessons[slug]
    draft = draft_for(author, slug)
    if text is None:
        text = f"Version {len(draft.versions) + 1 if draft else 1} of my post about {slug}."
    draft = save_draft(author, lesson, {"post": text}, platform=platform, revision=draft.revision if draft else 0)
    submit_draft(author, lesson, draft)
    if commit:
        db.session.commit()
    return draft


@dataclass
class ReviewCircle:
    """An author and two reviewers in one circle of a cohort whose stages are all open."""

    author: User
    reviewers: list[User]
    cohort: Cohort

    def review_by(self, reviewer: User, draft: Draft | None = None) -> Review:
        draft = draft or draft_for(self.author, POST_LESSON)
        return db.session.scalar(sa.select(Review).where(Review.draft_id == draft.id,
                                                         Review.reviewer_id == reviewer.id))


def circle_of_three(create_user, organisation: Organisation, *, author: User | None = None,
                    first_reviewer: User | None = None, anonymous: bool = False) -> ReviewCircle:
    """``author`` (Alex Author by default) with Robin Reviewer (or ``first_reviewer``) and Kim Colleague, all seen
    recently; named reviews unless ``anonymous``. Committed."""
    author = author or create_user(organisation=organisation, name="Alex Author", email="alex@acme.example")
    author.last_seen_at = utcnow()
    first = first_reviewer or create_user(organisation=organisation, name="Robin Reviewer",
                                          email="robin@acme.example", last_seen_at=utcnow())
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
