"""The outbox pages: who may see which message, what a secret link shows, where delivery stands."""
import sqlalchemy as sa

from course.accounts.models import Role
from course.audit.models import AuditEvent
from course.extensions import db
from course.mail.delivery import deliver_due
from course.mail.services import send_mail
from tests.conftest import csrf_token, outbox_messages


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


def test_a_trainer_cannot_open_a_learners_password_reset_link(client, auth, trainer, learner):
    client.post("/reset-password", data={"email": learner.email, "csrf_token": csrf_token(client)})
    (message,) = outbox_messages()
    token_path = message.body.split("http://localhost", 1)[1].split()[0]
    assert token_path.startswith("/reset-password/")
    auth.login(trainer.email)
    listing = client.get("/outbox/").get_data(as_text=True)
    page = client.get(f"/outbox/{message.id}").get_data(as_text=True)
    assert "Reset your Vernetzt password" in listing and "Reset your Vernetzt password" in page
    assert token_path not in listing and token_path not in page
    assert f"Only {learner.email} can read it" in page


def test_an_admin_cannot_open_an_invitation_link_either(client, auth, admin, trainer, create_user):
    from course.accounts.services import invite_user

    invited = create_user(password=None, name="Newcomer")
    link = invite_user(invited, trainer)
    db.session.commit()
    auth.login(admin.email)
    (message,) = outbox_messages()
    assert message.is_secret
    assert link.removeprefix("http://localhost") not in client.get(f"/outbox/{message.id}").get_data(as_text=True)


def test_reading_another_persons_message_is_logged(client, auth, trainer, learner):
    message = _message_for(learner)
    own = _message_for(trainer)
    auth.login(trainer.email)
    client.get(f"/outbox/{message.id}")
    client.get(f"/outbox/{own.id}")
    events = db.session.scalars(sa.select(AuditEvent)).all()
    assert [(e.actor_id, e.subject_id, e.action) for e in events] == [(trainer.id, learner.id, "mail.read")]


def test_the_outbox_shows_what_is_not_delivered_and_why(app, client, auth, trainer, learner, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port, MAIL_USE_TLS=False)
    waiting = _message_for(learner)
    deliver_due()
    auth.login(trainer.email)
    html = client.get("/outbox/").get_data(as_text=True)
    assert "1 message is waiting to be delivered." in html and "ConnectionRefusedError" in html
    page = client.get(f"/outbox/{waiting.id}").get_data(as_text=True)
    assert "Next try" in page and "Tries" in page
    assert "Every message has been delivered." not in client.get("/outbox/?show=undelivered").get_data(as_text=True)


def test_the_undelivered_view_keeps_its_filter_across_pages(app, client, auth, admin, learner, refused_port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=refused_port, MAIL_USE_TLS=False)
    for number in range(55):
        send_mail(learner, f"Waiting {number:02d}", "Body")
    db.session.commit()
    auth.login(admin.email)
    first = client.get("/outbox/?show=undelivered").get_data(as_text=True)
    assert 'href="/outbox/?page=2&amp;show=undelivered"' in first and "Page 1 of 2" in first
