"""Who may read which calendar: a cohort's to its members and staff, a feed to whoever holds its link."""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask import abort

from course.accounts.models import User
from course.calendars.models import CalendarLink
from course.calendars.services import hash_token
from course.cohorts.models import Cohort, CohortMember
from course.cohorts.queries import get_cohort_or_404
from course.extensions import db
from course.permissions import scope_to_organisations

# What secrets.token_urlsafe(32) makes; anything else is not looked up at all.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def get_calendar_cohort_or_404(user: User, cohort_id: int) -> Cohort:
    """A cohort whose stage dates ``user`` may read: a learner their own, staff those of their organisations."""
    if not user.is_learner:
        return get_cohort_or_404(user, cohort_id)
    return db.first_or_404(sa.select(Cohort).join(CohortMember)
                           .where(Cohort.id == cohort_id, CohortMember.user_id == user.id))


def staff_cohorts(user: User) -> list[Cohort]:
    """The cohorts of the organisations a trainer (or admin) looks after, by organisation and name."""
    statement = sa.select(Cohort).order_by(Cohort.organisation_id, Cohort.name)
    return list(db.session.scalars(scope_to_organisations(statement, Cohort.organisation_id, user)))


def active_link(user: User) -> CalendarLink | None:
    """``user``'s subscription link in use, if they made one."""
    return db.session.scalar(sa.select(CalendarLink)
                             .where(CalendarLink.user_id == user.id, CalendarLink.revoked_at.is_(None)))


def feed_owner_or_404(token: str) -> User:
    """The person whose link carries ``token``; 404 for an unknown or revoked link, or a deactivated person."""
    if not _TOKEN.fullmatch(token):
        abort(404)
    return db.first_or_404(sa.select(User).join(CalendarLink, CalendarLink.user_id == User.id)
                           .where(CalendarLink.token_hash == hash_token(token), CalendarLink.revoked_at.is_(None),
                                  User.active.is_(True)))
