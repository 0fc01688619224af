"""Review health: every submitted draft of the cohort with its reviews, and the cohort's counts.

The page reads a fixed number of statements, however many drafts or reviews the cohort has: rows are loaded in
bulk and grouped in memory.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import format_decimal, get_locale
from sqlalchemy.orm import joinedload

from course.accounts.models import Role, User
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.library import lessons
from course.drafts.models import Draft, DraftVersion
from course.extensions import db
from course.review.models import Review
from course.review.pages import ReviewView, review_view
from course.review.status import KIND_LABELS, review_status
from course.works_council.visibility import is_restricted, may_name, may_show_figure, smallest_group
from course.workspace.reviews.queries import of_cohort


@dataclass
class ReviewRow:
    review: Review
    kind: str
    status: str  # open, overdue, extra, submitted, hidden, withdrawn: a CSS modifier too
    status_label: str
    version_number: int | None
    view: ReviewView | None  # levels and texts, once submitted
    candidates: list[User]
    can_hide: bool
    can_reassign: bool
    is_named: bool = True  # False in the works-council mode for a reviewer who does not share: no name, no status


@dataclass
class DraftRow:
    draft: Draft
    lesson_title: str
    version_number: int  # the latest submitted version
    submitted_at: datetime
    reviews: list[ReviewRow] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewHealth:
    drafts: list[DraftRow]
    open: int
    overdue: int
    average_helpfulness: str | None  # formatted for the page's language; None when nobody has rated
    is_restricted: bool = False  # the works-council mode: drafts and reviews only of people who share
    figures_shown: bool = True  # False: the counts would tell about the people not listed (too few people)
    smallest_group: int = 0


def review_health(cohort: Cohort, now: datetime) -> ReviewHealth:
    """Every submitted draft of the cohort's members with its reviews, and the cohort's counts.

    In the works-council mode only the drafts of people who share their progress are listed, a review by someone
    who does not share is listed without name and status, nobody else is offered to take a review over, and the
    counts are shown only as ``may_show_figure`` allows beside the people listed.
    """
    organisation = cohort.organisation
    drafts = list(db.session.scalars(of_cohort(
        sa.select(Draft).where(Draft.first_submitted_at.is_not(None)).options(joinedload(Draft.author)), cohort)
        .order_by(Draft.first_submitted_at.desc(), Draft.id.desc())))
    draft_ids = [draft.id for draft in drafts]
    versions = db.session.execute(
        sa.select(DraftVersion.id, DraftVersion.draft_id, DraftVersion.number, DraftVersion.submitted_at)
        .where(DraftVersion.draft_id.in_(draft_ids), DraftVersion.is_submitted)
        .order_by(DraftVersion.number)
    ).all()
    reviews = list(db.session.scalars(
        sa.select(Review).where(Review.draft_id.in_(draft_ids)).options(joinedload(Review.reviewer))
        .order_by(Review.assigned_at, Review.id)
    ))
    learners = list(db.session.scalars(
        sa.select(User).join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id, User.active.is_(True), User.role == Role.LEARNER)
        .order_by(User.name, User.id)
    ))
    named = {user.id for user in learners if may_name(organisation, user)}
    figures_shown = (not is_restricted(organisation)
                     or may_show_figure(organisation, len(learners), len(learners) - len(named)))
    hidden_drafts = {draft.id for draft in drafts if not may_name(organisation, draft.author)}
    drafts = [draft for draft in drafts if draft.id not in hidden_drafts]
    offered = [user for user in learners if user.id in named]
    language = str(get_locale())
    numbers = {version.id: version.number for version in versions}
    latest = {version.draft_id: version for version in versions}  # ordered by number: the last one wins
    rows = {draft.id: DraftRow(draft, lessons.curriculum.lesson_title(draft.lesson_slug, language), latest[draft.id].number,
                               latest[draft.id].submitted_at) for draft in drafts}
    on_draft = defaultdict(set)
    for review in reviews:
        if review.withdrawn_at is None:
            on_draft[review.draft_id].add(review.reviewer_id)
    for review in reviews:
        if review.draft_id in hidden_drafts:
            continue
        row = rows[review.draft_id]
        if not may_name(organisation, review.reviewer):
            row.reviews.append(_unnamed_row(review))
            continue
        # As reassign_candidates(), for every open review at once.
        candidates = [p for p in offered if p.id != row.draft.user_id and p.id not in on_draft[review.draft_id]
                      ] if review.is_open else []
        row.reviews.append(_review_row(review, row.draft.lesson_slug, numbers.get(review.version_id),
                                       candidates, now, language))
    rated = [review.helpfulness for review in reviews if review.helpfulness is not None]
    return ReviewHealth(
        list(rows.values()),
        open=sum(review.is_open for review in reviews) if figures_shown else 0,
        overdue=sum(review.is_overdue(now) for review in reviews) if figures_shown else 0,
        average_helpfulness=format_decimal(sum(rated) / len(rated), format="0.0") if rated and figures_shown else None,
        is_restricted=is_restricted(organisation), figures_shown=figures_shown,
        smallest_group=smallest_group(organisation),
    )


def _unnamed_row(review: Review) -> ReviewRow:
    """A review by someone whose progress the trainer may not see: its kind only."""
    return ReviewRow(review, str(KIND_LABELS[review.kind]), "unnamed", "", None, None, [], can_hide=False,
                     can_reassign=False, is_named=False)


def _review_row(review: Review, slug: str, version_number: int | None, candidates: list[User],
                now: datetime, language: str) -> ReviewRow:
    status, label = review_status(review, now)
    view = review_view(review, review.reviewer.name, language) if review.is_submitted else None
    return ReviewRow(review, str(KIND_LABELS[review.kind]), status, label, version_number, view, candidates, can_hide=review.is_submitted and not review.is_hidden,
                     can_reassign=review.can_be_reassigned)
