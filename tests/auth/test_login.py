"""Signing in and out."""
import pytest

from tests.conftest import PASSWORD, csrf_token


def test_login_page_posts_email_and_password(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in html and 'name="password"' in html and 'name="csrf_token"' in html
    assert 'autocomplete="current-password"' in html


def test_learner_signs_in_and_sees_their_start_page(client, auth, learner):
    response = auth.login("SAM@ACME.example")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    html = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Welcome, Sam Learner" in html and "Acme AG" in html


def test_last_seen_is_recorded(client, auth, learner):
    assert learner.last_seen_at is None
    auth.login(learner.email)
    client.get("/")
    from course.extensions import db

    db.session.refresh(learner)
    assert learner.last_seen_at is not None


def test_wrong_password_keeps_the_email_and_says_what_failed(client, auth, learner):
    response = auth.login(learner.email, "not the password")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in html
    assert 'value="sam@acme.example"' in html
    assert client.get("/profile").status_code == 302


def test_unknown_email_gets_the_same_message(auth):
    html = auth.login("nobody@acme.example").get_data(as_text=True)
    assert "The e-mail address or the password is not correct." in html


def test_empty_form_names_the_missing_fields(client):
    response = client.post("/login", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("This field is required.") == 2


def test_deactivated_user_cannot_sign_in(auth, create_user):
    user = create_user(active=False)
    assert auth.login(user.email).status_code == 200


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/profile", "/profile"),
        ("/outbox/?page=2", "/"),  # learners may not see it, but the redirect itself is allowed
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_is_followed_only_when_it_is_a_relative_path(client, learner, next_url, expected):
    token = csrf_token(client)
    response = client.post(
        "/login", query_string={"next": next_url},
        data={"email": learner.email, "password": PASSWORD, "csrf_token": token},
    )
    location = response.headers["Location"]
    if next_url.startswith("/outbox"):
        assert location == next_url
    else:
        assert location == expected


def test_protected_page_sends_to_login_and_back(client, learner):
    response = client.get("/profile")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=%2Fprofile"
    token = csrf_token(client)
    response = client.post(
        "/login?next=%2Fprofile", data={"email": learner.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"] == "/profile"


def test_remember_me_sets_a_lasting_httponly_cookie(client, auth, learner):
    auth.login(learner.email, remember="y")
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.http_only and cookie.expires is not None


def test_without_remember_me_there_is_no_remember_cookie(client, auth, learner):
    auth.login(learner.email)
    assert client.get_cookie("remember_token") is None


def test_logout_needs_post_and_signs_out(client, auth, learner):
    auth.login(learner.email)
    assert client.get("/logout").status_code == 405
    response = auth.logout()
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/profile").status_code == 302


def test_signed_in_user_is_sent_from_login_to_start(client, auth, learner):
    auth.login(learner.email)
    assert client.get("/login").headers["Location"] == "/"


def test_session_from_before_a_password_change_is_signed_out(app, client, auth, learner):
    auth.login(learner.email)
    other = app.test_client()
    other_token = csrf_token(other)
    other.post("/login", data={"email": learner.email, "password": PASSWORD, "csrf_token": other_token})
    assert other.get("/profile").status_code == 200
    response = auth.post(
        "/profile/password",
        {"current_password": PASSWORD, "password": "a new long password", "confirm": "a new long password"},
    )
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200  # this browser stays signed in
    assert other.get("/profile").status_code == 302  # the other one is out


def test_fields_carry_aria_state_only_when_it_applies(client, auth):
    html = client.get("/login").get_data(as_text=True)
    assert "None" not in html and "aria-invalid" not in html
    html = auth.login("someone@acme.example", "wrong").get_data(as_text=True)
    assert 'aria-invalid="true"' in html and 'aria-describedby="password-error"' in html


def test_static_files_do_not_touch_the_database(app, client, auth, learner):
    import sqlalchemy as sa

    from course.extensions import db

    auth.login(learner.email)
    statements = []
    sa.event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    response = client.get("/static/css/app.css")
    response.close()
    assert response.status_code == 200 and statements == []
