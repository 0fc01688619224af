"""A cohort, its members, its review circles and, for scheduled pacing, the date each stage opens."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import Organisation, User, enum_column
from course.database import UTCDateTime, utcnow
from course.extensions import Model


class Pacing(StrEnum):
    SELF_PACED = "self_paced"
    SCHEDULED = "scheduled"


class Cohort(Model):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    hashtag: Mapped[str | None] = mapped_column(sa.String(100))
    starts_on: Mapped[date | None]
    pacing: Mapped[Pacing] = mapped_column(enum_column(Pacing), default=Pacing.SELF_PACED)
    # Peer review: how many reviewers each submission gets, in how many days, and whether
    # authors learn who reviewed them. Leadership-only: leadership drafts go to leadership.
    reviewers_per_draft: Mapped[int] = mapped_column(default=2, server_default="2")
    review_due_days: Mapped[int] = mapped_column(default=3, server_default="3")
    anonymous_reviews: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    leadership_reviews_only: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Drafts go to review only from people who acknowledged the current guidelines.
    guidelines_required: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # After the course: from ends_on the cohort is an alumni cohort (lessons, network, feed and circles stay);
    # once closed for good its feed is read-only. The feed may be opened to the whole organisation.
    ends_on: Mapped[date | None]
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feed_open_to_organisation: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    circles: Mapped[list[Circle]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="Circle.number"
    )
    members: Mapped[list[CohortMember]] = relationship(back_populates="cohort", cascade="all, delete-orphan")
    schedule: Mapped[list[StageSchedule]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="StageSchedule.opens_on"
    )

    __table_args__ = (sa.UniqueConstraint("organisation_id", "name"),)

    @property
    def is_scheduled(self) -> bool:
        return self.pacing == Pacing.SCHEDULED

    @property
    def is_closed(self) -> bool:
        """Closed for good by a trainer: its feed only shows what was published before."""
        return self.closed_at is not None

    def is_alumni(self, today: date) -> bool:
        """The course is over for this cohort; what it built goes on."""
        return self.ends_on is not None and today >= self.ends_on


class CohortMember(Model):
    """A learner's place in a cohort; a learner is in at most one cohort."""

    __tablename__ = "cohort_members"

    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, unique=True)
    circle_id: Mapped[int | None] = mapped_column(sa.ForeignKey("circles.id", ondelete="SET NULL"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
    circle: Mapped[Circle | None] = relationship(back_populates="members")


class Circle(Model):
    """A review circle: four or five people of a cohort who review each other through the course."""

    __tablename__ = "circles"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="circles")
    members: Mapped[list[CohortMember]] = relationship(back_populates="circle")

    __table_args__ = (sa.UniqueConstraint("cohort_id", "number"),)


class StageSchedule(Model):
    """For a scheduled cohort: the day a stage opens."""

    __tablename__ = "stage_schedules"

    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    stage_key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    opens_on: Mapped[date]

    cohort: Mapped[Cohort] = relationship(back_populates="schedule")
