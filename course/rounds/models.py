"""A circle's rounds after the course: each member's goal for the round, their check-ins, the reminders sent.

A round lasts ROUND_DAYS from the day it starts; a check-in is due every CHECK_IN_DAYS, the first one
CHECK_IN_DAYS after the start. Goals and check-ins are for the circle's members only: the trainer sees
whether a circle is active, never what it writes.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User
from course.cohorts.models import Circle
from course.database import UTCDateTime, utcnow
from course.extensions import Model

ROUND_DAYS = 90
CHECK_IN_DAYS = 14
CHECK_INS_PER_ROUND = ROUND_DAYS // CHECK_IN_DAYS  # the last due date (day 84) still falls inside the round


class CircleRound(Model):
    __tablename__ = "circle_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(sa.ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]  # the circle's first round after the course is 1
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    circle: Mapped[Circle] = relationship()
    goals: Mapped[list[RoundGoal]] = relationship(back_populates="round", cascade="all, delete-orphan")
    check_ins: Mapped[list[RoundCheckIn]] = relationship(back_populates="round", cascade="all, delete-orphan",
                                                         order_by="RoundCheckIn.created_at")

    __table_args__ = (sa.UniqueConstraint("circle_id", "number"),)

    def is_running(self, now: datetime) -> bool:
        return self.started_at <= now < self.ends_at

    def due_at(self, number: int) -> datetime:
        """When check-in ``number`` (1 to CHECK_INS_PER_ROUND) is due; 0 is the start."""
        return self.started_at + timedelta(days=CHECK_IN_DAYS * number)

    def passed_due_dates(self, now: datetime) -> int:
        """How many check-in dates have come by ``now`` (0 before the first)."""
        return max(0, min(CHECK_INS_PER_ROUND, (now - self.started_at) // timedelta(days=CHECK_IN_DAYS)))


class RoundGoal(Model):
    """One member's goal for a round, in Markdown."""

    __tablename__ = "round_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("circle_rounds.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    round: Mapped[CircleRound] = relationship(back_populates="goals")
    user: Mapped[User] = relationship()

    __table_args__ = (sa.UniqueConstraint("round_id", "user_id"),)


class RoundCheckIn(Model):
    """A short note for the circle, in Markdown."""

    __tablename__ = "round_check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("circle_rounds.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    round: Mapped[CircleRound] = relationship(back_populates="check_ins")
    user: Mapped[User] = relationship()

    __table_args__ = (sa.Index("ix_round_check_ins_round_id_created_at", "round_id", "created_at"),)


class CheckInReminder(Model):
    """A reminder sent for one due check-in of one member: at most one each, however often the worker runs."""

    __tablename__ = "check_in_reminders"

    round_id: Mapped[int] = mapped_column(sa.ForeignKey("circle_rounds.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
