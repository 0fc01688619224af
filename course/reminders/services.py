"""The one rule for reminders, and the log every reminder is written to."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import User
from course.dates import format_moment
from course.extensions import db
from course.reminders.models import Reminder

# However often a button is pressed and for whatever reason, a learner gets at most one reminder a day.
REMINDER_INTERVAL = timedelta(days=1)


def last_reminded(user_ids: Iterable[int] | sa.Select) -> dict[int, datetime]:
    """When each of these learners (ids, or a select of them) was last reminded, in one statement; absent if never."""
    rows = db.session.execute(
        sa.select(Reminder.user_id, sa.func.max(Reminder.sent_at))
        .where(Reminder.user_id.in_(user_ids)).group_by(Reminder.user_id))
    return dict(rows.all())


def may_remind(reminded_at: datetime | None, now: datetime) -> bool:
    return reminded_at is None or now - reminded_at >= REMINDER_INTERVAL


def blocked_message(reminded_at: datetime) -> str:
    """Why the button is not offered: when the last reminder went and when the next may go."""
    return _("Reminded on %(when)s; the next reminder is possible from %(next)s.",
             when=format_moment(reminded_at),
             next=format_moment(reminded_at + REMINDER_INTERVAL))


def record_reminders(sent: Sequence[tuple[int, int | None, Sequence[str]]], sent_by: User | None, now: datetime) -> None:
    """Log reminders just sent, as (learner id, their cohort id or None, reasons), in one statement."""
    if sent:
        db.session.execute(sa.insert(Reminder), [
            {"user_id": user_id, "cohort_id": cohort_id, "sent_by_id": sent_by.id if sent_by else None,
             "reasons": list(reasons), "sent_at": now} for user_id, cohort_id, reasons in sent])
