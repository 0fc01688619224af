"""Writing mail: every message goes into the outbox, in the transaction of the action that causes it.

Nothing is sent here. After the transaction commits, the background worker hands waiting messages to
the mail server (see ``course.mail.delivery`` and ``course.tasks``); a rolled-back action leaves no
message behind, and a committed one always has its message.
"""
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale

from course.accounts.models import User
from course.database import utcnow
from course.extensions import db
from course.i18n import organisation_language
from course.mail.models import MessageStatus, OutboxMessage

# Set on the session when it wrote messages for the worker; read once the transaction has committed.
DELIVERY_PENDING = "vernetzt.mail_written"


@dataclass(frozen=True)
class Mail:
    recipient: User
    subject: str
    body: str
    # Holds a link that signs its recipient in or sets their password: nobody else may read it.
    is_secret: bool = False
    language: str | None = None  # the language it is written in, if known


def compose_mail(recipient: User, subject, template: str, *, is_secret: bool = False, language: str | None = None,
                 **context) -> Mail:
    """A mail rendered from ``template`` in ``language``, by default the recipient's (see ``mail_language``)."""
    language = language or mail_language(recipient)
    with force_locale(language):
        body = render_template(template, user=recipient, **context)
        return Mail(recipient, str(subject), body, is_secret, language)


def mail_language(recipient: User) -> str:
    """The recipient's own language, else their organisation's, else the site's."""
    return recipient.language or organisation_language(recipient) or current_app.config["BABEL_DEFAULT_LOCALE"]


def mail_backend() -> str:
    """How the worker delivers: ``smtp``, ``console`` (printed by the worker) or ``app`` (kept in the app only)."""
    config = current_app.config
    return config.get("MAIL_BACKEND") or ("smtp" if config.get("MAIL_SERVER") else "app")


def send_mail(recipient: User, subject: str, body: str, *, is_secret: bool = False,
              language: str | None = None) -> OutboxMessage:
    """Write one message to the outbox; the worker delivers it after commit. A deleted account gets none."""
    if recipient.deleted_at is not None:
        raise ValueError("No mail goes to a deleted account.")
    message = OutboxMessage(**_row(Mail(recipient, subject, body, is_secret, language), _initial_status()))
    db.session.add(message)
    db.session.flush()
    _note_pending(message.status)
    return message


def send_mails(mails: Sequence[Mail]) -> None:
    """Write many messages to the outbox in one statement; the worker delivers them after commit.
    Messages to a deleted account are left out: its address reaches nobody, and nobody may write to it."""
    mails = [mail for mail in mails if mail.recipient.deleted_at is None]
    if not mails:
        return
    status, now = _initial_status(), utcnow()
    db.session.execute(sa.insert(OutboxMessage), [{**_row(mail, status), "created_at": now} for mail in mails])
    _note_pending(status)


def _initial_status() -> MessageStatus:
    return MessageStatus.IN_APP if mail_backend() == "app" else MessageStatus.WAITING


def _row(mail: Mail, status: MessageStatus) -> dict:
    return {"recipient_address": mail.recipient.email, "recipient_id": mail.recipient.id,
            "organisation_id": mail.recipient.organisation_id, "subject": mail.subject, "body": mail.body,
            "is_secret": mail.is_secret, "language": mail.language, "status": status}


def _note_pending(status: MessageStatus) -> None:
    if status == MessageStatus.WAITING:
        db.session.info[DELIVERY_PENDING] = True
