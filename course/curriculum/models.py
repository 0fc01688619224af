"""Progress: when a learner read and completed each lesson."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from course.database import UTCDateTime
from course.extensions import Model


class ReadAndCompleted:
    """When a learner read and completed a lesson, and what that means; for the stored row and a row read as columns."""

    read_at: datetime | None
    completed_at: datetime | None

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class LessonProgress(ReadAndCompleted, Model):
    __tablename__ = "lesson_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    lesson_slug: Mapped[str] = mapped_column(sa.String(100))
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.UniqueConstraint("user_id", "lesson_slug"),)
