"""A person's status in words, the same on every page; the status itself is ``User.status``."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from course.accounts.models import PersonStatus, User
from course.dates import format_day, format_moment


def status_in_words(user: User, invited_on: datetime | None = None, *, with_last_seen: bool = True) -> str:
    """What a trainer reads: left (nothing more), deactivated, invited (on which day, if known), or active and when
    last seen; without when (``with_last_seen`` False) for a person whose activity the trainer may not see."""
    status = user.status
    if status is PersonStatus.LEFT:
        return _("left")
    if status is PersonStatus.DEACTIVATED:
        return _("deactivated")
    if status is PersonStatus.INVITED:
        return _("invited on %(date)s", date=format_day(invited_on)) if invited_on else _("invited")
    if not with_last_seen:
        return _("active")
    if user.last_seen_at:
        return _("active, last seen %(when)s", when=format_moment(user.last_seen_at))
    return _("active, not signed in yet")
