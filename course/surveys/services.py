"""Answering the follow-up survey. Functions flush; the view commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from course.accounts.models import User
from course.exercises.models import ExerciseResponse
from course.exercises.services import response_for
from course.extensions import db
from course.surveys.series import SurveySeries, follow_up_opens_at
from course.text.cleaning import clean_user_text


class FollowUpError(ValueError):
    """The follow-up cannot be answered (yet); the message is safe to show."""


@dataclass(frozen=True)
class FollowUp:
    """A person's three answers, as far as they exist, and when the follow-up opens for them."""

    before: ExerciseResponse | None
    closing: ExerciseResponse | None
    follow_up: ExerciseResponse | None
    opens_at: datetime | None  # None: the closing survey is not answered yet

    def is_open(self, now: datetime) -> bool:
        return self.opens_at is not None and self.opens_at <= now


def follow_up_for(user: User, series: SurveySeries) -> FollowUp:
    """``user``'s answers to the series, and when their follow-up opens: 90 days after they first answered the
    closing survey."""
    before, closing, follow_up = (response_for(user, slug) for slug in series.slugs)
    return FollowUp(before, closing, follow_up, follow_up_opens_at(closing.created_at) if closing else None)


def save_follow_up(user: User, series: SurveySeries, answers: dict, now: datetime) -> ExerciseResponse:
    """Store (or replace) ``user``'s follow-up answers, once the follow-up has opened for them."""
    state = follow_up_for(user, series)
    if not state.is_open(now):
        raise FollowUpError(_("The follow-up survey opens 90 days after you answered the closing survey."))
    response = state.follow_up
    if response is None:
        response = ExerciseResponse(user_id=user.id, lesson_slug=series.follow_up_key, kind="survey", created_at=now)
        db.session.add(response)
    response.answers = {name: clean_user_text(value) if isinstance(value, str) else value
                        for name, value in answers.items()}
    response.updated_at = now
    db.session.flush()
    return response
