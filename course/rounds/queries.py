"""The read side of rounds: the learner's circle, a round of it, and each circle's activity for the trainer."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from course.accounts.models import User
from course.cohorts.models import Circle, CohortMember
from course.extensions import db
from course.rounds.models import CircleRound, RoundCheckIn, RoundGoal
from course.rounds.status import CircleActivity, circle_activity


def my_membership(user: User) -> CohortMember | None:
    """The learner's place in a cohort, with the cohort and the circle; None outside any cohort."""
    return db.session.scalar(
        sa.select(CohortMember).where(CohortMember.user_id == user.id)
        .options(joinedload(CohortMember.cohort), joinedload(CohortMember.circle)))


def circle_rounds(circle_id: int) -> list[CircleRound]:
    """The circle's rounds, the latest first."""
    return list(db.session.scalars(
        sa.select(CircleRound).where(CircleRound.circle_id == circle_id).order_by(CircleRound.number.desc())))


def get_round_or_404(user: User, round_id: int) -> CircleRound:
    """A round of ``user``'s own circle, with goals and check-ins and their authors; 404 for anyone outside it."""
    mine = sa.select(CohortMember.circle_id).where(CohortMember.user_id == user.id).scalar_subquery()
    return db.first_or_404(
        sa.select(CircleRound).where(CircleRound.id == round_id, CircleRound.circle_id == mine)
        .options(selectinload(CircleRound.goals).joinedload(RoundGoal.user),
                 selectinload(CircleRound.check_ins).joinedload(RoundCheckIn.user),
                 joinedload(CircleRound.circle).joinedload(Circle.cohort)))


def circle_members(circle_id: int) -> list[User]:
    """The active people of the circle, by name."""
    return list(db.session.scalars(
        sa.select(User).join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.circle_id == circle_id, User.active.is_(True)).order_by(User.name, User.id)))


@dataclass(frozen=True)
class _Latest:
    round: CircleRound
    last_check_in_at: datetime | None


def circles_activity(circle_ids: Sequence[int], now: datetime) -> dict[int, CircleActivity]:
    """Each circle's activity after the course, in two statements whatever the number of circles."""
    if not circle_ids:
        return {}
    latest_number = (sa.select(CircleRound.circle_id, sa.func.max(CircleRound.number).label("number"))
                     .where(CircleRound.circle_id.in_(circle_ids)).group_by(CircleRound.circle_id).subquery())
    rounds = list(db.session.scalars(
        sa.select(CircleRound).join(latest_number, sa.and_(CircleRound.circle_id == latest_number.c.circle_id,
                                                           CircleRound.number == latest_number.c.number))))
    last = dict(db.session.execute(
        sa.select(RoundCheckIn.round_id, sa.func.max(RoundCheckIn.created_at))
        .where(RoundCheckIn.round_id.in_([r.id for r in rounds])).group_by(RoundCheckIn.round_id)).all()) \
        if rounds else {}
    latest = {r.circle_id: _Latest(r, last.get(r.id)) for r in rounds}
    return {circle_id: circle_activity(latest[circle_id].round if circle_id in latest else None,
                                       latest[circle_id].last_check_in_at if circle_id in latest else None, now)
            for circle_id in circle_ids}
