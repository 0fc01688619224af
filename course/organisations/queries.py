"""Read-side queries for the organisation overviews."""
from dataclasses import dataclass

import sqlalchemy as sa

from course.accounts.models import Organisation, Role, User
from course.accounts.status import status_in_words
from course.cohorts.models import Circle, Cohort, CohortMember
from course.extensions import db
from course.permissions import scope_to_organisations


@dataclass(frozen=True)
class OrganisationSummary:
    organisation: Organisation
    learners: int
    invited: int
    leadership: int


def organisation_summaries(user: User) -> list[OrganisationSummary]:
    """The organisations ``user`` may see, each with its learner counts, in one query."""
    learner = sa.and_(User.role == Role.LEARNER, User.active.is_(True))
    statement = (
        sa.select(
            Organisation,
            sa.func.count(User.id).filter(learner),
            sa.func.count(User.id).filter(learner, User.password_hash.is_(None)),
            sa.func.count(User.id).filter(learner, User.track == "leadership"),
        )
        .outerjoin(User, User.organisation_id == Organisation.id)
        .group_by(Organisation.id)
        .order_by(Organisation.name)
    )
    statement = scope_to_organisations(statement, Organisation.id, user)
    return [OrganisationSummary(*row) for row in db.session.execute(statement)]


@dataclass(frozen=True)
class MemberRow:
    user: User
    status: str  # in words


def organisation_members(organisation: Organisation) -> list[MemberRow]:
    """The organisation's learners, leadership first, then by name, each with their status in words."""
    statement = (
        sa.select(User)
        .where(User.organisation_id == organisation.id, User.role == Role.LEARNER)
        .order_by(User.track, User.name)
    )
    return [MemberRow(user, status_in_words(user)) for user in db.session.scalars(statement)]


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    members: int
    circles: int


def organisation_cohorts(organisation: Organisation) -> list[CohortSummary]:
    """The organisation's cohorts by name, each with its number of members and circles, in one query."""
    members = sa.select(sa.func.count()).where(CohortMember.cohort_id == Cohort.id).scalar_subquery()
    circles = sa.select(sa.func.count()).where(Circle.cohort_id == Cohort.id).scalar_subquery()
    statement = (
        sa.select(Cohort, members, circles)
        .where(Cohort.organisation_id == organisation.id)
        .order_by(Cohort.name)
    )
    return [CohortSummary(*row) for row in db.session.execute(statement)]


def trainer_start(user: User) -> dict:
    """What the start page of a trainer or admin shows."""
    summaries = organisation_summaries(user)
    return {
        "summaries": summaries,
        "learner_total": sum(s.learners for s in summaries),
    }
