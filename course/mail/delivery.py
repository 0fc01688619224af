"""Delivering the outbox: run by the background worker, never inside a request.

Each message is claimed before it is handed to the mail server, so two workers never send the same
message; a worker killed between handing a message over and recording it leaves a claim that
expires after ``MAIL_CLAIM_TIMEOUT`` seconds, and only that one message can then go out twice (the
Message-ID stays the same, so mail servers and clients can recognise the copy).
"""
import smtplib
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import cast
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from course.accounts.models import User
from course.database import utcnow
from course.extensions import db
from course.mail.models import MessageStatus, OutboxMessage
from course.mail.services import mail_backend

BATCH_SIZE = 100
CLAIM_SIZE = 10  # claimed together; a worker killed mid-chunk leaves the rest to the claim timeout
MAX_BACKOFF = timedelta(hours=1)


@dataclass
class DeliveryRun:
    """What one run of the worker did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0


class ServerUnavailable(Exception):
    """The mail server could not be reached: the rest of the batch waits for the next run."""


def deliver_due() -> DeliveryRun:
    """Hand every waiting message whose time has come to the mail server, over one connection."""
    run = DeliveryRun(released=_release_stale_claims(utcnow()))
    if mail_backend() == "app":
        return run  # no mail server any more: the messages wait until one is configured
    with _transport() as transport:
        while ids := _due_ids(utcnow()):
            for start in range(0, len(ids), CLAIM_SIZE):
                claimed = _claim(ids[start:start + CLAIM_SIZE])
                for index, message in enumerate(claimed):
                    try:
                        transport.send(message)
                    except ServerUnavailable as error:
                        _record_failure(message, error.__cause__ or error, run, temporary=True)
                        _release_untried(claimed[index + 1:])
                        return run
                    except smtplib.SMTPException as error:
                        _record_failure(message, error, run, temporary=False)
                    else:
                        _record_sent(message, run)
    return run


def backoff(attempts: int) -> timedelta:
    """How long to wait before the next try: doubling from ``MAIL_RETRY_SECONDS``, at most an hour."""
    first = current_app.config["MAIL_RETRY_SECONDS"]
    return min(timedelta(seconds=first * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _due_ids(now: datetime) -> list[int]:
    statement = (
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == MessageStatus.WAITING)
        .where(sa.or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        # Never to a deleted account, whatever wrote the message (deleting the account deletes its messages too).
        .where(~sa.exists().where(User.id == OutboxMessage.recipient_id, User.deleted_at.is_not(None)))
        .order_by(OutboxMessage.id)
        .limit(BATCH_SIZE)
    )
    return list(db.session.scalars(statement))


def _claim(ids: list[int]) -> list[OutboxMessage]:
    """Claim those of ``ids`` that are still waiting (another worker may have taken some), in one statement."""
    claimed = list(db.session.scalars(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == MessageStatus.WAITING)
        .values(status=MessageStatus.SENDING, claimed_at=utcnow(), attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage.id)
    ))
    db.session.commit()
    statement = sa.select(OutboxMessage).where(OutboxMessage.id.in_(claimed)).order_by(OutboxMessage.id)
    return list(db.session.scalars(statement)) if claimed else []


def _release_untried(messages: list[OutboxMessage]) -> None:
    """The server went away: give back this run's claims it did not try, and the try they did not get."""
    for message in messages:
        message.status, message.claimed_at, message.attempts = MessageStatus.WAITING, None, message.attempts - 1
    db.session.commit()


def _release_stale_claims(now: datetime) -> int:
    """Give back the claims of workers that died while sending."""
    expired = now - timedelta(seconds=current_app.config["MAIL_CLAIM_TIMEOUT"])
    # An UPDATE gives a CursorResult, which knows how many rows it changed.
    released = cast(sa.CursorResult, db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.status == MessageStatus.SENDING, OutboxMessage.claimed_at < expired)
        .values(status=MessageStatus.WAITING, claimed_at=None, next_attempt_at=now,
                last_error="The worker stopped while sending; trying again.")
    )).rowcount
    db.session.commit()
    return released


def _record_sent(message: OutboxMessage, run: DeliveryRun) -> None:
    message.status = MessageStatus.SENT
    message.sent_at = utcnow()
    message.claimed_at = None
    message.last_error = None
    db.session.commit()
    run.sent += 1


def _record_failure(message: OutboxMessage, error: BaseException, run: DeliveryRun, *, temporary: bool) -> None:
    message.claimed_at = None
    message.last_error = _describe(error)[:500]
    if not temporary and _is_permanent(error) or message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = MessageStatus.FAILED
        run.failed += 1
    else:
        message.status = MessageStatus.WAITING
        message.next_attempt_at = utcnow() + backoff(message.attempts)
        run.retrying += 1
    db.session.commit()


def _is_permanent(error: BaseException) -> bool:
    """A 5xx answer (or every recipient refused) will not change by trying again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        detail = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {detail}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {code} {reply.decode(errors='replace')}"
                         for address, (code, reply) in error.recipients.items())
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient_address
    email["Subject"] = message.subject
    # The same id on every try, so a copy sent twice after a crash can be recognised.
    domain = urlsplit(current_app.config["BASE_URL"]).hostname or "vernetzt.invalid"
    email["Message-ID"] = f"<outbox.{message.id}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"
    email.set_content(message.body)
    return email


class _SMTPTransport:
    """One SMTP connection for a whole run, opened when the first message is due."""

    def __init__(self):
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()

    def send(self, message: OutboxMessage) -> None:
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except (OSError, smtplib.SMTPException) as error:
                raise ServerUnavailable() from error
        try:
            self._smtp.send_message(_email(message))
        except smtplib.SMTPServerDisconnected as error:
            self._drop()
            raise ServerUnavailable() from error
        except smtplib.SMTPException:  # an answer about this message (SMTPException is an OSError too)
            raise
        except OSError as error:  # the connection broke or timed out
            self._drop()
            raise ServerUnavailable() from error

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
        self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        config = current_app.config
        smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
        smtp = smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"])
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        return smtp


class _ConsoleTransport:
    """Prints each message where the worker runs: for trying Vernetzt on one's own machine."""

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        return None

    def send(self, message: OutboxMessage) -> None:
        print(f"\n----- Mail to {message.recipient_address}: {message.subject}\n{message.body}\n-----",
              file=sys.stdout, flush=True)


def _transport():
    return _ConsoleTransport() if mail_backend() == "console" else _SMTPTransport()
