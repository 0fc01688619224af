"""Reviews and drafts of one cohort's members, found for a trainer: 404 for any other."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from course.cohorts.models import Cohort, CohortMember
from course.drafts.models import Draft
from course.extensions import db
from course.review.models import Review
from course.works_council.visibility import may_name


def of_cohort(statement: sa.Select, cohort: Cohort) -> sa.Select:
    """Restrict a statement over drafts to those whose author is in ``cohort`` (already scoped)."""
    return statement.join(CohortMember, CohortMember.user_id == Draft.user_id).where(CohortMember.cohort_id == cohort.id)


def get_review_or_404(cohort: Cohort, review_id: int) -> Review:
    """A review of a draft written by a member of ``cohort``; 404 for any other, and in the works-council mode
    for one whose author or reviewer does not share their progress (the review page does not list it)."""
    statement = sa.select(Review).join(Draft, Review.draft_id == Draft.id).where(Review.id == review_id)
    review = db.first_or_404(of_cohort(statement, cohort))
    if not (may_name(cohort.organisation, review.draft.author) and may_name(cohort.organisation, review.reviewer)):
        abort(404)
    return review


def get_draft_or_404(cohort: Cohort, draft_id: int) -> Draft:
    """A draft written by a member of ``cohort``; 404 for any other, and in the works-council mode for one whose
    author does not share their progress."""
    draft = db.first_or_404(of_cohort(sa.select(Draft).where(Draft.id == draft_id), cohort))
    if not may_name(cohort.organisation, draft.author):
        abort(404)
    return draft
