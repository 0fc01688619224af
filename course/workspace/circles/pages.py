"""The circles page: each circle with its members, and the members in none."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from course.accounts.models import User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.extensions import db


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
