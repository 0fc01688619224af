"""Failed sign-ins are limited per account and per address."""
from tests.conftest import PASSWORD, csrf_token


def _attempt(client, email, password="wrong password", address="127.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_token(client)},
        environ_base={"REMOTE_ADDR": address},
    )


def test_sixth_failure_for_one_account_is_refused_from_any_address(client, learner):
    for number in range(5):
        assert _attempt(client, learner.email, address=f"10.0.0.{number}").status_code == 200
    response = _attempt(client, learner.email.upper(), address="10.0.1.1")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Too many failed sign-ins. Please wait a minute, then try again." in html
    assert f'value="{learner.email.upper()}"' in html
    # Even the right password waits until the minute has passed.
    assert _attempt(client, learner.email, PASSWORD, address="10.0.2.2").status_code == 429


def test_sixth_failure_from_one_address_is_refused_for_any_account(client, learner):
    for number in range(5):
        assert _attempt(client, f"someone{number}@acme.example").status_code == 200
    assert _attempt(client, learner.email, PASSWORD).status_code == 429
    assert _attempt(client, learner.email, PASSWORD, address="10.9.9.9").status_code == 302


def test_successful_sign_ins_do_not_count(client, auth, learner):
    for _ in range(7):
        assert auth.login(learner.email).status_code == 302
        auth.logout()


def test_get_requests_are_never_throttled(client, learner):
    for _ in range(6):
        _attempt(client, learner.email)
    assert client.get("/login").status_code == 200
