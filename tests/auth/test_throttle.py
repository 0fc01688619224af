"""Failed sign-ins are slowed down without letting anyone lock the owner out (OWASP device cookies).

Browsers that have signed in to an account before carry a signed device cookie;
their failures count for that cookie alone. Failures from other browsers count
per account and per address; at the limit, other browsers wait, the known ones
still get in. The counts live in the database, so every worker sees them.
"""
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from course.auth.models import LoginFailure
from course.auth.throttle import DEVICE_COOKIE
from course.extensions import db
from tests.conftest import PASSWORD, AuthActions, csrf_token

LIMIT = 5
ROOT = Path(__file__).resolve().parent.parent.parent


def _attempt(client, email, password="wrong password", address="127.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_token(client)},
        environ_base={"REMOTE_ADDR": address},
    )


def _known_browser(app, email, address="127.0.0.1"):
    """A browser that signed in to ``email`` once and signed out again: it keeps its device cookie."""
    browser = app.test_client()
    assert _attempt(browser, email, PASSWORD, address).status_code == 302
    assert browser.get_cookie(DEVICE_COOKIE, path="/login") is not None
    AuthActions(browser).logout()
    return browser


def _lock_out_unknown_browsers(app, email):
    for number in range(LIMIT):
        assert _attempt(app.test_client(), email, address=f"10.0.0.{number}").status_code == 200
    assert _attempt(app.test_client(), email, address="10.0.1.1").status_code == 429


def test_sixth_failure_for_one_account_is_refused_from_any_unknown_browser(app, client, learner):
    for number in range(LIMIT):
        assert _attempt(client, learner.email, address=f"10.0.0.{number}").status_code == 200
    response = _attempt(client, learner.email.upper(), address="10.0.1.1")
    html = response.get_data(as_text=True)
    assert response.status_code == 429 and response.headers["Retry-After"] == "60"
    assert "Too many failed sign-ins for this account or from this network." in html
    assert f'value="{learner.email.upper()}"' in html  # what was typed stays
    assert 'href="/reset-password"' in html  # the way in from a new device
    # Even the right password waits, in a browser that never signed in to this account.
    assert _attempt(app.test_client(), learner.email, PASSWORD, address="10.0.2.2").status_code == 429


def test_a_browser_that_signed_in_before_still_gets_in_while_others_are_locked_out(app, learner):
    owner = _known_browser(app, learner.email, address="10.0.0.1")
    _lock_out_unknown_browsers(app, learner.email)
    assert _attempt(owner, learner.email, PASSWORD, address="10.0.0.1").status_code == 302


def test_the_owner_gets_in_from_the_attackers_own_address(app, learner):
    owner = _known_browser(app, learner.email)
    for number in range(LIMIT):
        assert _attempt(app.test_client(), f"someone{number}@acme.example").status_code == 200
    assert _attempt(app.test_client(), learner.email, PASSWORD).status_code == 429
    assert _attempt(owner, learner.email, PASSWORD).status_code == 302


def test_failures_in_a_known_browser_count_for_that_browser_only(app, learner):
    owner = _known_browser(app, learner.email)
    for _ in range(LIMIT):
        assert _attempt(owner, learner.email).status_code == 200
    response = _attempt(owner, learner.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins in this browser." in response.get_data(as_text=True)
    assert _attempt(app.test_client(), learner.email, PASSWORD).status_code == 302


def test_a_device_cookie_is_trusted_only_for_its_own_account(app, learner, create_user):
    other = create_user()
    browser = _known_browser(app, other.email)
    for _ in range(LIMIT):
        assert _attempt(browser, learner.email).status_code == 200
    assert _attempt(app.test_client(), learner.email, PASSWORD, address="10.0.3.3").status_code == 429


def test_a_forged_device_cookie_is_an_unknown_browser(app, learner):
    _lock_out_unknown_browsers(app, learner.email)
    forger = app.test_client()
    forger.set_cookie(DEVICE_COOKIE, "eyJhY2NvdW50IjoieCJ9.forged.signature", path="/login")
    assert _attempt(forger, learner.email, PASSWORD, address="10.0.4.4").status_code == 429


def test_the_throttled_page_speaks_german(app, learner):
    _lock_out_unknown_browsers(app, learner.email)
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "de"
    html = _attempt(browser, learner.email, address="10.0.5.5").get_data(as_text=True)
    assert "Zu viele fehlgeschlagene Anmeldeversuche für dieses Konto oder aus diesem Netz." in html
    assert "neues Passwort fest" in html and 'href="/reset-password"' in html


def test_a_password_reset_makes_the_browser_a_known_one(app, learner):
    from course.accounts import tokens

    _lock_out_unknown_browsers(app, learner.email)
    browser = app.test_client()
    token = tokens.make_token(learner, tokens.PASSWORD_RESET)
    response = browser.post(f"/reset-password/{token}", data={
        "password": "a brand new password", "confirm": "a brand new password",
        "csrf_token": csrf_token(browser, f"/reset-password/{token}")})
    assert response.status_code == 302
    AuthActions(browser).logout()
    assert _attempt(browser, learner.email, "a brand new password", address="10.0.6.6").status_code == 302


def test_sixth_failure_from_one_address_is_refused_for_any_account(client, learner):
    for number in range(LIMIT):
        assert _attempt(client, f"someone{number}@acme.example").status_code == 200
    assert _attempt(client, learner.email, PASSWORD).status_code == 429
    assert _attempt(client, learner.email, PASSWORD, address="10.9.9.9").status_code == 302


def test_failures_older_than_the_window_no_longer_count_and_are_pruned(app, learner):
    _lock_out_unknown_browsers(app, learner.email)
    for failure in db.session.scalars(sa.select(LoginFailure)):
        failure.failed_at -= timedelta(seconds=61)  # a minute and a second pass
    db.session.commit()
    assert _attempt(app.test_client(), learner.email, address="10.0.7.7").status_code == 200
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginFailure)) == 2  # this one: account, address


def test_one_count_query_decides_each_attempt(app, learner):
    statements = []

    def record(_connection, _cursor, statement, *_args):
        statements.append(statement)

    browser = app.test_client()
    csrf_token(browser)
    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        _attempt(browser, learner.email)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    counts = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "login_failures" in s]
    assert len(counts) == 1


# Another worker: its own process, its own app, the same database.
WORKER = """
import sys

from course import create_app
from tests.conftest import Client, base_config, csrf_token

app = create_app(base_config(sys.argv[1]))
app.test_client_class = Client
with app.app_context():
    for address in sys.argv[3:]:
        client = app.test_client()
        data = {"email": sys.argv[2], "password": "wrong password", "csrf_token": csrf_token(client)}
        print(client.post("/login", data=data, environ_base={"REMOTE_ADDR": address}).status_code)
"""


def test_two_app_processes_on_one_database_share_the_count(app, learner):
    for number in range(2):
        assert _attempt(app.test_client(), learner.email, address=f"10.1.0.{number}").status_code == 200
    db.session.commit()
    worker = subprocess.run([sys.executable, "-c", WORKER, app.config["SQLALCHEMY_DATABASE_URI"], learner.email,
                             "10.1.0.2", "10.1.0.3", "10.1.0.4", "10.1.0.5"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert worker.stdout.split() == ["200", "200", "200", "429"]
    assert _attempt(app.test_client(), learner.email, address="10.1.0.6").status_code == 429


def test_successful_sign_ins_do_not_count(client, auth, learner):
    for _ in range(LIMIT + 2):
        assert auth.login(learner.email).status_code == 302
        auth.logout()


def test_get_requests_are_never_throttled(client, learner):
    for _ in range(LIMIT + 1):
        _attempt(client, learner.email)
    assert client.get("/login").status_code == 200
