"""Where I am online: saved in each platform's form, refused with the typed text kept, never shown unasked."""
import sqlalchemy as sa

from course.extensions import db
from course.network.models import NetworkProfile, Presence, Visibility

FORM = {"mastodon": "anna@chaos.social", "bluesky": "@anna.bsky.social", "linkedin": "", "x": "", "threads": "",
        "blog": "", "visibility": "cohort", "shown_as": "name"}


def _presences(user) -> dict[str, str]:
    return {p.platform: p.address for p in db.session.scalars(sa.select(Presence).where(Presence.user_id == user.id))}


def test_presences_are_saved_in_the_platforms_form(client, auth, learner):
    auth.login(learner.email)
    assert "Nobody: only me" in client.get("/network/me").get_data(as_text=True)
    response = auth.post("/network/me", FORM)
    assert response.status_code == 302
    assert _presences(learner) == {"mastodon": "@anna@chaos.social", "bluesky": "anna.bsky.social"}
    assert db.session.get(NetworkProfile, learner.id).visibility == Visibility.COHORT
    page = client.get("/network/me").get_data(as_text=True)
    assert 'value="@anna@chaos.social"' in page


def test_a_wrong_address_is_explained_and_nothing_typed_is_lost(client, auth, learner):
    auth.login(learner.email)
    auth.post("/network/me", FORM)
    response = auth.post("/network/me", {**FORM, "mastodon": "@anna", "x": "@Anna_B"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This does not look like a Mastodon address. For example: @anna@chaos.social" in page
    assert 'value="@anna"' in page and 'value="@Anna_B"' in page
    assert _presences(learner)["mastodon"] == "@anna@chaos.social" and "x" not in _presences(learner)


def test_emptying_a_field_removes_that_presence(client, auth, learner):
    auth.login(learner.email)
    auth.post("/network/me", FORM)
    auth.post("/network/me", {**FORM, "bluesky": ""})
    assert set(_presences(learner)) == {"mastodon"}
