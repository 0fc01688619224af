"""Delivery by the worker: to a real SMTP server, with retries, backoff and no double sending."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.database import utcnow
from course.extensions import db
from course.mail.delivery import backoff, deliver_due
from course.mail.models import MessageStatus, OutboxMessage
from course.mail.services import send_mail


def _write(user, count: int = 1) -> list[OutboxMessage]:
    messages = [send_mail(user, f"Über Vernetzt {number}", f"Grüße aus dem Kurs {number}") for number in range(count)]
    db.session.commit()
    return messages


def _statuses() -> list[tuple]:
    db.session.expire_all()
    statement = sa.select(OutboxMessage.status, OutboxMessage.attempts).order_by(OutboxMessage.id)
    return [tuple(row) for row in db.session.execute(statement)]


def test_waiting_messages_are_delivered_and_marked_sent(app, learner, smtp_server):
    smtp_server.configure(app)
    (message,) = _write(learner)
    run = deliver_due()
    assert run.sent == 1
    (mail,) = smtp_server.recorder.messages()
    assert mail["To"] == learner.email and mail["Subject"] == "Über Vernetzt 0"
    assert mail.get_content().strip() == "Grüße aus dem Kurs 0"
    assert mail["Message-ID"].startswith(f"<outbox.{message.id}.")
    db.session.refresh(message)
    assert message.status == MessageStatus.SENT and message.sent_at is not None and message.attempts == 1


def test_a_batch_goes_over_one_connection(app, learner, smtp_server):
    smtp_server.configure(app)
    _write(learner, 30)
    assert deliver_due().sent == 30
    assert len({envelope.mail_from for envelope in smtp_server.recorder.envelopes}) == 1
    assert len(smtp_server.recorder.envelopes) == 30
    assert deliver_due().sent == 0  # nothing goes out twice


def test_a_refused_connection_keeps_every_message_waiting_with_the_reason(app, learner, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port, MAIL_USE_TLS=False)
    first, *rest = _write(learner, 5)
    before = utcnow()
    run = deliver_due()
    assert (run.sent, run.retrying) == (0, 1)
    db.session.refresh(first)
    assert first.status == MessageStatus.WAITING and first.attempts == 1
    assert "ConnectionRefusedError" in first.last_error
    assert first.next_attempt_at >= before + timedelta(seconds=app.config["MAIL_RETRY_SECONDS"])
    # The server is down: the rest of the batch is not hammered against it.
    assert [status for status, _ in _statuses()[1:]] == [MessageStatus.WAITING] * 4
    assert [attempts for _, attempts in _statuses()[1:]] == [0] * 4


def test_a_silent_server_times_out_and_the_message_waits(app, learner, silent_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=silent_server, MAIL_USE_TLS=False, MAIL_TIMEOUT=1)
    (message,) = _write(learner)
    deliver_due()
    db.session.refresh(message)
    assert message.status == MessageStatus.WAITING and "timed out" in message.last_error.lower()


def test_after_the_backoff_the_message_goes_out(app, learner, refused_port, smtp_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port, MAIL_USE_TLS=False)
    (message,) = _write(learner)
    deliver_due()
    smtp_server.configure(app)
    assert deliver_due().sent == 0  # not before its time
    message.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert deliver_due().sent == 1
    db.session.refresh(message)
    assert message.status == MessageStatus.SENT and message.attempts == 2 and message.last_error is None


def test_a_temporary_refusal_is_retried_and_a_permanent_one_fails(app, learner, smtp_server):
    smtp_server.configure(app)
    (temporary,) = _write(learner)
    smtp_server.recorder.reply = "451 Try again later"
    deliver_due()
    db.session.refresh(temporary)
    assert temporary.status == MessageStatus.WAITING and temporary.last_error.startswith("451")
    temporary.status = MessageStatus.SENT  # out of the way
    (permanent,) = _write(learner)
    smtp_server.recorder.reply = "554 Message rejected"
    assert deliver_due().failed == 1
    db.session.refresh(permanent)
    assert permanent.status == MessageStatus.FAILED and permanent.last_error.startswith("554")


def test_a_message_fails_for_good_after_the_last_try(app, learner, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port, MAIL_USE_TLS=False, MAIL_MAX_ATTEMPTS=3)
    (message,) = _write(learner)
    for _ in range(3):
        message.next_attempt_at = None
        db.session.commit()
        deliver_due()
        db.session.refresh(message)
    assert message.status == MessageStatus.FAILED and message.attempts == 3


def test_backoff_doubles_up_to_an_hour(app):
    app.config["MAIL_RETRY_SECONDS"] = 60
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(30) == timedelta(hours=1)


def test_a_message_claimed_by_another_worker_is_not_sent_twice(app, learner, smtp_server):
    smtp_server.configure(app)
    (message,) = _write(learner)
    message.status, message.claimed_at = MessageStatus.SENDING, utcnow()
    db.session.commit()
    assert deliver_due().sent == 0 and smtp_server.recorder.envelopes == []


def test_the_claim_of_a_worker_that_died_is_released_after_the_timeout(app, learner, smtp_server):
    smtp_server.configure(app)
    (message,) = _write(learner)
    message.status, message.attempts = MessageStatus.SENDING, 1
    message.claimed_at = utcnow() - timedelta(seconds=app.config["MAIL_CLAIM_TIMEOUT"] + 1)
    db.session.commit()
    run = deliver_due()
    assert (run.released, run.sent) == (1, 1)
    db.session.refresh(message)
    assert message.status == MessageStatus.SENT and message.attempts == 2


def test_the_console_backend_prints_the_message(app, learner, capsys):
    app.config["MAIL_BACKEND"] = "console"
    (message,) = _write(learner)
    assert message.status == MessageStatus.WAITING
    assert deliver_due().sent == 1
    printed = capsys.readouterr().out
    assert learner.email in printed and "Grüße aus dem Kurs 0" in printed


@pytest.mark.parametrize("backend", ["app"])
def test_without_a_mail_server_the_worker_leaves_waiting_messages_alone(app, learner, refused_port, backend):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port)
    (message,) = _write(learner)
    app.config.update(MAIL_SERVER=None, MAIL_BACKEND=backend)
    deliver_due()
    db.session.refresh(message)
    assert message.status == MessageStatus.WAITING and message.attempts == 0
