"""A review of one submitted draft version, from allocation to the author's helpfulness rating."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User, enum_column
from course.cohorts.models import Cohort
from course.database import UTCDateTime, utcnow
from course.drafts.models import Draft, DraftVersion
from course.extensions import Model


class ReviewKind(StrEnum):
    PEER = "peer"  # allocated from the author's cohort
    FALLBACK = "fallback"  # a trainer, because the cohort had too few reviewers
    TRAINER = "trainer"  # a trainer's own feedback, added by hand


class Review(Model):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(sa.ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    # The version under review; an open review follows the draft to a revision.
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("draft_versions.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="SET NULL"), index=True)
    kind: Mapped[ReviewKind] = mapped_column(enum_column(ReviewKind), default=ReviewKind.PEER)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Overdue and given to someone else as well; the reviewer was told once and may still finish.
    reassigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Taken back by a trainer; no longer the reviewer's to do.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # {criterion key: level 1-4}, plus the two free texts.
    ratings: Mapped[dict[str, int]] = mapped_column(sa.JSON, default=dict)
    worked: Mapped[str] = mapped_column(sa.Text, default="")
    suggestion: Mapped[str] = mapped_column(sa.Text, default="")

    # The author's answer: how helpful it was (1-5) and an optional thank-you.
    helpfulness: Mapped[int | None]
    thanks: Mapped[str | None] = mapped_column(sa.Text)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    draft: Mapped[Draft] = relationship()
    version: Mapped[DraftVersion] = relationship()
    reviewer: Mapped[User] = relationship(foreign_keys=[reviewer_id])
    cohort: Mapped[Cohort | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("helpfulness IS NULL OR helpfulness BETWEEN 1 AND 5", name="helpfulness_range"),
    )

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_open(self) -> bool:
        """Still the reviewer's to do."""
        return self.submitted_at is None and self.withdrawn_at is None

    @property
    def is_extra(self) -> bool:
        """Reassigned when overdue: finishing it is welcome but no longer expected."""
        return self.reassigned_at is not None

    @property
    def can_be_reassigned(self) -> bool:
        """Open, expected (not already covered by someone else), and not a trainer's own feedback."""
        return self.is_open and not self.is_extra and self.kind != ReviewKind.TRAINER

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_from_trainer(self) -> bool:
        return self.kind != ReviewKind.PEER

    @property
    def is_anonymous(self) -> bool:
        """Whether the author must not learn who wrote it."""
        return self.cohort is not None and self.cohort.anonymous_reviews

    def is_overdue(self, now: datetime) -> bool:
        return self.is_open and now > self.due_at

    @property
    def is_visible_to_author(self) -> bool:
        return self.is_submitted and not self.is_hidden
