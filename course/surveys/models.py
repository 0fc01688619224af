"""The offers of the follow-up survey, one per person: the worker offers it once, however often it runs.

The answers themselves are exercise responses (``course.exercises.models.ExerciseResponse``) under the
follow-up's own key (``course.surveys.series.SurveySeries.follow_up_key``).
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from course.database import UTCDateTime, utcnow
from course.extensions import Model


class FollowUpOffer(Model):
    __tablename__ = "survey_follow_up_offers"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
