"""Resetting a forgotten password through an e-mailed link."""
import re

from itsdangerous.timed import TimestampSigner

from tests.conftest import PASSWORD, outbox_messages

LINK = re.compile(r"http://localhost(/reset-password/\S+)")


def _request_reset(auth, email):
    return auth.post("/reset-password", {"email": email})


def _link_from_outbox() -> str:
    (message,) = outbox_messages()
    return LINK.search(message.body).group(1)


def test_reset_mail_lands_in_the_outbox(client, auth, learner):
    response = _request_reset(auth, " Sam@Acme.example ")
    assert response.status_code == 302
    (message,) = outbox_messages()
    assert message.recipient_address == "sam@acme.example"
    assert message.subject == "Reset your Vernetzt password"
    assert "one hour" in message.body and LINK.search(message.body)
    assert "a link to set a new password is on its way" in client.get("/login").get_data(as_text=True)


def test_unknown_address_gets_the_same_answer_and_no_mail(client, auth):
    response = _request_reset(auth, "nobody@acme.example")
    assert response.status_code == 302
    assert outbox_messages() == []


def test_invalid_address_is_explained_and_kept(auth):
    response = _request_reset(auth, "not-an-address")
    html = response.get_data(as_text=True)
    assert "This does not look like an e-mail address." in html
    assert 'value="not-an-address"' in html


def test_link_sets_a_new_password_once(client, auth, learner):
    _request_reset(auth, learner.email)
    path = _link_from_outbox()
    assert "Choose a new password" in client.get(path).get_data(as_text=True)
    response = auth.post(path, {"password": "fresh password 42", "confirm": "fresh password 42"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/profile").status_code == 200
    auth.logout()
    assert auth.login(learner.email, PASSWORD).status_code == 200
    assert auth.login(learner.email, "fresh password 42").status_code == 302
    auth.logout()
    used = client.get(path)
    assert used.status_code == 400 and "already been used" in used.get_data(as_text=True)


def test_short_or_mismatched_passwords_are_explained(auth, learner):
    _request_reset(auth, learner.email)
    path = _link_from_outbox()
    html = auth.post(path, {"password": "short", "confirm": "short"}).get_data(as_text=True)
    assert "Use at least 10 characters." in html
    html = auth.post(path, {"password": "long enough 1", "confirm": "long enough 2"}).get_data(as_text=True)
    assert "The two passwords are not the same." in html


def test_link_expires_after_one_hour(client, auth, learner, monkeypatch):
    _request_reset(auth, learner.email)
    path = _link_from_outbox()
    issued = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued(self) + 59 * 60)
    assert client.get(path).status_code == 200
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued(self) + 61 * 60)
    response = client.get(path)
    assert response.status_code == 400 and "The link has expired." in response.get_data(as_text=True)


def test_tampered_link_is_refused(client, auth, learner):
    _request_reset(auth, learner.email)
    response = client.get(_link_from_outbox() + "x")
    assert response.status_code == 400
    assert "Request a new link" in response.get_data(as_text=True)


def test_reset_token_cannot_be_used_as_an_invitation(client, auth, learner):
    _request_reset(auth, learner.email)
    token = _link_from_outbox().rsplit("/", 1)[1]
    assert client.get(f"/invitation/{token}").status_code == 400
