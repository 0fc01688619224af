"""The circles page: each circle with its members and whether it is active after the course, and the members in
none."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from course.accounts.models import User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.extensions import db
from course.rounds.queries import circles_activity
from course.rounds.status import CircleActivity
from course.works_council.visibility import may_see_person


@dataclass(frozen=True)
class CirclesPage:
    circles: list[tuple[Circle, list[CohortMember]]]
    unplaced: list[CohortMember]
    choices: list[tuple[str, str]]  # where a member can be moved: each circle, and a new one
    # After the course: whether each circle's round is running and when it last checked in; never what it wrote.
    activity: dict[int, CircleActivity] = field(default_factory=dict)
    # Whose last sign-in may be shown: everyone's, or in the works-council mode only of people who share.
    seen: set[int] = field(default_factory=set)

    @property
    def has_members(self) -> bool:
        return bool(self.unplaced or self.circles)


def circles_page(cohort: Cohort, now: datetime) -> CirclesPage:
    """The cohort's circles with their members (by name) and activity, and the members in no circle."""
    members = list(db.session.scalars(
        sa.select(CohortMember).join(User, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id).options(joinedload(CohortMember.user))
        .order_by(User.name, User.id)
    ))
    circles = list(db.session.scalars(sa.select(Circle).where(Circle.cohort_id == cohort.id).order_by(Circle.number)))
    by_circle = defaultdict(list)
    for member in members:
        by_circle[member.circle_id].append(member)
    seen = {member.user_id for member in members if may_see_person(cohort.organisation, member.user)}
    return CirclesPage([(c, by_circle[c.id]) for c in circles], by_circle[None], circle_choices(circles),
                       circles_activity([c.id for c in circles], now), seen)


def circle_choices(circles: list[Circle]) -> list[tuple[str, str]]:
    """Where a member can be moved: each of the circles, or a new one."""
    return [(str(c.id), _("Circle %(number)d", number=c.number)) for c in circles] + [("new", _("A new circle"))]
