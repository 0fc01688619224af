"""The People page: the cohort's members by name, each with where they stand and what a trainer may do."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, joinedload

from course.accounts.models import User
from course.cohorts.models import Cohort, CohortMember
from course.dates import format_day, format_moment
from course.extensions import db


@dataclass(frozen=True)
class PersonRow:
    member: CohortMember
    status: str  # invited, active or deactivated: a CSS modifier too
    status_label: str
    can_resend: bool
    can_revoke: bool


@dataclass(frozen=True)
class PeoplePage:
    people: list[PersonRow]

    @property
    def invited(self) -> int:
        return sum(row.status == "invited" for row in self.people)

    @property
    def deactivated(self) -> int:
        return sum(row.status == "deactivated" for row in self.people)


def people_page(cohort: Cohort) -> PeoplePage:
    """The cohort's members by name, each with their status in words and what a trainer may do."""
    members = db.session.scalars(
        sa.select(CohortMember).join(User, CohortMember.user_id == User.id).where(CohortMember.cohort_id == cohort.id)
        .options(contains_eager(CohortMember.user), joinedload(CohortMember.circle)).order_by(User.name, User.id)
    )
    return PeoplePage([_person_row(member) for member in members])


def _person_row(member: CohortMember) -> PersonRow:
    user = member.user
    if not user.active:
        status, label = "deactivated", _("deactivated")
    elif user.is_invited:
        status, label = "invited", _("invited on %(date)s", date=format_day(member.joined_at))
    elif user.last_seen_at:
        status, label = "active", _("active, last seen %(when)s", when=format_moment(user.last_seen_at))
    else:
        status, label = "active", _("active, not signed in yet")
    return PersonRow(member, status, label, can_resend=status == "invited",
                     can_revoke=user.is_invited and user.last_seen_at is None)
