"""Every route that accepts POST refuses a request without a CSRF token."""
import pytest

from course import create_app
from tests.conftest import base_config


def _post_rules():
    app = create_app(base_config("sqlite://"))
    return sorted(
        (rule.rule, rule.endpoint) for rule in app.url_map.iter_rules() if "POST" in rule.methods
    )


def _concrete(path: str) -> str:
    return (
        path.replace("<int:organisation_id>", "1")
        .replace("<int:message_id>", "1")
        .replace("<int:cohort_id>", "1")
        .replace("<int:review_id>", "1")
        .replace("<int:draft_id>", "1")
        .replace("<int:user_id>", "1")
        .replace("<int:number>", "1")
        .replace("<int:round_id>", "1")
        .replace("<key>", "disclosure")
        .replace("<slug>", "connection-not-detox")
        .replace("<token>", "some-token")
        .replace("<int:publication_id>", "1")
        .replace("<int:event_id>", "1")
        .replace("<int:post_id>", "1")
        .replace("<any(show, pin, hide, wait):action>", "show")
        .replace("<platform>", "x")
    )


def test_there_are_post_routes_to_check():
    assert len(_post_rules()) >= 8


@pytest.mark.parametrize(("path", "endpoint"), _post_rules())
def test_post_without_token_is_refused(client, auth, admin, path, endpoint):
    auth.login(admin.email)  # signed in, so the refusal comes from CSRF, not from a login redirect
    response = client.post(_concrete(path), data={"email": admin.email, "name": "x", "language": "de"})
    assert response.status_code == 400, endpoint
    assert "The form had expired" in response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "endpoint"), _post_rules())
def test_post_with_a_forged_token_is_refused(client, path, endpoint):
    response = client.post(_concrete(path), data={"csrf_token": "forged"})
    assert response.status_code == 400, endpoint
