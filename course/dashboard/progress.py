"""A cohort's progress, loaded in bulk for the dashboard and its exports.

However many learners, lessons, drafts and reviews a cohort has, loading it
takes the same statements: one per kind of row, grouped in memory. Rows are
read as plain tuples where no object is needed, which keeps 60,000 progress
rows cheap.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from course.accounts.models import Role, User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.content import Curriculum, Lesson, Stage
from course.curriculum.models import LessonProgress
from course.curriculum.unlocking import percent_complete
from course.dashboard.states import LessonStatus, lesson_status
from course.drafts.models import Draft
from course.extensions import db
from course.guidelines.models import Acknowledgement
from course.guidelines.queries import latest_published
from course.reminders.services import last_reminded
from course.review.models import Review


@dataclass(frozen=True)
class StageCompletion:
    stage: Stage
    completed: int  # required lessons complete
    required: int

    @property
    def is_complete(self) -> bool:
        return self.completed >= self.required


@dataclass
class LearnerProgress:
    """One member of the cohort: where they stand with each lesson of their track, and what waits on them."""

    user: User
    circle_id: int | None
    circle_number: int | None
    joined_at: datetime
    statuses: dict[str, LessonStatus] = field(default_factory=dict)  # the lessons of their track
    stages: list[StageCompletion] = field(default_factory=list)
    last_activity: datetime | None = None
    open_reviews: int = 0
    overdue_reviews: int = 0
    reviews_given: int = 0
    drafts_submitted: int = 0
    unreviewed: list[str] = field(default_factory=list)  # submitted drafts nobody is reviewing
    acknowledged_at: datetime | None = None
    reminded_at: datetime | None = None
    completed: int = 0  # lessons of their track complete, as their own progress bar counts

    @property
    def total(self) -> int:
        return len(self.statuses)

    @property
    def percent(self) -> int:
        return percent_complete(self.completed, self.total)

    @property
    def is_active(self) -> bool:
        """Signed up and not deactivated: the people progress figures are about."""
        return self.user.active and not self.user.is_invited


@dataclass(frozen=True)
class CircleHealth:
    circle_id: int | None
    open: int
    overdue: int
    submitted: int
    average_helpfulness: float | None
    rated: int = 0  # reviews the average is over


@dataclass
class CohortProgress:
    cohort: Cohort
    learners: list[LearnerProgress]  # by name
    circles: list[Circle]
    health: list[CircleHealth]
    completions: list[datetime]  # when each lesson was completed, for the chart
    has_guidelines: bool  # whether a version is in force that people can acknowledge

    @property
    def active(self) -> list[LearnerProgress]:
        return [learner for learner in self.learners if learner.is_active]


def load_progress(cohort: Cohort, curriculum: Curriculum, now: datetime, only: int | None = None) -> CohortProgress:
    """Everything the dashboard shows about ``cohort``, in a fixed number of statements; with ``only``
    (a user id), about that one member only: the same rules, for a reminder."""
    scope = sa.and_(CohortMember.cohort_id == cohort.id,
                    CohortMember.user_id == only if only is not None else sa.true())
    members = _members(scope)
    learners = {user.id: LearnerProgress(user, circle_id, number, joined_at)
                for user, circle_id, number, joined_at in members}
    activity: dict[int, list[datetime | None]] = defaultdict(list)
    submitted, reviewed = _drafts(scope, learners, activity)
    completions = []
    progress: dict[int, dict[str, tuple[datetime | None, datetime | None]]] = defaultdict(dict)
    for user_id, slug, read_at, completed_at in db.session.execute(_of_members(
            sa.select(LessonProgress.user_id, LessonProgress.lesson_slug, LessonProgress.read_at,
                      LessonProgress.completed_at), LessonProgress.user_id, scope)):
        progress[user_id][slug] = (read_at, completed_at)
        activity[user_id] += (read_at, completed_at)
        if completed_at is not None:
            completions.append(completed_at)
    _reviews_given(scope, learners, activity, now)
    has_guidelines = _acknowledgements(cohort, scope, learners, activity)
    for user_id, sent_at in last_reminded(sa.select(CohortMember.user_id).where(scope)).items():
        learners[user_id].reminded_at = sent_at
    sequences = {track: _track_stages(curriculum, track) for track in {lp.user.track for lp in learners.values()}}
    for learner in learners.values():
        mine = progress[learner.user.id]
        for stage, lessons in sequences[learner.user.track]:
            for lesson in lessons:
                read_at, completed_at = mine.get(lesson.slug, (None, None))
                key = (learner.user.id, lesson.slug)
                learner.statuses[lesson.slug] = lesson_status(
                    read=read_at is not None, completed=completed_at is not None,
                    submitted=key in submitted, reviewed=key in reviewed)
                if completed_at is not None:
                    learner.completed += 1
            # As the course counts it (curriculum.unlocking): the progress row says whether a lesson is complete.
            required = [lesson for lesson in lessons if lesson.required]
            learner.stages.append(StageCompletion(
                stage, sum(mine.get(lesson.slug, (None, None))[1] is not None for lesson in required),
                len(required)))
        learner.last_activity = max((moment for moment in activity[learner.user.id] if moment), default=None)
    circles = list(db.session.scalars(sa.select(Circle).where(Circle.cohort_id == cohort.id).order_by(Circle.number)))
    health = _health(scope, now) if only is None else []
    return CohortProgress(cohort, list(learners.values()), circles, health, sorted(completions),
                          has_guidelines)


def _track_stages(curriculum: Curriculum, track) -> list[tuple[Stage, list[Lesson]]]:
    return [(stage, stage.lessons_for(track.value)) for stage in curriculum.stages]


def _of_members(statement: sa.Select, user_column, scope) -> sa.Select:
    """Restrict ``statement`` to rows whose ``user_column`` is a member the ``scope`` condition selects."""
    return statement.join(CohortMember, CohortMember.user_id == user_column).where(scope)


def _members(scope) -> Sequence[tuple[User, int | None, int | None, datetime]]:
    return db.session.execute(
        sa.select(User, CohortMember.circle_id, Circle.number, CohortMember.joined_at)
        .join(CohortMember, CohortMember.user_id == User.id)
        .outerjoin(Circle, Circle.id == CohortMember.circle_id)
        .where(scope, User.role == Role.LEARNER)
        .order_by(User.name, User.id)
    ).all()


def _drafts(scope, learners: dict[int, LearnerProgress], activity) -> tuple[set, set]:
    """Which (learner, lesson) have a draft submitted, and reviewed; drafts nobody reviews."""
    reviewing = sa.func.count(Review.id).filter(Review.withdrawn_at.is_(None))
    is_visible = sa.and_(Review.submitted_at.is_not(None), Review.hidden_at.is_(None))
    visible = sa.func.count(Review.id).filter(is_visible)
    rows = db.session.execute(_of_members(
        sa.select(Draft.user_id, Draft.lesson_slug, Draft.first_submitted_at, Draft.updated_at, reviewing, visible)
        .outerjoin(Review, Review.draft_id == Draft.id), Draft.user_id, scope
    ).group_by(Draft.id, Draft.user_id, Draft.lesson_slug, Draft.first_submitted_at, Draft.updated_at))
    submitted, reviewed = set(), set()
    for user_id, slug, submitted_at, updated_at, reviewers, visible_reviews in rows:
        activity[user_id].append(updated_at)
        if submitted_at is None:
            continue
        key = (user_id, slug)
        submitted.add(key)
        learners[user_id].drafts_submitted += 1
        if visible_reviews:
            reviewed.add(key)
        if not reviewers:
            learners[user_id].unreviewed.append(slug)
    return submitted, reviewed


def _reviews_given(scope, learners: dict[int, LearnerProgress], activity, now: datetime) -> None:
    is_open = sa.and_(Review.submitted_at.is_(None), Review.withdrawn_at.is_(None))
    rows = db.session.execute(_of_members(
        sa.select(Review.reviewer_id, sa.func.count(Review.id).filter(is_open),
                  sa.func.count(Review.id).filter(is_open, Review.due_at < now),
                  sa.func.count(Review.submitted_at), sa.func.max(Review.submitted_at)),
        Review.reviewer_id, scope).group_by(Review.reviewer_id))
    for user_id, open_, overdue, given, last_given in rows:
        learner = learners[user_id]
        learner.open_reviews, learner.overdue_reviews, learner.reviews_given = open_, overdue, given
        activity[user_id].append(last_given)


def _acknowledgements(cohort: Cohort, scope, learners: dict[int, LearnerProgress], activity) -> bool:
    version = latest_published(cohort.organisation_id)
    if version is None:
        return False
    for user_id, acknowledged_at in db.session.execute(_of_members(
            sa.select(Acknowledgement.user_id, Acknowledgement.acknowledged_at)
            .where(Acknowledgement.version_id == version.id, Acknowledgement.acknowledged_at.is_not(None)),
            Acknowledgement.user_id, scope)):
        learners[user_id].acknowledged_at = acknowledged_at
        activity[user_id].append(acknowledged_at)
    return True


def _health(scope, now: datetime) -> list[CircleHealth]:
    """Per circle of the drafts' authors: reviews open, overdue, submitted, and the average helpfulness."""
    is_open = sa.and_(Review.submitted_at.is_(None), Review.withdrawn_at.is_(None))
    rows = db.session.execute(_of_members(
        sa.select(CohortMember.circle_id, sa.func.count(Review.id).filter(is_open),
                  sa.func.count(Review.id).filter(is_open, Review.due_at < now),
                  sa.func.count(Review.submitted_at), sa.func.avg(Review.helpfulness), sa.func.count(Review.helpfulness))
        .select_from(Review).join(Draft, Draft.id == Review.draft_id), Draft.user_id, scope
    ).group_by(CohortMember.circle_id))
    return [CircleHealth(circle_id, open_, overdue, submitted, float(average) if average is not None else None, rated)
            for circle_id, open_, overdue, submitted, average, rated in rows]
