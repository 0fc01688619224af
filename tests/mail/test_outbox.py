"""Mail: the outbox without SMTP, a real SMTP server with it, and who may read what."""
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from course.accounts.models import Role
from course.extensions import db
from course.mail.services import send_mail
from tests.conftest import outbox_messages


def test_without_smtp_mail_is_kept_in_the_outbox(learner):
    message = send_mail(learner, "Subject", "Body text")
    db.session.commit()
    assert outbox_messages() == [message]
    assert message.organisation_id == learner.organisation_id
    assert message.created_at.tzinfo is not None


class _Recorder:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    recorder = _Recorder()
    with socket.socket() as probe:  # a free port on the loopback interface
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, recorder
    controller.stop()


def test_with_smtp_mail_is_sent_and_not_kept(app, learner, smtp_server):
    controller, recorder = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port,
                      MAIL_USE_TLS=False)
    assert send_mail(learner, "Über Vernetzt", "Grüße aus dem Kurs") is None
    (envelope,) = recorder.envelopes
    assert envelope.rcpt_tos == [learner.email]
    mail = message_from_bytes(envelope.content, policy=policy.default)
    assert mail["Subject"] == "Über Vernetzt"
    assert mail.get_content().strip() == "Grüße aus dem Kurs"
    assert outbox_messages() == []


def _message_for(user):
    message = send_mail(user, f"For {user.name}", "Body")
    db.session.commit()
    return message


def test_trainer_reads_only_their_organisations_messages(client, auth, trainer, learner, create_user):
    stranger = create_user(Role.LEARNER, name="Stranger")
    own, foreign = _message_for(learner), _message_for(stranger)
    auth.login(trainer.email)
    html = client.get("/outbox/").get_data(as_text=True)
    assert own.subject in html and foreign.subject not in html
    assert client.get(f"/outbox/{own.id}").status_code == 200
    assert client.get(f"/outbox/{foreign.id}").status_code == 404


def test_admin_reads_every_message(client, auth, admin, learner, create_user):
    messages = [_message_for(learner), _message_for(create_user(Role.LEARNER))]
    auth.login(admin.email)
    html = client.get("/outbox/").get_data(as_text=True)
    assert all(m.subject in html for m in messages)


def test_message_page_shows_the_body_escaped_with_links(client, auth, admin, learner):
    message = send_mail(learner, "Link", "Open http://localhost/invitation/abc <script>alert(1)</script>")
    db.session.commit()
    auth.login(admin.email)
    html = client.get(f"/outbox/{message.id}").get_data(as_text=True)
    assert '<a href="http://localhost/invitation/abc"' in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_empty_outbox_says_what_will_appear(client, auth, trainer):
    auth.login(trainer.email)
    html = client.get("/outbox/").get_data(as_text=True)
    assert "The outbox is empty." in html


def test_outbox_is_paged(client, auth, admin, learner):
    for number in range(55):
        send_mail(learner, f"Message {number:02d}", "Body")
    db.session.commit()
    auth.login(admin.email)
    first = client.get("/outbox/").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Message 54" in first and "Message 04" not in first
    assert "Message 04" in client.get("/outbox/?page=2").get_data(as_text=True)
