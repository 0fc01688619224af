"""A person's own messages: the list, one message, the unread count in the header."""
from functools import cache

import sqlalchemy as sa
from flask import abort

from course.accounts.models import User
from course.extensions import db
from course.mail.models import OutboxMessage

PAGE_SIZE = 30


def _own(user: User) -> sa.Select:
    return sa.select(OutboxMessage).where(OutboxMessage.recipient_id == user.id)


def notifications_page(user: User, page: int):
    """One page of the messages addressed to ``user``, newest first."""
    statement = _own(user).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    return db.paginate(statement, page=page, per_page=PAGE_SIZE, error_out=False)


@cache  # built once: every page asks
def _unread() -> sa.Select[int]:
    return (sa.select(sa.func.count()).select_from(OutboxMessage)
            .where(OutboxMessage.recipient_id == sa.bindparam("user_id"), OutboxMessage.read_at.is_(None)))


def unread_count(user: User) -> int:
    """How many messages addressed to ``user`` they have not opened yet."""
    return db.session.scalar(_unread(), {"user_id": user.id}) or 0


@cache
def unread_count_subquery() -> sa.ScalarSelect[int]:
    """The same count, for the person given as the parameter ``user_id``, as a subquery for pages
    that read it together with other things."""
    return _unread().scalar_subquery()


def get_own_message_or_404(user: User, message_id: int) -> OutboxMessage:
    """The message if it is addressed to ``user``; 404 otherwise."""
    message = db.session.scalar(_own(user).where(OutboxMessage.id == message_id))
    if message is None:
        abort(404)
    return message
