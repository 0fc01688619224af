"""After the course: a circle's rounds, with the person's goals, check-ins and the check-in reminders sent."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.extensions import db
from course.privacy.exporters import Row, exporter, fields
from course.rounds.models import CheckInReminder, RoundCheckIn, RoundGoal


@exporter("round_goals", _l("Your goals for your circle's rounds"), "round_goals.user_id")
def round_goals(user: User) -> list[Row]:
    statement = sa.select(RoundGoal).where(RoundGoal.user_id == user.id).order_by(RoundGoal.created_at)
    return [fields(row, ("text", "created_at", "updated_at")) for row in db.session.scalars(statement)]


@exporter("check_ins", _l("Your check-ins"), "round_check_ins.user_id")
def check_ins(user: User) -> list[Row]:
    statement = sa.select(RoundCheckIn).where(RoundCheckIn.user_id == user.id).order_by(RoundCheckIn.created_at)
    return [fields(row, ("note", "created_at")) for row in db.session.scalars(statement)]


@exporter("check_in_reminders", _l("Check-in reminders you were sent"), "check_in_reminders.user_id")
def check_in_reminders(user: User) -> list[Row]:
    statement = sa.select(CheckInReminder).where(CheckInReminder.user_id == user.id).order_by(CheckInReminder.sent_at)
    return [fields(row, ("number", "sent_at")) for row in db.session.scalars(statement)]
