"""Writing and feedback: drafts with every version, reviews given, reviews received with the ratings given to them."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from course.accounts.models import User
from course.drafts.models import Draft
from course.extensions import db
from course.privacy.exporters import Row, exporter, fields
from course.review.models import Review

REVIEW_FIELDS = ("assigned_at", "due_at", "submitted_at", "ratings", "worked", "suggestion")


@exporter("drafts", _l("Drafts and their versions"), "drafts.user_id")
def drafts(user: User) -> list[Row]:
    statement = (sa.select(Draft).where(Draft.user_id == user.id).options(selectinload(Draft.versions))
                 .order_by(Draft.id))
    return [{**fields(draft, ("lesson_slug", "platform", "created_at", "updated_at", "first_submitted_at")),
             "versions": [fields(version, ("number", "texts", "platform", "saved_at", "submitted_at"))
                          for version in draft.versions]}
            for draft in db.session.scalars(statement)]


@exporter("reviews_given", _l("Reviews you gave"), "reviews.reviewer_id")
def reviews_given(user: User) -> list[Row]:
    statement = (sa.select(Review, Draft.lesson_slug).join(Draft, Draft.id == Review.draft_id)
                 .where(Review.reviewer_id == user.id).order_by(Review.id))
    return [{"lesson_slug": slug, **fields(review, (*REVIEW_FIELDS, "helpfulness", "thanks"))}
            for review, slug in db.session.execute(statement)]


@exporter("reviews_received", _l("Reviews of your drafts, and how you rated them"))
def reviews_received(user: User) -> list[Row]:
    statement = (sa.select(Review, Draft.lesson_slug).join(Draft, Draft.id == Review.draft_id)
                 .where(Draft.user_id == user.id).order_by(Review.id)
                 .options(selectinload(Review.reviewer), selectinload(Review.cohort)))
    rows = []
    for review, slug in db.session.execute(statement):
        if not review.is_visible_to_author:
            continue
        # Named only where the author was shown the name: an anonymous review stays anonymous here too.
        reviewer = None if review.is_anonymous else review.reviewer.name
        rows.append({"lesson_slug": slug, "reviewer": reviewer,
                     **fields(review, (*REVIEW_FIELDS, "helpfulness", "thanks", "rated_at"))})
    return rows
