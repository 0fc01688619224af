"""Where a member and a circle stand in a round, in one place: the round page, the reminders and the trainer's
circles page all ask here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _

from course.dates import format_day
from course.rounds.models import CHECK_IN_DAYS, CHECK_INS_PER_ROUND, CircleRound

RECENT = timedelta(days=CHECK_IN_DAYS)


@dataclass(frozen=True)
class CheckInState:
    """A member's check-ins in a running round: the one due and not yet written, and when the next falls due."""

    due_number: int | None
    next_due_at: datetime | None

    @property
    def is_due(self) -> bool:
        return self.due_number is not None


def check_in_state(round_: CircleRound, joined_at: datetime, last_check_in_at: datetime | None,
                   now: datetime) -> CheckInState:
    """Check-in n is due once its date has come, for a member who set their goal before that date and has not
    checked in since the date before it (the start, for the first)."""
    if not round_.is_running(now):
        return CheckInState(None, None)
    passed = round_.passed_due_dates(now)
    following = round_.due_at(passed + 1) if passed < CHECK_INS_PER_ROUND else None
    if passed == 0 or round_.due_at(passed) <= joined_at:
        return CheckInState(None, following)
    if last_check_in_at is not None and last_check_in_at >= round_.due_at(passed - 1):
        return CheckInState(None, following)
    return CheckInState(passed, following)


@dataclass(frozen=True)
class CircleActivity:
    """What the trainer sees of a circle after the course: whether it is active, never what it writes."""

    key: str  # none, active, quiet, silent, ended: a CSS modifier
    label: str


def circle_activity(latest: CircleRound | None, last_check_in_at: datetime | None, now: datetime) -> CircleActivity:
    """The circle's activity from its latest round and that round's latest check-in, in buckets of two weeks."""
    if latest is None:
        return CircleActivity("none", _("No round since the course"))
    if not latest.is_running(now):
        return CircleActivity("ended", _("Round %(number)d ended on %(date)s",
                                         number=latest.number, date=format_day(latest.ends_at)))
    until = format_day(latest.ends_at)
    if last_check_in_at is None:
        return CircleActivity("quiet", _("Round %(number)d running until %(date)s; no check-in yet",
                                         number=latest.number, date=until))
    age = now - last_check_in_at
    if age <= RECENT:
        return CircleActivity("active", _("Active: round %(number)d until %(date)s, a check-in in the last 14 days",
                                          number=latest.number, date=until))
    if age <= 2 * RECENT:
        return CircleActivity("quiet", _("Round %(number)d running until %(date)s; last check-in 15 to 28 days ago",
                                         number=latest.number, date=until))
    return CircleActivity("silent", _("Round %(number)d running until %(date)s; last check-in more than 28 days ago",
                                      number=latest.number, date=until))
