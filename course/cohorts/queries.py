"""The cohort as data, read: a trainer's cohort or member by id, and a learner's cohort and circle."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from course.accounts.models import Organisation, User
from course.cohorts.models import Cohort, CohortMember
from course.extensions import db
from course.permissions import get_scoped_or_404, scope_to_organisations


def get_cohort_or_404(user: User, cohort_id: int) -> Cohort:
    """The cohort if it belongs to one of ``user``'s organisations; 404 otherwise, so ids reveal nothing."""
    return get_scoped_or_404(user, Cohort, cohort_id, Cohort.organisation_id)


def cohorts_for(user: User) -> list[Cohort]:
    """The cohorts of ``user``'s organisations, with their organisation, by organisation and name."""
    statement = (sa.select(Cohort).join(Cohort.organisation).options(joinedload(Cohort.organisation))
                 .order_by(Organisation.name, Cohort.name))
    return list(db.session.scalars(scope_to_organisations(statement, Cohort.organisation_id, user)))


def get_member_or_404(cohort: Cohort, user_id: int) -> CohortMember:
    """The membership of ``user_id`` in ``cohort`` (already scoped), with user and circle; 404 for anyone else."""
    return db.first_or_404(
        sa.select(CohortMember).where(CohortMember.cohort_id == cohort.id, CohortMember.user_id == user_id)
        .options(joinedload(CohortMember.user), joinedload(CohortMember.circle)))


def circle_mates(user: User) -> list[User]:
    """The other people in ``user``'s circle, by name; empty when they are in none."""
    mine = sa.select(CohortMember.circle_id).where(CohortMember.user_id == user.id).scalar_subquery()
    return list(db.session.scalars(
        sa.select(User).join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.circle_id == mine, User.id != user.id, User.active.is_(True))
        .order_by(User.name)
    ))


def cohort_of(user: User) -> Cohort | None:
    """The cohort ``user`` learns in, if any."""
    return db.session.scalar(sa.select(Cohort).join(CohortMember).where(CohortMember.user_id == user.id))
