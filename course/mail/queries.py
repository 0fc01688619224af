"""Which outbox messages a trainer or admin may see, and where their delivery stands."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort

from course.accounts.models import Role, User
from course.extensions import db
from course.mail.models import MessageStatus, OutboxMessage
from course.permissions import organisation_ids_for
from course.works_council.visibility import people_hidden_from_trainers

PAGE_SIZE = 50
UNDELIVERED = (MessageStatus.WAITING, MessageStatus.SENDING, MessageStatus.FAILED)


def _visible(statement: sa.Select, user: User) -> sa.Select:
    allowed = organisation_ids_for(user)
    if allowed is None:
        return statement
    if user.role == Role.TRAINER:
        # In the works-council mode a trainer does not learn who got which message (a reminder, say).
        statement = statement.where(sa.or_(OutboxMessage.recipient_id.is_(None),
                                           OutboxMessage.recipient_id.not_in(people_hidden_from_trainers())))
    return statement.where(
        sa.or_(OutboxMessage.organisation_id.in_(allowed), OutboxMessage.recipient_id == user.id)
    )


def outbox_page(user: User, page: int, *, undelivered_only: bool = False):
    """One page of the messages ``user`` may see, newest first; optionally only those not delivered."""
    statement = sa.select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if undelivered_only:
        statement = statement.where(OutboxMessage.status.in_(UNDELIVERED))
    return db.paginate(_visible(statement, user), page=page, per_page=PAGE_SIZE, error_out=False)


@dataclass(frozen=True)
class DeliverySummary:
    waiting: int
    failed: int


def delivery_summary(user: User) -> DeliverySummary:
    """How many of the messages ``user`` may see are still waiting or have failed."""
    counts = dict(db.session.execute(_visible(
        sa.select(OutboxMessage.status, sa.func.count())
        .where(OutboxMessage.status.in_(UNDELIVERED))
        .group_by(OutboxMessage.status), user)).all())
    return DeliverySummary(
        waiting=counts.get(MessageStatus.WAITING, 0) + counts.get(MessageStatus.SENDING, 0),
        failed=counts.get(MessageStatus.FAILED, 0),
    )


def get_message_or_404(user: User, message_id: int) -> OutboxMessage:
    """The message if ``user`` may see it; 404 otherwise. Whether they may read its body is
    ``message.is_readable_by(user)``."""
    statement = sa.select(OutboxMessage).where(OutboxMessage.id == message_id)
    message = db.session.scalar(_visible(statement, user))
    if message is None:
        abort(404)
    return message
