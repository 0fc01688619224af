"""Everyone reads the messages addressed to them in the app, with an unread count in the header."""
from course.extensions import db
from course.mail.services import send_mail
from tests.conftest import csrf_token


def _messages(user, count: int):
    messages = [send_mail(user, f"News {number}", f"Body {number} http://localhost/learn/") for number in range(count)]
    db.session.commit()
    return messages


def test_a_learner_sees_their_own_messages_and_the_unread_count(client, auth, learner, create_user):
    mine = _messages(learner, 2)
    _messages(create_user(organisation=learner.organisation), 1)
    auth.login(learner.email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "News 0" in html and "News 1" in html
    assert html.count('class="message--unread"') == 2
    assert '<span class="badge badge--count">2<span class="visually-hidden"> unread</span></span>' in html
    page = client.get(f"/notifications/{mine[0].id}").get_data(as_text=True)
    assert "Body 0" in page and '<a href="http://localhost/learn/"' in page
    assert '<span class="badge badge--count">1<' in page


def test_nobody_opens_someone_elses_message(client, auth, learner, trainer, create_user):
    (theirs,) = _messages(create_user(organisation=learner.organisation), 1)
    for person in (learner, trainer):
        auth.login(person.email)
        assert client.get(f"/notifications/{theirs.id}").status_code == 404
        auth.logout()


def test_the_recipient_reads_their_own_secret_link(client, auth, learner):
    client.post("/reset-password", data={"email": learner.email, "csrf_token": csrf_token(client)})
    auth.login(learner.email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Reset your Vernetzt password" in html
    from tests.conftest import outbox_messages

    (message,) = outbox_messages()
    assert "/reset-password/" in client.get(f"/notifications/{message.id}").get_data(as_text=True)


def test_mark_all_as_read(client, auth, learner):
    _messages(learner, 3)
    auth.login(learner.email)
    response = auth.post("/notifications/read", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "3 messages marked as read." in html and "badge--count" not in html


def test_no_messages_says_what_will_appear(client, auth, learner):
    auth.login(learner.email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "No messages yet." in html and "Mark all as read" not in html
