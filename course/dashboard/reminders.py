"""Reminders from the dashboard: by mail and under Notifications, on the one rule of ``course.reminders``."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.links import external_url
from course.mail.services import Mail, compose_mail, send_mails
from course.reminders.services import blocked_message, may_remind, record_reminders


def can_remind(user: User, reminded_at: datetime | None, now: datetime) -> tuple[bool, str | None]:
    """Whether ``user``, last reminded at ``reminded_at``, may be reminded now and, if not, a sentence saying why."""
    if not user.active:
        return False, _("Deactivated learners get no reminders.")
    if user.is_invited:
        return False, _("%(name)s has not accepted the invitation yet. Send it again from the People page instead.",
                        name=user.name)
    if may_remind(reminded_at, now):
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
    record_reminders([(nudge.user.id, cohort.id, nudge.reasons) for nudge in due], sent_by, now)
    return len(due), len(nudges) - len(due)


def _reminder(nudge: Nudge) -> Mail:
    return compose_mail(nudge.user, _l("A nudge from your Vernetzt course"), "mail/reminder.txt",
                        reasons=set(nudge.reasons), course_link=external_url("curriculum.index"),
                        reviews_link=external_url("review.index"),
                        guidelines_link=external_url("guidelines.mine"))
