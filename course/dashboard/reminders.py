"""Reminders from the trainer: by mail and under Notifications, at most one a day for each learner."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.dashboard.models import Reminder
from course.dates import format_moment
from course.extensions import db
from course.links import external_url
from course.mail.services import Mail, compose_mail, send_mails

# However often the button is pressed, a learner hears from the trainer at most once a day.
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


def can_remind(user: User, reminded_at: datetime | None, now: datetime) -> tuple[bool, str | None]:
    """Whether ``user``, last reminded at ``reminded_at``, may be reminded now and, if not, a sentence saying why."""
    if not user.active:
        return False, _("Deactivated learners get no reminders.")
    if user.is_invited:
        return False, _("%(name)s has not accepted the invitation yet. Send it again from the People page instead.",
                        name=user.name)
    if reminded_at is None or may_remind(reminded_at, now):
        return True, None
    return False, blocked_message(reminded_at)


@dataclass(frozen=True)
class Nudge:
    """One learner to remind, and why (keys of dashboard.attention.REASONS)."""

    user: User
    reasons: Sequence[str]
    reminded_at: datetime | None = None


def send_reminders(cohort: Cohort, nudges: Sequence[Nudge], sent_by: User, now: datetime) -> tuple[int, int]:
    """Remind every active learner in ``nudges`` not reminded within a day; returns (sent, left out)."""
    due = [nudge for nudge in nudges if nudge.user.active and may_remind(nudge.reminded_at, now)]
    if not due:
        return 0, len(nudges)
    send_mails([_reminder(nudge) for nudge in due])
    db.session.execute(sa.insert(Reminder), [
        {"user_id": nudge.user.id, "cohort_id": cohort.id, "sent_by_id": sent_by.id,
         "reasons": list(nudge.reasons), "sent_at": now} for nudge in due])
    return len(due), len(nudges) - len(due)


def _reminder(nudge: Nudge) -> Mail:
    return compose_mail(nudge.user, _l("A nudge from your Vernetzt course"), "mail/reminder.txt",
                        reasons=set(nudge.reasons), course_link=external_url("curriculum.index"),
                        reviews_link=external_url("review.index"),
                        guidelines_link=external_url("guidelines.mine"))
