"""Sending mail: through SMTP when configured, otherwise into the outbox."""
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale

from course.accounts.models import User
from course.database import utcnow
from course.extensions import db
from course.mail.models import OutboxMessage


def send_mail(recipient: User, subject: str, body: str) -> OutboxMessage | None:
    """Send a plain-text message to ``recipient``.

    Without ``MAIL_SERVER`` the message is stored in the outbox (and returned),
    so development and tests never lose one; with it, it goes out by SMTP.
    """
    if not current_app.config.get("MAIL_SERVER"):
        message = OutboxMessage(
            recipient_address=recipient.email,
            recipient=recipient,
            organisation_id=recipient.organisation_id,
            subject=subject,
            body=body,
        )
        db.session.add(message)
        db.session.flush()
        return message
    _send_smtp(recipient.email, subject, body)
    return None


@dataclass(frozen=True)
class Mail:
    recipient: User
    subject: str
    body: str


def compose_mail(recipient: User, subject, template: str, **context) -> Mail:
    """A mail rendered from ``template`` in the recipient's language (their profile's, else the site's)."""
    with force_locale(mail_language(recipient)):
        return Mail(recipient, str(subject), render_template(template, user=recipient, **context))


def mail_language(recipient: User) -> str:
    return recipient.language or current_app.config["BABEL_DEFAULT_LOCALE"]


def send_mails(mails: Sequence[Mail]) -> None:
    """Send many messages; without ``MAIL_SERVER`` they reach the outbox in one statement."""
    if not mails:
        return
    if current_app.config.get("MAIL_SERVER"):
        for mail in mails:
            _send_smtp(mail.recipient.email, mail.subject, mail.body)
        return
    now = utcnow()
    rows = [{"recipient_address": mail.recipient.email, "recipient_id": mail.recipient.id,
             "organisation_id": mail.recipient.organisation_id, "subject": mail.subject, "body": mail.body,
             "created_at": now} for mail in mails]
    db.session.execute(sa.insert(OutboxMessage), rows)


def _send_smtp(address: str, subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = address
    message["Subject"] = subject
    message.set_content(body)
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
