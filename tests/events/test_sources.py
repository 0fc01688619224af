"""Outside posts under the hashtag, fetched by the worker's task through the real clients from a local server."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.database import utcnow
from course.events.models import PostState, Source, WallPost
from course.events.services import purge_outside_posts
from course.events.sources.fetching import fetch_due_events
from course.events.sources.mastodon import plain_text
from course.extensions import db
from tests.events.social_server import SocialServer, bluesky_post, mastodon_status, serve


@pytest.fixture
def social(app):
    fake = SocialServer()
    server, thread = serve(fake)
    app.config.update(MASTODON_URL_SCHEME="http", BLUESKY_APPVIEW_URL=f"http://{fake.url}",
                      SOCIAL_FETCH_PRIVATE_ADDRESSES=True)  # the stand-in listens on 127.0.0.1
    yield fake
    server.shutdown()
    thread.join(timeout=5)


def _outside(event) -> list[WallPost]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(WallPost).where(WallPost.event_id == event.id,
                                                             WallPost.source != Source.MEMBER).order_by(WallPost.id)))


def test_mastodon_and_bluesky_posts_arrive_waiting_once_each(app, social, event):
    social.statuses = [mastodon_status(1, "DigiTag27", "Toller Vortrag"),
                       mastodon_status(2, "DigiTag27", "Geteilt", reblog={"id": "9"}),
                       mastodon_status(3, "DigiTag27", "Nur für Follower", visibility="unlisted")]
    social.bluesky_posts = [bluesky_post(1, "DigiTag27", "Grüße aus Halle 2")]
    event.mastodon_server, event.fetch_bluesky = social.url, True
    db.session.commit()
    lines = fetch_due_events(utcnow())
    assert any("Mastodon, 1 new" in line for line in lines) and any("Bluesky, 1 new" in line for line in lines)
    mastodon, bluesky = _outside(event)
    assert (mastodon.source, mastodon.state, mastodon.author) == (Source.MASTODON, PostState.WAITING, "@gast@social.example")
    assert mastodon.text == "Toller Vortrag #DigiTag27\nZweite Zeile & mehr"
    assert mastodon.url == "https://social.example/@gast/113000000000000001"
    assert bluesky.url == "https://bsky.app/profile/gast.bsky.social/post/3kz0000000001"
    assert ("/api/v1/timelines/tag/DigiTag27", {"limit": "40"}) in social.requests
    assert ("/xrpc/app.bsky.feed.searchPosts", {"q": "#DigiTag27", "sort": "latest", "limit": "50"}) in social.requests

    social.statuses.append(mastodon_status(4, "DigiTag27", "Noch einer"))
    fetch_due_events(utcnow())
    assert [p.text.split(" #")[0] for p in _outside(event)] == ["Toller Vortrag", "Grüße aus Halle 2", "Noch einer"]
    assert social.requests[-2][1].get("since_id") == "113000000000000003"


def test_a_rate_limited_source_waits_until_its_reset(app, social, event):
    social.refuse, social.reset_at = True, int((utcnow() + timedelta(minutes=7)).timestamp())
    event.fetch_bluesky = True
    db.session.commit()
    lines = fetch_due_events(utcnow())
    assert lines and "rate limited" in lines[0]
    db.session.refresh(event)
    assert event.bluesky_retry_at is not None and event.bluesky_retry_at > utcnow() + timedelta(minutes=6)
    asked = len(social.requests)
    fetch_due_events(utcnow())
    assert len(social.requests) == asked  # not asked again before the reset
    social.refuse = False
    fetch_due_events(utcnow() + timedelta(minutes=8))
    assert len(social.requests) == asked + 1


def test_a_source_that_is_down_is_tried_again_later(app, event):
    event.mastodon_server = "127.0.0.1:9"  # nothing listens there
    db.session.commit()
    app.config.update(MASTODON_URL_SCHEME="http", SOCIAL_FETCH_TIMEOUT=2, SOCIAL_FETCH_PRIVATE_ADDRESSES=True)
    lines = fetch_due_events(utcnow())
    assert "next try" in lines[0]
    db.session.refresh(event)
    assert event.mastodon_retry_at > utcnow()


def test_events_far_from_their_time_are_not_fetched(app, social, event):
    event.fetch_bluesky = True
    event.starts_at, event.ends_at = utcnow() + timedelta(days=10), utcnow() + timedelta(days=11)
    db.session.commit()
    assert fetch_due_events(utcnow()) == [] and social.requests == []


def test_outside_posts_are_deleted_the_set_number_of_days_after_the_event(app, social, event):
    social.bluesky_posts = [bluesky_post(1, "DigiTag27", "Hallo")]
    event.fetch_bluesky, event.outside_days = True, 3
    db.session.commit()
    fetch_due_events(utcnow())
    assert len(_outside(event)) == 1
    assert purge_outside_posts(event.ends_at + timedelta(days=2)) == 0
    assert purge_outside_posts(event.ends_at + timedelta(days=3, minutes=1)) == 1
    assert _outside(event) == []


def test_status_html_becomes_plain_text():
    assert plain_text('<p>Eins<br>zwei &lt;b&gt;</p><p><script>x</script>drei</p>') == "Eins\nzwei <b>\ndrei"


def test_a_server_on_a_private_address_is_never_asked(app, social, event):
    app.config["SOCIAL_FETCH_PRIVATE_ADDRESSES"] = False
    event.mastodon_server = social.url  # 127.0.0.1
    db.session.commit()
    lines = fetch_due_events(utcnow())
    assert "private address" in lines[0] and social.requests == []


def test_a_hostile_answer_stores_no_foreign_link_and_stops_no_other_event(app, social, event, network):
    from course.events.models import Event

    social.statuses = [{**mastodon_status(1, "DigiTag27", "Hallo"), "url": "data:text/html,<b>x</b>"},
                       {**mastodon_status(2, "DigiTag27", "Kaputt"), "id": "9" * 100}]
    event.mastodon_server = social.url
    other = Event(organisation_id=event.organisation_id, name="Other", hashtag="#Other", cohorts=event.cohorts,
                  starts_at=event.starts_at, ends_at=event.ends_at, fetch_bluesky=True)
    social.bluesky_posts = [bluesky_post(1, "Other", "Fine")]
    db.session.add(other)
    db.session.commit()
    fetch_due_events(utcnow())
    posts = _outside(event)
    assert all(post.url.startswith("https://") for post in posts)
    db.session.refresh(event)
    assert event.mastodon_since_id is None or len(event.mastodon_since_id) <= 30
    assert [post.text for post in _outside(other)] == ["Fine #Other"]
