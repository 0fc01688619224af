"""Every sign-in is a session record on the server: signing out ends it, whatever cookies were copied."""
import sqlalchemy as sa

from course.extensions import db, login_manager
from tests.conftest import PASSWORD, AuthActions, csrf_token

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_PHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")


def copy_cookies(client, *names) -> dict[str, str]:
    """The values of the client's cookies, as an attacker who read them would keep them."""
    return {name: cookie.value for name in names if (cookie := client.get_cookie(name)) is not None}


def replay(client, cookies: dict[str, str]):
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


def signed_in_client(app, email, user_agent=FIREFOX, **extra):
    other = app.test_client()
    other.environ_base["HTTP_USER_AGENT"] = user_agent
    response = AuthActions(other).login(email, **extra)
    assert response.status_code == 302
    return other


def test_a_session_cookie_copied_before_logout_no_longer_opens_the_profile(client, auth, learner):
    auth.login(learner.email)
    copied = copy_cookies(client, "session")
    assert client.get("/profile").status_code == 200
    auth.logout()
    response = replay(client, copied).get("/profile")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_copied_session_cookie_works_elsewhere_until_logout(app, client, auth, learner):
    auth.login(learner.email)
    thief = replay(app.test_client(), copy_cookies(client, "session"))
    assert thief.get("/profile").status_code == 200
    auth.logout()
    assert thief.get("/profile").headers["Location"].startswith("/login")


def test_the_remember_me_cookie_dies_with_logout(app, client, auth, learner):
    auth.login(learner.email, remember="y")
    copied = copy_cookies(client, "remember_token")
    assert replay(app.test_client(), copied).get("/profile").status_code == 200  # the cookie alone signs in
    auth.logout()
    response = replay(app.test_client(), copied).get("/profile")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_sign_out_everywhere_ends_every_session_of_the_person(app, client, auth, learner, create_user):
    someone_else = create_user()
    phone = signed_in_client(app, learner.email, SAFARI_PHONE, remember="y")
    remembered = copy_cookies(phone, "remember_token")
    unrelated = signed_in_client(app, someone_else.email)
    auth.login(learner.email)
    response = client.post("/logout/everywhere", data={"csrf_token": csrf_token(client, "/profile")})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/profile").headers["Location"].startswith("/login")
    assert phone.get("/profile").headers["Location"].startswith("/login")
    assert replay(app.test_client(), remembered).get("/profile").headers["Location"].startswith("/login")
    assert unrelated.get("/profile").status_code == 200


def test_sign_out_everywhere_needs_the_csrf_token(client, auth, learner):
    auth.login(learner.email)
    assert client.post("/logout/everywhere").status_code == 400
    assert client.get("/profile").status_code == 200


def test_the_profile_lists_the_sessions_and_marks_this_one(app, client, auth, learner):
    signed_in_client(app, learner.email, SAFARI_PHONE)
    client.environ_base["HTTP_USER_AGENT"] = FIREFOX
    auth.login(learner.email)
    html = client.get("/profile").get_data(as_text=True)
    assert "Firefox · Linux" in html and "Safari · iOS" in html
    assert html.count("This browser") == 1
    # The most recently used first: this browser, then the phone.
    assert html.index("Firefox · Linux") < html.index("This browser") < html.index("Safari · iOS")
    assert 'action="/logout/everywhere"' in html


def test_the_session_list_speaks_german(app, client, auth, create_user):
    person = create_user(language="de")
    client.environ_base["HTTP_USER_AGENT"] = "curl/8.5"
    auth.login(person.email)
    html = client.get("/profile").get_data(as_text=True)
    assert "Dieser Browser" in html and "Unbekannter Browser" in html and "Überall abmelden" in html


def test_a_password_change_keeps_this_session_and_ends_the_others(app, client, auth, learner):
    other = signed_in_client(app, learner.email, remember="y")
    remembered = copy_cookies(other, "remember_token")
    auth.login(learner.email)
    response = auth.post("/profile/password", {"current_password": PASSWORD, "password": "a new long password",
                                                "confirm": "a new long password"})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200
    assert other.get("/profile").headers["Location"].startswith("/login")
    assert replay(app.test_client(), remembered).get("/profile").headers["Location"].startswith("/login")


def test_a_user_is_loaded_with_one_query_of_the_session_and_its_person(client, auth, learner):
    email = learner.email
    auth.login(email)
    with client.session_transaction() as session:
        identity = session["_user_id"]
    db.session.expunge_all()
    statements = []

    def record(_connection, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        user = login_manager._user_callback(identity)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert user is not None and user.email == email
    assert len(statements) == 1 and "login_sessions" in statements[0] and "users" in statements[0]


def test_a_forged_secret_is_refused(client, auth, learner):
    auth.login(learner.email)
    with client.session_transaction() as session:
        record, _sep, secret = session["_user_id"].partition(":")
        session["_user_id"] = f"{record}:{secret[:-2]}xx"
    assert client.get("/profile").headers["Location"].startswith("/login")
