"""Marking one's messages as read. Functions flush; callers commit."""
from typing import cast

import sqlalchemy as sa

from course.accounts.models import User
from course.database import utcnow
from course.extensions import db
from course.mail.models import OutboxMessage


def mark_read(message: OutboxMessage) -> None:
    """Note that the recipient has opened ``message``."""
    if message.read_at is None:
        message.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    """Mark every unread message of ``user`` as read; return how many there were."""
    # An UPDATE gives a CursorResult, which knows how many rows it changed.
    result = cast(sa.CursorResult, db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.recipient_id == user.id, OutboxMessage.read_at.is_(None))
        .values(read_at=utcnow())
    ))
    return result.rowcount
