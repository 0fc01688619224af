"""Reminding members whose check-in is due: by mail and under Notifications, once per due check-in."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from course.accounts.models import User
from course.extensions import db
from course.links import external_url
from course.mail.services import Mail, compose_mail, send_mails
from course.rounds.models import CheckInReminder, CircleRound, RoundCheckIn, RoundGoal
from course.rounds.status import check_in_state


def remind_due_check_ins(now: datetime) -> int:
    """Write a reminder to every member of a running round whose check-in is due and who was not yet reminded of
    that one; returns how many were written. A fixed number of statements, however many rounds run."""
    goals = list(db.session.scalars(
        sa.select(RoundGoal).join(CircleRound, RoundGoal.round_id == CircleRound.id)
        .join(User, RoundGoal.user_id == User.id)
        .where(CircleRound.started_at <= now, CircleRound.ends_at > now, User.active.is_(True))
        .options(joinedload(RoundGoal.round), joinedload(RoundGoal.user))))
    if not goals:
        return 0
    round_ids = {goal.round_id for goal in goals}
    last = {(round_id, user_id): at for round_id, user_id, at in db.session.execute(
        sa.select(RoundCheckIn.round_id, RoundCheckIn.user_id, sa.func.max(RoundCheckIn.created_at))
        .where(RoundCheckIn.round_id.in_(round_ids)).group_by(RoundCheckIn.round_id, RoundCheckIn.user_id))}
    sent = {(round_id, user_id, number) for round_id, user_id, number in db.session.execute(
        sa.select(CheckInReminder.round_id, CheckInReminder.user_id, CheckInReminder.number)
        .where(CheckInReminder.round_id.in_(round_ids)))}
    due = []
    for goal in goals:
        state = check_in_state(goal.round, goal.created_at, last.get((goal.round_id, goal.user_id)), now)
        if state.due_number is not None and (goal.round_id, goal.user_id, state.due_number) not in sent:
            due.append((goal, state.due_number))
    if not due:
        return 0
    send_mails([_reminder(goal) for goal, _number in due])
    db.session.execute(sa.insert(CheckInReminder), [
        {"round_id": goal.round_id, "user_id": goal.user_id, "number": number, "sent_at": now} for goal, number in due])
    return len(due)


def _reminder(goal: RoundGoal) -> Mail:
    return compose_mail(goal.user, _l("Your circle is waiting for your check-in"), "mail/check_in_due.txt",
                        round_number=goal.round.number, ends_at=goal.round.ends_at,
                        round_link=external_url("rounds.show", round_id=goal.round_id))
