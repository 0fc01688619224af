"""The reminders log: one row per learner and reminder sent, from any page, so nobody is nudged twice in a day."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User
from course.database import UTCDateTime, utcnow
from course.extensions import db


class Reminder(db.Model):
    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # The learner's cohort when reminded; none for a learner in no cohort (e.g. reminded about the guidelines).
    cohort_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Why the learner was reminded, as keys of dashboard.attention.REASONS (e.g. "inactive", "guidelines").
    reasons: Mapped[list[str]] = mapped_column(sa.JSON)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    __table_args__ = (sa.Index("ix_reminders_user_id_sent_at", "user_id", "sent_at"),)
