"""Invitations: a signed, expiring link with which a person sets a password."""
import re

from itsdangerous.timed import TimestampSigner

from course.accounts.services import find_user_by_email
from tests.conftest import outbox_messages

LINK = re.compile(r"http://localhost(/invitation/\S+)")


def _invite(runner, organisation, email="neu@acme.example"):
    return runner.invoke(args=[
        "users", "invite", "--name", "Nina Neu", "--email", email,
        "--track", "staff", "--organisation", organisation.name,
    ])


def test_invite_creates_an_account_without_password_and_mails_a_link(runner, organisation):
    result = _invite(runner, organisation)
    assert result.exit_code == 0, result.output
    user = find_user_by_email("neu@acme.example")
    assert user.is_invited and user.organisation == organisation
    (message,) = outbox_messages()
    assert message.subject == "You are invited to Vernetzt"
    assert "14 days" in message.body
    assert LINK.search(message.body).group(0) in result.output


def test_invited_person_sets_a_password_and_lands_on_their_start_page(client, auth, runner, organisation):
    _invite(runner, organisation)
    path = LINK.search(outbox_messages()[0].body).group(1)
    html = client.get(path).get_data(as_text=True)
    assert "Welcome, Nina Neu" in html
    response = auth.post(path, {"password": "my own password", "confirm": "my own password"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Welcome, Nina Neu" in client.get("/", follow_redirects=True).get_data(as_text=True)
    auth.logout()
    assert client.get(path).status_code == 400  # used
    assert auth.login("neu@acme.example", "my own password").status_code == 302


def test_invitation_expires(client, runner, organisation, monkeypatch):
    _invite(runner, organisation)
    path = LINK.search(outbox_messages()[0].body).group(1)
    issued = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued(self) + 15 * 86400)
    response = client.get(path)
    assert response.status_code == 400
    assert "Ask your trainer to send you a new invitation" in response.get_data(as_text=True)


def test_invited_person_cannot_sign_in_before_accepting(auth, runner, organisation):
    _invite(runner, organisation)
    assert auth.login("neu@acme.example", "").status_code == 200
