"""No mail reaches a deleted account: none is written, and none already waiting is delivered."""
import pytest

from course.database import utcnow
from course.extensions import db
from course.mail.delivery import deliver_due
from course.mail.models import MessageStatus
from course.mail.services import send_mail


def test_a_message_waiting_for_a_deleted_account_is_not_delivered(app, learner, trainer, smtp_server):
    smtp_server.configure(app)
    waiting = send_mail(learner, "Written before", "Hello")
    send_mail(trainer, "For the trainer", "Hello")
    assert waiting.status == MessageStatus.WAITING
    learner.deleted_at = utcnow()  # as if deleted by something that left the outbox alone
    db.session.commit()
    assert deliver_due().sent == 1
    assert [mail["Subject"] for mail in smtp_server.recorder.messages()] == ["For the trainer"]


def test_nothing_is_written_to_a_deleted_account(app, learner):
    learner.deleted_at = utcnow()
    with pytest.raises(ValueError, match="deleted account"):
        send_mail(learner, "Hello", "Anyone there?")
