"""Which outbox messages a trainer or admin may read."""
import sqlalchemy as sa
from flask import abort

from course.accounts.models import User
from course.extensions import db
from course.mail.models import OutboxMessage
from course.permissions import organisation_ids_for

PAGE_SIZE = 50


def _visible(statement: sa.Select, user: User) -> sa.Select:
    allowed = organisation_ids_for(user)
    if allowed is None:
        return statement
    return statement.where(
        sa.or_(OutboxMessage.organisation_id.in_(allowed), OutboxMessage.recipient_id == user.id)
    )


def outbox_page(user: User, page: int):
    """One page of the messages ``user`` may read, newest first."""
    statement = sa.select(OutboxMessage).order_by(
        OutboxMessage.created_at.desc(), OutboxMessage.id.desc()
    )
    return db.paginate(_visible(statement, user), page=page, per_page=PAGE_SIZE, error_out=False)


def get_message_or_404(user: User, message_id: int) -> OutboxMessage:
    """The message if ``user`` may read it; 404 otherwise."""
    statement = sa.select(OutboxMessage).where(OutboxMessage.id == message_id)
    message = db.session.scalar(_visible(statement, user))
    if message is None:
        abort(404)
    return message
