"""Sending mail: through SMTP when configured, otherwise into the outbox."""
import smtplib
from email.message import EmailMessage

from flask import current_app

from course.accounts.models import User
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
