"""Handing out reviews: on submission, and again when a review is overdue.

Both work on any number of drafts at once with a fixed number of statements:
everything the choice needs is read in a handful of queries, the choice is
made in memory (see allocation.py), and the new reviews and their mails are
written with one statement each.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from course.accounts.models import Role, User, trainer_organisations
from course.cohorts.models import Cohort, CohortMember
from course.database import utcnow
from course.drafts.models import Draft, DraftVersion
from course.extensions import db
from course.mail.services import Mail, send_mails
from course.review import notifications
from course.review.allocation import CohortPool, Loads, Reviewer, choose_trainer
from course.review.models import Review, ReviewKind

DEFAULT_REVIEWERS = 2
DEFAULT_DUE_DAYS = 3


@dataclass(frozen=True)
class Assignment:
    """One review handed out: for which version, to whom, and whether to a trainer."""

    version_id: int
    draft_id: int
    reviewer_id: int
    kind: ReviewKind


@dataclass(frozen=True)
class Rebalance:
    """What a rebalance did: how many reviews were overdue, how many of them someone else
    took over (the rest wait for the next run), and the new reviews."""

    overdue: int
    reassigned: int
    assignments: list[Assignment]

    @property
    def waiting(self) -> int:
        return self.overdue - self.reassigned


@dataclass
class _Request:
    version_id: int
    draft: Draft
    author: User
    cohort: Cohort | None
    active_only: bool = False
    exclude: set[int] = field(default_factory=set)
    counted: int = 0  # reviews this version already has that count towards the cohort's number


def request_reviews(version_ids: Iterable[int], now: datetime | None = None,
                    exclude: Iterable[int] = ()) -> list[Assignment]:
    """Give each submitted version the reviewers its cohort asks for; notify them.

    Circle first, then the rest of the cohort, least loaded and active first
    (allocation.py); when the cohort has too few people, a trainer of the
    organisation takes the rest and is told why. Nobody in ``exclude`` is chosen.
    """
    now = now or utcnow()
    requests = _requests(list(version_ids))
    for request in requests:
        request.exclude.update(exclude)
    assignments, mails = _allocate(requests, now)
    send_mails(mails)
    return assignments


def send_for_review(draft: Draft, version: DraftVersion, now: datetime | None = None) -> list[Assignment]:
    """After a submission: open reviews follow the draft to the new version, the author's cohort
    is rebalanced, and the version gets its reviewers."""
    now = now or utcnow()
    db.session.execute(
        sa.update(Review)
        .where(Review.draft_id == draft.id, Review.submitted_at.is_(None), Review.withdrawn_at.is_(None))
        .values(version_id=version.id)
    )
    cohort_id = db.session.scalar(sa.select(CohortMember.cohort_id).where(CohortMember.user_id == draft.user_id))
    if cohort_id is not None:
        rebalance_reviews(now, cohort_id)
    return request_reviews([version.id], now)


def rebalance_reviews(now: datetime | None = None, cohort_id: int | None = None) -> Rebalance:
    """Reassign every overdue review to an active reviewer; tell each late reviewer once.

    The late review stays open: finished, it counts as an extra review. A review
    nobody can take over yet stays as it is, so the next rebalance tries again.
    Limited to one cohort when ``cohort_id`` is given (as on every submission).
    """
    now = now or utcnow()
    author = aliased(User)
    statement = (
        sa.select(Review.id, Review.version_id, Review.due_at, Draft.lesson_slug, User, author)
        .join(Draft, Review.draft_id == Draft.id)
        .join(User, Review.reviewer_id == User.id)
        .join(author, Draft.user_id == author.id)
        .where(Review.submitted_at.is_(None), Review.withdrawn_at.is_(None), Review.reassigned_at.is_(None),
               Review.kind != ReviewKind.TRAINER, Review.due_at < now)
    )
    if cohort_id is not None:
        statement = statement.where(Review.cohort_id == cohort_id)
    overdue = db.session.execute(statement).all()
    if not overdue:
        return Rebalance(0, 0, [])
    requests = _requests(sorted({row.version_id for row in overdue}), active_only=True,
                         not_counting={row.id for row in overdue})
    assignments, assigned_mails = _allocate(requests, now)
    replaced = _replaced(overdue, requests, assignments)
    if replaced:
        db.session.execute(sa.update(Review).where(Review.id.in_([row.id for row in replaced]))
                           .values(reassigned_at=now))
    mails = [notifications.review_overdue(row.User, row[5], row.lesson_slug, row.due_at) for row in replaced]
    send_mails(mails + assigned_mails)
    return Rebalance(len(overdue), len(replaced), assignments)


def _replaced(overdue: Sequence, requests: list[_Request], assignments: list[Assignment]) -> list:
    """The overdue reviews taken over, longest overdue first. Per version, as many stay
    as the draft still lacks reviewers after the new ones: it still counts on them."""
    added = Counter(a.version_id for a in assignments)
    short = {r.version_id: max(0, _wanted(r) - added[r.version_id]) for r in requests}
    replaced = []
    for row in sorted(overdue, key=lambda row: (row.due_at, row.id), reverse=True):
        if short.get(row.version_id, 0) > 0:
            short[row.version_id] -= 1
        else:
            replaced.append(row)
    return replaced


def _requests(version_ids: list[int], *, active_only: bool = False,
              not_counting: Collection[int] = ()) -> list[_Request]:
    """What each version needs, read in two queries; reviews in ``not_counting`` are not counted on."""
    if not version_ids:
        return []
    rows = db.session.execute(
        sa.select(DraftVersion.id, Draft, User, Cohort)
        .join(Draft, DraftVersion.draft_id == Draft.id)
        .join(User, Draft.user_id == User.id)
        .outerjoin(CohortMember, CohortMember.user_id == User.id)
        .outerjoin(Cohort, CohortMember.cohort_id == Cohort.id)
        .where(DraftVersion.id.in_(version_ids), DraftVersion.is_submitted)
        .order_by(DraftVersion.submitted_at, DraftVersion.id)
    ).all()
    requests = [_Request(version_id, draft, author, cohort, active_only) for version_id, draft, author, cohort in rows]
    by_draft = defaultdict(list)
    for request in requests:
        by_draft[request.draft.id].append(request)
    existing = db.session.execute(
        sa.select(Review.id, Review.draft_id, Review.version_id, Review.reviewer_id, Review.kind, Review.submitted_at,
                  Review.withdrawn_at, Review.reassigned_at)
        .where(Review.draft_id.in_(list(by_draft)))
    ).all()
    for review in existing:
        if review.withdrawn_at is not None:
            continue
        for request in by_draft[review.draft_id]:
            on_this_version = review.version_id == request.version_id
            if review.submitted_at is None or on_this_version:
                request.exclude.add(review.reviewer_id)
            if (on_this_version and review.reassigned_at is None and review.kind != ReviewKind.TRAINER
                    and review.id not in not_counting):
                request.counted += 1
    return requests


def _allocate(requests: list[_Request], now: datetime) -> tuple[list[Assignment], list[Mail]]:
    """Choose reviewers for every request, insert the reviews, and return them with their mails."""
    if not requests:
        return [], []
    cohort_ids = {r.cohort.id for r in requests if r.cohort is not None}
    organisation_ids = {r.author.organisation_id for r in requests if r.author.organisation_id is not None}
    members, trainers = _people(cohort_ids, organisation_ids)
    loads = _loads(cohort_ids, organisation_ids)
    people = {user.id: user for users in trainers.values() for user in users}
    people.update((user.id, user) for pairs in members.values() for user, _circle in pairs)
    pools = {
        cohort_id: CohortPool(
            [Reviewer(user.id, circle_id, user.track.value, user.last_seen_at) for user, circle_id in members[cohort_id]],
            loads, now, leadership_only=request_cohort.leadership_reviews_only,
        )
        for cohort_id, request_cohort in {r.cohort.id: r.cohort for r in requests if r.cohort}.items()
    }
    assignments, rows, mails = [], [], []
    for request in requests:
        cohort = request.cohort
        wanted = _wanted(request)
        if wanted <= 0:
            continue
        due_at = now + timedelta(days=cohort.review_due_days if cohort else DEFAULT_DUE_DAYS)
        chosen = [(user_id, ReviewKind.PEER) for user_id in (
            pools[cohort.id].choose(request.author.id, wanted, exclude=request.exclude,
                                    active_only=request.active_only) if cohort else [])]
        spare = [t.id for t in trainers.get(request.author.organisation_id, []) if t.id not in request.exclude]
        while len(chosen) < wanted and spare:
            trainer_id = choose_trainer(spare, loads)
            if trainer_id is None:  # cannot happen while someone is spare
                break
            spare.remove(trainer_id)
            chosen.append((trainer_id, ReviewKind.FALLBACK))
        for reviewer_id, kind in chosen:
            request.exclude.add(reviewer_id)
            assignments.append(Assignment(request.version_id, request.draft.id, reviewer_id, kind))
            rows.append(_review_row(request, reviewer_id, kind, now, due_at))
            mails.append(notifications.review_assigned(people[reviewer_id], request.author, request.draft.lesson_slug,
                                                       due_at, as_trainer=kind == ReviewKind.FALLBACK))
    if rows:
        db.session.execute(sa.insert(Review), rows)
    return assignments, mails


def _wanted(request: _Request) -> int:
    """How many more reviewers the version needs."""
    return (request.cohort.reviewers_per_draft if request.cohort else DEFAULT_REVIEWERS) - request.counted


def _review_row(request: _Request, reviewer_id: int, kind: ReviewKind, now: datetime, due_at: datetime) -> dict:
    return {"draft_id": request.draft.id, "version_id": request.version_id, "reviewer_id": reviewer_id,
            "cohort_id": request.cohort.id if request.cohort else None, "kind": kind, "assigned_at": now,
            "due_at": due_at, "ratings": {}, "worked": "", "suggestion": ""}


def _people(cohort_ids: set[int], organisation_ids: set[int]):
    """Active learners per cohort (with their circle) and active trainers per organisation."""
    members: dict[int, list[tuple[User, int | None]]] = defaultdict(list)
    for cohort_id, circle_id, user in db.session.execute(
        sa.select(CohortMember.cohort_id, CohortMember.circle_id, User)
        .join(User, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id.in_(cohort_ids), User.active.is_(True), User.role == Role.LEARNER)
    ):
        members[cohort_id].append((user, circle_id))
    trainers: dict[int, list[User]] = defaultdict(list)
    for organisation_id, user in db.session.execute(
        sa.select(trainer_organisations.c.organisation_id, User)
        .join(User, trainer_organisations.c.user_id == User.id)
        .where(trainer_organisations.c.organisation_id.in_(organisation_ids), User.active.is_(True))
    ):
        trainers[organisation_id].append(user)
    return members, trainers


def _loads(cohort_ids: set[int], organisation_ids: set[int]) -> Loads:
    """Open and total reviews of everyone who might be chosen, in one grouped query."""
    people = sa.union(
        sa.select(CohortMember.user_id).where(CohortMember.cohort_id.in_(cohort_ids)),
        sa.select(trainer_organisations.c.user_id).where(trainer_organisations.c.organisation_id.in_(organisation_ids)),
    )
    is_open = sa.and_(Review.submitted_at.is_(None), Review.withdrawn_at.is_(None))
    loads = Loads()
    for reviewer_id, open_count, total in db.session.execute(
        sa.select(Review.reviewer_id, sa.func.count().filter(is_open), sa.func.count())
        .where(Review.reviewer_id.in_(people))
        .group_by(Review.reviewer_id)
    ):
        loads.open[reviewer_id], loads.total[reviewer_id] = open_count, total
    return loads
