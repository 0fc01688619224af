"""Read-side queries for the trainer's cohort pages: scoped look-ups, circles, review health.

Every page reads a fixed number of statements, however many drafts or
reviews the cohort has: rows are loaded in bulk and grouped in memory.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from course.accounts.models import Role, User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.library import lessons
from course.dates import format_moment
from course.drafts.models import Draft, DraftVersion
from course.extensions import db
from course.permissions import get_scoped_or_404
from course.review.models import Review, ReviewKind
from course.review.pages import ReviewView, review_view

KIND_LABELS = {
    ReviewKind.PEER: _l("Peer"),
    ReviewKind.FALLBACK: _l("Trainer, because the cohort was short"),
    ReviewKind.TRAINER: _l("Trainer feedback"),
}


def get_cohort_or_404(user: User, cohort_id: int) -> Cohort:
    """The cohort if it belongs to one of ``user``'s organisations; 404 otherwise, so ids reveal nothing."""
    return get_scoped_or_404(user, Cohort, cohort_id, Cohort.organisation_id)


def get_member_or_404(cohort: Cohort, user_id: int) -> CohortMember:
    """The membership of ``user_id`` in ``cohort`` (already scoped), with user and circle; 404 for anyone else."""
    return db.first_or_404(
        sa.select(CohortMember).where(CohortMember.cohort_id == cohort.id, CohortMember.user_id == user_id)
        .options(joinedload(CohortMember.user), joinedload(CohortMember.circle)))


def _of_cohort(statement: sa.Select, cohort: Cohort) -> sa.Select:
    """Restrict a statement over drafts to those whose author is in ``cohort`` (already scoped)."""
    return statement.join(CohortMember, CohortMember.user_id == Draft.user_id).where(CohortMember.cohort_id == cohort.id)


def get_review_or_404(cohort: Cohort, review_id: int) -> Review:
    """A review of a draft written by a member of ``cohort``; 404 for any other."""
    statement = sa.select(Review).join(Draft, Review.draft_id == Draft.id).where(Review.id == review_id)
    return db.first_or_404(_of_cohort(statement, cohort))


def get_draft_or_404(cohort: Cohort, draft_id: int) -> Draft:
    """A draft written by a member of ``cohort``; 404 for any other."""
    return db.first_or_404(_of_cohort(sa.select(Draft).where(Draft.id == draft_id), cohort))


# Circles -----------------------------------------------------------------

@dataclass(frozen=True)
class CirclesPage:
    circles: list[tuple[Circle, list[CohortMember]]]
    unplaced: list[CohortMember]
    choices: list[tuple[str, str]]  # where a member can be moved: each circle, and a new one

    @property
    def has_members(self) -> bool:
        return bool(self.unplaced or self.circles)


def circles_page(cohort: Cohort) -> CirclesPage:
    """The cohort's circles with their members (by name) and the members in no circle."""
    members = list(db.session.scalars(
        sa.select(CohortMember).join(User, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id).options(joinedload(CohortMember.user))
        .order_by(User.name, User.id)
    ))
    circles = list(db.session.scalars(sa.select(Circle).where(Circle.cohort_id == cohort.id).order_by(Circle.number)))
    by_circle = defaultdict(list)
    for member in members:
        by_circle[member.circle_id].append(member)
    return CirclesPage([(c, by_circle[c.id]) for c in circles], by_circle[None], circle_choices(circles))


def circle_choices(circles: list[Circle]) -> list[tuple[str, str]]:
    """Where a member can be moved: each of the circles, or a new one."""
    return [(str(c.id), _("Circle %(number)d", number=c.number)) for c in circles] + [("new", _("A new circle"))]


# Review health -----------------------------------------------------------

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


def review_health(cohort: Cohort, now: datetime) -> ReviewHealth:
    """Every submitted draft of the cohort's members with its reviews, and the cohort's counts."""
    drafts = list(db.session.scalars(_of_cohort(
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
        row = rows[review.draft_id]
        # As reassign_candidates(), for every open review at once.
        candidates = [p for p in learners if p.id != row.draft.user_id and p.id not in on_draft[review.draft_id]
                      ] if review.is_open else []
        row.reviews.append(_review_row(review, row.draft.lesson_slug, numbers.get(review.version_id),
                                       candidates, now, language))
    rated = [review.helpfulness for review in reviews if review.helpfulness is not None]
    return ReviewHealth(
        list(rows.values()),
        open=sum(review.is_open for review in reviews),
        overdue=sum(review.is_overdue(now) for review in reviews),
        average_helpfulness=format_decimal(sum(rated) / len(rated), format="0.0") if rated else None,
    )


def _review_row(review: Review, slug: str, version_number: int | None, candidates: list[User],
                now: datetime, language: str) -> ReviewRow:
    status, label = _status(review, now)
    view = review_view(review, review.reviewer.name, language) if review.is_submitted else None
    return ReviewRow(review, str(KIND_LABELS[review.kind]), status, label, version_number, view, candidates, can_hide=review.is_submitted and not review.is_hidden,
                     can_reassign=review.can_be_reassigned)


def _status(review: Review, now: datetime) -> tuple[str, str]:
    """A key for the page's styling and what a trainer reads, most important state first."""
    due = format_moment(review.due_at)
    if review.withdrawn_at is not None:
        return "withdrawn", _("withdrawn: given to someone else")
    if review.is_hidden:
        return "hidden", _("submitted, hidden from the author")
    if review.is_submitted:
        return "submitted", _("extra review, submitted") if review.is_extra else _("submitted")
    if review.is_extra:
        return "extra", _("overdue since %(due)s, reassigned; may still count as extra", due=due)
    if review.is_overdue(now):
        return "overdue", _("overdue since %(due)s", due=due)
    return "open", _("open, due %(due)s", due=due)
