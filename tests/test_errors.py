"""Styled error pages."""
import pytest

from course import create_app
from tests.conftest import base_config


def test_404_is_styled_and_helpful(client):
    response = client.get("/no-such-page")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in html and 'href="/"' in html and "app.css" in html


def test_404_in_german(client):
    html = client.get("/no-such-page", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Seite nicht gefunden" in html


def test_403_explains_the_role(client, auth, learner):
    auth.login(learner.email)
    response = client.get("/outbox/")
    assert response.status_code == 403
    assert "This page is not for your role" in response.get_data(as_text=True)


@pytest.fixture
def failing_client(migrated_database, tmp_path):
    import shutil

    copy = tmp_path / "errors.db"
    if migrated_database.startswith("sqlite:///"):
        shutil.copyfile(migrated_database.removeprefix("sqlite:///"), copy)
        uri = f"sqlite:///{copy}"
    else:
        uri = migrated_database
    app = create_app({**base_config(uri), "TESTING": False})

    @app.get("/explode")
    def explode():
        raise RuntimeError("boom")

    return app.test_client()


def test_500_is_styled_and_hides_the_error(failing_client):
    response = failing_client.get("/explode")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and "boom" not in html


def test_a_request_over_the_size_limit_gets_a_413_page_that_says_the_limit(app, client, auth, learner):
    assert app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024
    auth.login(learner.email)
    response = auth.post("/learn/connection-not-detox/write", {"text_post": "x" * (3 * 1024 * 1024), "save": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "That was too much at once" in html and "at most 2 MB" in html and "app.css" in html


def test_the_413_page_in_german(client):
    response = client.post("/login", data={"email": "x" * (3 * 1024 * 1024)}, headers={"Accept-Language": "de"})
    assert response.status_code == 413
    assert "höchstens 2 MB" in response.get_data(as_text=True)


def test_an_autosave_over_the_size_limit_gets_a_json_problem_the_composer_shows(client, auth, learner):
    import json

    auth.login(learner.email)
    response = client.post("/learn/connection-not-detox/draft", data=json.dumps({"text_post": "x" * (3 * 1024 * 1024)}),
                           headers={"Content-Type": "application/json", "Accept": "application/json"})
    assert response.status_code == 413
    assert "at most 2 MB" in response.get_json()["problems"][""]
