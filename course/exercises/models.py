"""A learner's answer to a reflection, plan, replies or survey exercise."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from course.database import UTCDateTime, utcnow
from course.extensions import Model


class ExerciseResponse(Model):
    __tablename__ = "exercise_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    lesson_slug: Mapped[str] = mapped_column(sa.String(100))
    kind: Mapped[str] = mapped_column(sa.String(16))
    # The answers as the exercise's form gave them: {field name: text or number}.
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    # Reflections are private unless the learner shares them with the trainer.
    is_shared_with_trainer: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.UniqueConstraint("user_id", "lesson_slug"),)
