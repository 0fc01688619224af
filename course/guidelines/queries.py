"""Reading the guidelines: the current version, the draft, a version by number, and who acknowledged what."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from course.accounts.models import Organisation, Role, User
from course.extensions import db
from course.guidelines.models import Acknowledgement, GuidelineSection, GuidelineVersion
from course.reminders.models import Reminder


def _versions(organisation_id: int) -> sa.Select:
    return (sa.select(GuidelineVersion).where(GuidelineVersion.organisation_id == organisation_id)
            .options(selectinload(GuidelineVersion.sections)))


def latest_published(organisation: Organisation | int) -> GuidelineVersion | None:
    """The version in force: the one published last."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.id
    return db.session.scalar(_versions(organisation_id).where(GuidelineVersion.published_at.is_not(None))
                             .order_by(GuidelineVersion.number.desc()).limit(1))


def draft_of(organisation: Organisation) -> GuidelineVersion | None:
    """The version being written, if any (an organisation has at most one)."""
    return db.session.scalar(_versions(organisation.id).where(GuidelineVersion.published_at.is_(None))
                             .order_by(GuidelineVersion.number.desc()).limit(1))


def versions_of(organisation: Organisation) -> list[GuidelineVersion]:
    """Every version, newest first."""
    return list(db.session.scalars(sa.select(GuidelineVersion)
                                   .where(GuidelineVersion.organisation_id == organisation.id)
                                   .order_by(GuidelineVersion.number.desc())))


def version_or_404(organisation: Organisation, number: int) -> GuidelineVersion:
    version = db.session.scalar(_versions(organisation.id).where(GuidelineVersion.number == number))
    if version is None:
        abort(404)
    return version


def section_or_404(version: GuidelineVersion, key: str) -> GuidelineSection:
    for section in version.sections:
        if section.key == key:
            return section
    abort(404)


def has_acknowledged(user: User, version: GuidelineVersion) -> bool:
    return db.session.scalar(sa.select(sa.exists().where(
        Acknowledgement.user_id == user.id, Acknowledgement.version_id == version.id,
        Acknowledgement.acknowledged_at.is_not(None)))) or False


def acknowledges_guidelines(user: User) -> bool:
    """Whether ``user`` is asked to acknowledge their organisation's guidelines: learners of one are."""
    return user.role == Role.LEARNER and user.organisation_id is not None


def _pending_condition() -> sa.ColumnElement[bool]:
    """Being the published version the learner ``:user_id`` of ``:organisation_id`` still has to acknowledge."""
    acknowledged = sa.exists().where(Acknowledgement.user_id == sa.bindparam("user_id"),
                                     Acknowledgement.version_id == GuidelineVersion.id,
                                     Acknowledgement.acknowledged_at.is_not(None))
    current = (sa.select(GuidelineVersion.id)
               .where(GuidelineVersion.organisation_id == sa.bindparam("organisation_id"),
                      GuidelineVersion.published_at.is_not(None))
               .order_by(GuidelineVersion.number.desc()).limit(1).scalar_subquery())
    return sa.and_(GuidelineVersion.id == current, ~acknowledged)


@cache  # built once: every page asks
def pending_number_subquery() -> sa.ScalarSelect[int]:
    """The number of the version still to acknowledge (NULL when none), as a subquery with the parameters
    ``user_id`` and ``organisation_id``, for pages that read it together with other things."""
    return sa.select(GuidelineVersion.number).where(_pending_condition()).scalar_subquery()


@cache
def _pending_version() -> sa.Select[GuidelineVersion]:
    return sa.select(GuidelineVersion).where(_pending_condition())


def pending_version(user: User) -> GuidelineVersion | None:
    """The published version a learner still has to acknowledge, if any."""
    if not acknowledges_guidelines(user):
        return None
    return db.session.scalar(_pending_version(), {"user_id": user.id, "organisation_id": user.organisation_id})


@dataclass(frozen=True)
class Receipt:
    """A learner and the current version: acknowledged when; last reminded (of anything) when."""

    user: User
    acknowledged_at: datetime | None
    reminded_at: datetime | None


def receipts(organisation: Organisation, version: GuidelineVersion) -> list[Receipt]:
    """Every active learner of the organisation with their acknowledgement of ``version``, by name."""
    last_reminder = (sa.select(Reminder.user_id, sa.func.max(Reminder.sent_at).label("sent_at"))
                     .group_by(Reminder.user_id).subquery())
    rows = db.session.execute(
        sa.select(User, Acknowledgement.acknowledged_at, last_reminder.c.sent_at)
        .outerjoin(Acknowledgement, sa.and_(Acknowledgement.user_id == User.id,
                                            Acknowledgement.version_id == version.id))
        .outerjoin(last_reminder, last_reminder.c.user_id == User.id)
        .where(User.organisation_id == organisation.id, User.role == Role.LEARNER, User.active.is_(True))
        .order_by(User.name, User.id))
    return [Receipt(user, acknowledged_at, reminded_at) for user, acknowledged_at, reminded_at in rows]
