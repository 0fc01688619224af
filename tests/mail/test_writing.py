"""Writing mail: in the action's transaction, delivered only after it commits."""
import pytest
from huey.storage import RedisStorage

from course.extensions import db
from course.mail.models import MessageStatus
from course.mail.services import compose_mail, send_mail, send_mails
from course.worker import huey
from tests.conftest import outbox_messages


@pytest.fixture
def queue(app):
    huey.flush()
    yield huey
    huey.flush()


def _delivery_tasks() -> list[str]:
    return [task.name for task in huey.pending()]


def test_without_a_mail_server_a_message_is_kept_for_the_app_only(learner, queue):
    message = send_mail(learner, "Subject", "Body text")
    db.session.commit()
    assert outbox_messages() == [message]
    assert message.status == MessageStatus.IN_APP and message.organisation_id == learner.organisation_id
    assert message.created_at.tzinfo is not None
    assert _delivery_tasks() == []


def test_a_committed_message_waits_for_the_worker_which_is_told_after_commit(app, learner, queue, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port)
    message = send_mail(learner, "Subject", "Body")
    assert _delivery_tasks() == []  # not before the transaction commits
    db.session.commit()
    assert message.status == MessageStatus.WAITING and message.attempts == 0
    assert _delivery_tasks() == ["deliver_mail"]


def test_a_rolled_back_action_leaves_no_message_and_no_task(app, learner, queue, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port)
    send_mails([compose_mail(learner, "Hello", "mail/reminder.txt", reasons=[], course_url="x", reviews=[])])
    db.session.rollback()
    db.session.commit()  # a later commit of something else must not deliver the rolled-back message
    assert outbox_messages() == []
    assert _delivery_tasks() == []


def test_many_messages_of_one_action_make_one_delivery_task(app, learner, create_user, queue, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port)
    people = [create_user() for _ in range(20)]
    queue.flush()
    send_mails([compose_mail(person, "Hello", "mail/reminder.txt", reasons=[], course_url="x", reviews=[])
                for person in people])
    db.session.commit()
    assert len(outbox_messages()) == 20
    assert _delivery_tasks() == ["deliver_mail"]


def test_an_unreachable_queue_loses_no_message(app, learner, monkeypatch, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port)
    monkeypatch.setattr(huey, "storage", RedisStorage(huey.name, url=f"redis://127.0.0.1:{refused_port}/0"))
    message = send_mail(learner, "Subject", "Body")
    db.session.commit()  # the action itself succeeds
    assert outbox_messages() == [message] and message.status == MessageStatus.WAITING
