"""Offering the follow-up survey: by mail and under Notifications, once per person, when it opens."""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from course.accounts.models import Role, User
from course.curriculum.library import lessons
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.links import external_url
from course.mail.services import compose_mail, send_mails
from course.surveys.models import FollowUpOffer
from course.surveys.series import FOLLOW_UP_DAYS, survey_series


def offer_follow_ups(now: datetime) -> int:
    """Offer the follow-up to every active learner whose closing survey is FOLLOW_UP_DAYS old, who has not answered
    it and was not offered it before; returns how many offers were written. Three statements however many."""
    series = survey_series(lessons.curriculum)
    if series is None:
        return 0
    answered = sa.select(ExerciseResponse.user_id).where(ExerciseResponse.lesson_slug == series.follow_up_key)
    offered = sa.select(FollowUpOffer.user_id)
    people = list(db.session.scalars(
        sa.select(User).join(ExerciseResponse, ExerciseResponse.user_id == User.id)
        .where(ExerciseResponse.lesson_slug == series.closing.slug,
               ExerciseResponse.created_at <= now - timedelta(days=FOLLOW_UP_DAYS),
               User.role == Role.LEARNER, User.active.is_(True),
               User.id.not_in(answered), User.id.not_in(offered))
        .order_by(User.id)))
    if not people:
        return 0
    link = external_url("surveys.follow_up")
    send_mails([compose_mail(person, _l("Ninety days on: the course's four questions once more"),
                             "mail/follow_up_survey.txt", survey_link=link) for person in people])
    db.session.execute(sa.insert(FollowUpOffer), [{"user_id": person.id, "offered_at": now} for person in people])
    return len(people)
