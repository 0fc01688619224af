"""The People page: the cohort's members by name, each with where they stand and what a trainer may do."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from course.accounts.models import PersonStatus, User
from course.accounts.status import status_in_words
from course.cohorts.models import Cohort, CohortMember
from course.extensions import db
from course.works_council.visibility import may_see_person


@dataclass(frozen=True)
class PersonRow:
    member: CohortMember
    status: PersonStatus  # also a CSS modifier
    status_label: str
    can_resend: bool
    can_revoke: bool
    can_reactivate: bool = False  # deactivated, not deleted: a person who left stays gone


@dataclass(frozen=True)
class PeoplePage:
    people: list[PersonRow]

    @property
    def invited(self) -> int:
        return sum(row.status is PersonStatus.INVITED for row in self.people)

    @property
    def deactivated(self) -> int:
        return sum(row.status is PersonStatus.DEACTIVATED for row in self.people)


def people_page(cohort: Cohort) -> PeoplePage:
    """The cohort's members by name, each with their status in words and what a trainer may do."""
    members = db.session.scalars(
        sa.select(CohortMember).join(User, CohortMember.user_id == User.id).where(CohortMember.cohort_id == cohort.id)
        .options(contains_eager(CohortMember.user), joinedload(CohortMember.circle)).order_by(User.name, User.id)
    )
    return PeoplePage([_person_row(member, may_see_person(cohort.organisation, member.user)) for member in members])


def _person_row(member: CohortMember, seen: bool) -> PersonRow:
    """``seen`` False: in the works-council mode a person who does not share has a status but no last sign-in."""
    user = member.user
    return PersonRow(member, user.status, status_in_words(user, member.joined_at, with_last_seen=seen),
                     can_resend=user.status is PersonStatus.INVITED,
                     can_revoke=user.is_invited and user.last_seen_at is None,
                     can_reactivate=user.status is PersonStatus.DEACTIVATED)
