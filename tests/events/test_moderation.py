"""Posts for an event: members who agreed go on the wall at once, others wait, a forbidden term always waits;
moderators show, pin and hide from a phone, and the kill switch blanks the wall."""
import sqlalchemy as sa

from course.events.models import PostState, WallPost
from course.extensions import db
from course.guidelines.models import GuidelineVersion
from course.guidelines.services import publish, start_draft
from course.network.models import Visibility
from tests.network.conftest import show

LINK = "https://x.com/alex_author/status/1850000000000000001"


def _post_for_event(auth, event, text="Großartige Keynote! #DigiTag27", link=LINK):
    return auth.post(f"/events/{event.id}/post", {"platform": "x", "text": text, "link": link, "publish": "1"})


def _wall_posts(event) -> list[WallPost]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(WallPost).where(WallPost.event_id == event.id)))


def test_without_consent_a_members_post_waits(client, auth, network, event):
    show(network.author, Visibility.COHORT, x="alex_author")
    auth.login(network.author.email)
    prepared = auth.post(f"/events/{event.id}/post", {"platform": "x", "text": "Hallo #DigiTag27", "prepare": "1"})
    assert 'href="https://x.com/intent/post?text=Hallo%20%23DigiTag27"' in prepared.get_data(as_text=True)
    assert _post_for_event(auth, event).status_code == 302
    [post] = _wall_posts(event)
    assert (post.state, post.author, post.url) == (PostState.WAITING, "Alex Author", LINK)
    feed = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True)
    assert "Großartige Keynote!" in feed


def test_with_consent_it_is_shown_at_once_unless_it_touches_a_forbidden_term(client, auth, network, event):
    version = start_draft(network.cohort.organisation, network.trainer, "de")
    version.rules = {**(version.rules or {}), "forbidden_terms": ["Projekt Falke"]}
    publish(version, network.trainer, "Erste Fassung.")
    db.session.commit()
    show(network.author, Visibility.COHORT, x="alex_author")
    auth.login(network.author.email)
    assert auth.post(f"/events/{event.id}/consent", {"agreed": "y"}).status_code == 302
    _post_for_event(auth, event)
    _post_for_event(auth, event, "Heute erstmals über Projekt Falke gesprochen",
                    "https://x.com/alex_author/status/1850000000000000002")
    shown, held = sorted(_wall_posts(event), key=lambda post: post.id)
    assert shown.state == PostState.SHOWN
    assert (held.state, held.held_for) == (PostState.WAITING, "Projekt Falke")
    assert db.session.scalar(sa.select(GuidelineVersion.id)) is not None


def test_moderators_show_pin_and_hide_and_the_wall_learns_of_it(client, auth, network, event):
    auth.login(network.author.email)
    _post_for_event(auth, event)
    auth.logout()
    [post] = _wall_posts(event)
    version = event.wall_version
    auth.login(network.trainer.email)
    waiting = client.get(f"/events/{event.id}/moderation").get_data(as_text=True)
    assert "Großartige Keynote!" in waiting
    for action, state in (("show", PostState.SHOWN), ("pin", PostState.PINNED), ("hide", PostState.HIDDEN)):
        assert auth.post(f"/events/{event.id}/posts/{post.id}/{action}").status_code == 302
        db.session.refresh(post)
        assert post.state == state
    db.session.refresh(event)
    assert event.wall_version == version + 3
    assert auth.post(f"/events/{event.id}/wall/blank").status_code == 302
    db.session.refresh(event)
    assert event.wall_blanked


def test_a_member_may_not_moderate(client, auth, network, event):
    auth.login(network.robin.email)
    assert client.get(f"/events/{event.id}/moderation").status_code == 403
    assert auth.post(f"/events/{event.id}/wall/blank").status_code == 403


def test_an_event_post_over_the_limit_is_refused_even_without_a_mastodon_server(client, auth, network, event):
    auth.login(network.author.email)
    response = auth.post(f"/events/{event.id}/post", {"platform": "mastodon", "text": "a" * 600, "publish": "1",
                                                      "link": "https://social.example/@alex/113000000000000000"})
    assert response.status_code == 422 and "longer than Mastodon allows" in response.get_data(as_text=True)
    assert _wall_posts(event) == []


def test_a_removed_post_leaves_the_wall_and_a_deactivated_author_is_not_shown(client, auth, network, event):
    show(network.author, Visibility.COHORT, x="alex_author")
    auth.login(network.author.email)
    auth.post(f"/events/{event.id}/consent", {"agreed": "y"})
    _post_for_event(auth, event)
    [post] = _wall_posts(event)
    assert post.state == PostState.SHOWN
    db.session.refresh(event)
    version = event.wall_version
    assert auth.post(f"/publications/{post.publication_id}/remove").status_code == 302
    db.session.refresh(event)
    assert _wall_posts(event) == [] and event.wall_version > version


def test_the_wall_shows_the_name_as_chosen_now_not_when_it_was_posted(client, auth, network, event):
    from course.events.queries import wall_posts
    from course.events.wall.pages import wall_page
    from course.network.models import NetworkProfile, ShownAs

    show(network.author, Visibility.COHORT, x="alex_author")
    auth.login(network.author.email)
    auth.post(f"/events/{event.id}/consent", {"agreed": "y"})
    _post_for_event(auth, event)
    db.session.get(NetworkProfile, network.author.id).shown_as = ShownAs.INITIALS
    db.session.commit()
    assert [post.author for post in wall_page(event).posts] == ["A. A."]
    network.author.active = False
    db.session.commit()
    assert wall_posts(event) == []
