"""A learner's draft for a lesson's post or profile exercise, and its versions."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.database import UTCDateTime, utcnow
from course.extensions import Model

if TYPE_CHECKING:
    from course.accounts.models import User


class Draft(Model):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    lesson_slug: Mapped[str] = mapped_column(sa.String(100))
    # The platform the learner picked, for a post written for one of several platforms.
    platform: Mapped[str | None] = mapped_column(sa.String(20))
    # Grows by one with every accepted save; a save based on an older revision is a conflict.
    revision: Mapped[int] = mapped_column(default=0)
    first_submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship("User")
    versions: Mapped[list[DraftVersion]] = relationship(
        back_populates="draft", order_by="DraftVersion.number", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.UniqueConstraint("user_id", "lesson_slug"),)

    @property
    def latest(self) -> DraftVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def texts(self) -> dict[str, str]:
        return dict(self.latest.texts) if self.latest else {}

    @property
    def is_submitted(self) -> bool:
        """Whether the current text is the one waiting for (or given) review."""
        return self.latest is not None and self.latest.is_submitted

    @property
    def is_revising(self) -> bool:
        return self.first_submitted_at is not None and not self.is_submitted

    @property
    def shared_version(self) -> DraftVersion | None:
        """The version anyone but the author may read: the newest submitted one.

        A draft is its author's until submitted, and so is a revision in progress: trainers,
        reviewers and exports see the text as it was last sent for review, never a later one.
        """
        return next((version for version in reversed(self.versions) if version.is_submitted), None)

    def version(self, number: int) -> DraftVersion | None:
        return next((v for v in self.versions if v.number == number), None)


class DraftVersion(Model):
    """The texts of a draft at one point: a writing session, a submission or a revision."""

    __tablename__ = "draft_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(sa.ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    # {part key: text}: one part for a single post, one per platform or profile field otherwise.
    texts: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    platform: Mapped[str | None] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    draft: Mapped[Draft] = relationship(back_populates="versions")

    __table_args__ = (sa.UniqueConstraint("draft_id", "number"),)

    @hybrid_property
    def is_submitted(self) -> bool:
        """Sent for review, so readable by others (see Draft.shared_version); in SQL too."""
        return self.submitted_at is not None

    @is_submitted.inplace.expression
    @classmethod
    def _is_submitted_expression(cls) -> sa.ColumnElement[bool]:
        return cls.submitted_at.is_not(None)
