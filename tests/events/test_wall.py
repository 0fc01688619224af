"""The wall: a secret, expiring link without sign-in; news within one refresh; blank at once; small and cheap."""
from contextlib import contextmanager
from datetime import timedelta

import sqlalchemy as sa

from course.database import utcnow
from course.events.models import PostState, Source, WallPost
from course.events.services import new_wall_link, revoke_wall_link, set_blanked
from course.extensions import db


def _posts(event, count: int, state=PostState.SHOWN, length: int = 40) -> None:
    now = utcnow()
    first = db.session.scalar(sa.select(sa.func.count(WallPost.id)))
    db.session.add_all([WallPost(event_id=event.id, source=Source.MASTODON, external_id=f"post-{first + n}",
                                 author=f"@gast{n}@social.example", text=(f"Beitrag {n} " * 60)[:length],
                                 url=f"https://social.example/@gast/{n}", posted_at=now - timedelta(seconds=n),
                                 state=state) for n in range(count)])
    event.wall_version += 1
    db.session.commit()


def _link(event) -> str:
    token = new_wall_link(event)
    db.session.commit()
    return f"/wall/{token}"


@contextmanager
def _statements():
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def test_the_wall_opens_without_sign_in_and_only_by_its_secret(client, event):
    _posts(event, 2)
    link = _link(event)
    page = client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "#DigiTag27" in html and "Beitrag 0" in html
    assert page.headers["Cache-Control"] == "no-store" and "noindex" in page.headers["X-Robots-Tag"]
    assert "<svg" in html and "https://bsky.app/hashtag/DigiTag27" in html
    assert "<script>" not in html and 'src="/static/js/wall.js"' in html
    assert client.get("/wall/not-the-secret").status_code == 404
    assert event.wall_token_hash not in html and link.split("/")[-1] not in str(event.wall_token_hash)


def test_an_expired_or_stopped_link_no_longer_opens(client, event):
    link = _link(event)
    event.wall_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(link).status_code == 404
    link = _link(event)
    revoke_wall_link(event)
    db.session.commit()
    assert client.get(link).status_code == 404


def test_a_refresh_answers_204_until_something_changes(client, event):
    _posts(event, 1)
    link = _link(event)
    version = event.wall_version
    assert client.get(f"{link}/posts?version={version}").status_code == 204
    _posts(event, 1, length=30)
    fresh = client.get(f"{link}/posts?version={version}")
    assert fresh.status_code == 200 and int(fresh.headers["X-Wall-Version"]) > version


def test_the_kill_switch_leaves_only_the_hashtag(client, event):
    _posts(event, 3)
    link = _link(event)
    set_blanked(event, True)
    db.session.commit()
    html = client.get(link).get_data(as_text=True)
    assert "Beitrag" not in html and "wall__blank" in html


def test_waiting_and_hidden_posts_never_show(client, event):
    _posts(event, 2, PostState.WAITING)
    db.session.add(WallPost(event_id=event.id, source=Source.BLUESKY, external_id="hidden", author="@x",
                            text="Versteckt", url="https://bsky.app/x", posted_at=utcnow(), state=PostState.HIDDEN))
    db.session.commit()
    html = client.get(_link(event)).get_data(as_text=True)
    assert "Beitrag" not in html and "Versteckt" not in html


def test_500_posts_keep_the_wall_small_and_its_refresh_constant(client, event):
    _posts(event, 10)
    link = _link(event)
    with _statements() as few:
        client.get(f"{link}/posts?version=0")
    _posts(event, 490, length=500)
    with _statements() as many:
        response = client.get(f"{link}/posts?version=0")
    with _statements() as unchanged:
        client.get(f"{link}/posts?version={event.wall_version}")
    assert len(few) == len(many) == 2 and len(unchanged) == 1
    assert len(response.get_data()) < 50_000
    assert len(client.get(link).get_data()) < 50_000
