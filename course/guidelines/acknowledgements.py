"""Acknowledging the published guidelines, reminding those who have not, and the cohort's requirement."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.cohorts.models import CohortMember
from course.cohorts.queries import cohort_of
from course.database import utcnow
from course.extensions import db
from course.guidelines.models import Acknowledgement, GuidelineVersion
from course.guidelines.queries import Receipt, latest_published, pending_version
from course.links import external_url
from course.mail.services import Mail, compose_mail, send_mails
from course.reminders.services import may_remind, record_reminders


class AcknowledgementError(Exception):
    """The acknowledgement cannot be recorded, e.g. because a newer version appeared meanwhile."""


def acknowledge(user: User, version: GuidelineVersion) -> None:
    """Record that ``user`` has read and accepts ``version``, which must be the version in force."""
    current = latest_published(user.organisation_id) if user.organisation_id else None
    if current is None or current.id != version.id:
        raise AcknowledgementError(_("A newer version of the guidelines has been published. Read it and "
                                     "acknowledge that one."))
    row = db.session.get(Acknowledgement, (user.id, version.id))
    if row is None:
        row = Acknowledgement(user_id=user.id, version_id=version.id)
        db.session.add(row)
    row.acknowledged_at = row.acknowledged_at or utcnow()
    db.session.flush()


def required_before_submitting(user: User) -> GuidelineVersion | None:
    """The version ``user`` must acknowledge before a draft goes to review, if their cohort asks for it."""
    cohort = cohort_of(user)
    return pending_version(user) if cohort is not None and cohort.guidelines_required else None


def can_remind(receipt: Receipt, now: datetime) -> bool:
    """Whether the learner may get a reminder now: not acknowledged, and reminded of nothing for a day."""
    return receipt.acknowledged_at is None and may_remind(receipt.reminded_at, now)


def remind(version: GuidelineVersion, receipts: list[Receipt], sent_by: User | None = None,
           now: datetime | None = None) -> tuple[int, int]:
    """Mail each learner in ``receipts`` who may be reminded; returns (reminded, left out as reminded recently)."""
    now = now or utcnow()
    due = [receipt for receipt in receipts if can_remind(receipt, now)]
    recent = sum(1 for receipt in receipts if receipt.acknowledged_at is None and not can_remind(receipt, now))
    if not due:
        return 0, recent
    send_mails([_reminder(receipt.user, version) for receipt in due])
    ids = [r.user.id for r in due]
    cohorts = dict(db.session.execute(sa.select(CohortMember.user_id, CohortMember.cohort_id)
                                      .where(CohortMember.user_id.in_(ids))).all())
    record_reminders([(user_id, cohorts.get(user_id), ["guidelines"]) for user_id in ids], sent_by, now)
    existing = set(db.session.scalars(sa.select(Acknowledgement.user_id).where(
        Acknowledgement.version_id == version.id, Acknowledgement.user_id.in_(ids))))
    new = [{"user_id": user_id, "version_id": version.id, "reminded_at": now} for user_id in ids
           if user_id not in existing]
    if new:
        db.session.execute(sa.insert(Acknowledgement), new)
    if existing:
        db.session.execute(sa.update(Acknowledgement).where(Acknowledgement.version_id == version.id,
                                                            Acknowledgement.user_id.in_(existing))
                           .values(reminded_at=now))
    return len(due), recent


def _reminder(user: User, version: GuidelineVersion) -> Mail:
    return compose_mail(user, _l("Please read and acknowledge the social-media guidelines"),
                        "mail/guidelines_reminder.txt", version=version,
                        link=external_url("guidelines.show", organisation_id=version.organisation_id))
