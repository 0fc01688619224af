"""Forming review circles and moving people between them. Functions flush; the view commits."""
from __future__ import annotations

import math

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager

from course.accounts.models import Role, Track, User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.extensions import db

SMALLEST, LARGEST = 4, 5


class CircleError(ValueError):
    """A circle change that cannot be made; the message is safe to show."""


def circle_sizes(people: int) -> list[int]:
    """Even sizes of 4-5 where the number allows; otherwise as close as possible, never below 4
    unless there are fewer than 4 people in all."""
    if people == 0:
        return []
    count = math.ceil(people / LARGEST)
    if count * SMALLEST > people:
        count = max(1, people // SMALLEST)
    base, extra = divmod(people, count)
    return [base + 1] * extra + [base] * (count - extra)


def form_circles(cohort: Cohort) -> list[Circle]:
    """Split the cohort's active learners into circles of even size, replacing any circles it had.

    Tracks are dealt round-robin so each circle mixes leadership and staff;
    with leadership-only review, leadership and staff form separate circles.
    """
    members = list(db.session.scalars(
        sa.select(CohortMember).join(User, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id, User.active.is_(True), User.role == Role.LEARNER)
        .order_by(User.track, User.name, User.id).options(contains_eager(CohortMember.user))
    ))
    for member in cohort.members:
        member.circle = None
    cohort.circles.clear()
    db.session.flush()
    if cohort.leadership_reviews_only:
        groups = [[m for m in members if m.user.track == Track.LEADERSHIP],
                  [m for m in members if m.user.track != Track.LEADERSHIP]]
    else:
        groups = [members]
    circles: list[Circle] = []
    for group in groups:
        sizes = circle_sizes(len(group))
        formed = [Circle(cohort=cohort, number=len(circles) + i + 1) for i in range(len(sizes))]
        # Deal like cards: member k goes to the next circle that still has room.
        slots = [index for round_ in range(max(sizes, default=0)) for index, size in enumerate(sizes) if round_ < size]
        for member, index in zip(group, slots, strict=True):
            member.circle = formed[index]
        circles += formed
    db.session.flush()
    return circles


def move_member(cohort: Cohort, user_id: int, circle_id: int | None) -> CohortMember:
    """Move a member to another circle of the same cohort, or to a new circle when ``circle_id`` is None."""
    member = next((m for m in cohort.members if m.user_id == user_id), None)
    if member is None:
        raise CircleError(_("This person is not in the cohort."))
    if circle_id is None:
        circle = Circle(cohort=cohort, number=max((c.number for c in cohort.circles), default=0) + 1)
    else:
        circle = next((c for c in cohort.circles if c.id == circle_id), None)
        if circle is None:
            raise CircleError(_("Choose one of this cohort's circles."))
    member.circle = circle
    db.session.flush()
    _drop_empty(cohort)
    return member


def _drop_empty(cohort: Cohort) -> None:
    for circle in list(cohort.circles):
        if not circle.members:
            cohort.circles.remove(circle)
    db.session.flush()
