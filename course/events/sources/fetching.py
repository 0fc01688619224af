"""Which events take outside posts now, and fetching them: each source on its own, rate limits respected."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from course.events.models import Event, Source
from course.events.services import admit_outside
from course.events.sources import OutsidePost, SourceUnavailable, bluesky, mastodon
from course.extensions import db

log = logging.getLogger(__name__)
WINDOW = timedelta(days=1)  # fetched from a day before the event until a day after it


def due_events(now: datetime) -> list[Event]:
    """Events around their time with an outside source switched on."""
    return list(db.session.scalars(sa.select(Event).where(
        sa.or_(Event.mastodon_server.is_not(None), Event.fetch_bluesky.is_(True)),
        Event.starts_at <= now + WINDOW, Event.ends_at >= now - WINDOW).order_by(Event.id)))


def _admit(event: Event, source: Source, posts: list[OutsidePost]) -> int:
    admitted = [admit_outside(event, source, post.external_id, post.author, post.text, post.url, post.posted_at)
                for post in posts]
    return sum(post is not None for post in admitted)


def fetch_event(event: Event, now: datetime) -> list[str]:
    """Ask each due source of ``event`` once; what happened, for the log. Flushes; the caller commits."""
    config = current_app.config
    lines = []
    if event.mastodon_server and (event.mastodon_retry_at is None or event.mastodon_retry_at <= now):
        base = f"{config['MASTODON_URL_SCHEME']}://{event.mastodon_server}"
        try:
            if not config["SOCIAL_FETCH_PRIVATE_ADDRESSES"] and not mastodon.is_public_host(event.mastodon_server):
                raise SourceUnavailable("refused: the server's name leads to a private address or to none",
                                        now + mastodon.RETRY_AFTER_ERROR)
            posts, event.mastodon_since_id = mastodon.fetch_tag(base, event.tag, event.mastodon_since_id,
                                                                config["SOCIAL_FETCH_TIMEOUT"])
        except SourceUnavailable as problem:
            event.mastodon_retry_at = problem.retry_at
            lines.append(f"event {event.id}: Mastodon {problem}, next try {problem.retry_at:%H:%M}")
        else:
            event.mastodon_retry_at = None
            lines.append(f"event {event.id}: Mastodon, {_admit(event, Source.MASTODON, posts)} new")
    if event.fetch_bluesky and (event.bluesky_retry_at is None or event.bluesky_retry_at <= now):
        try:
            posts = bluesky.search_tag(config["BLUESKY_APPVIEW_URL"], event.tag, config["SOCIAL_FETCH_TIMEOUT"])
        except SourceUnavailable as problem:
            event.bluesky_retry_at = problem.retry_at
            lines.append(f"event {event.id}: Bluesky {problem}, next try {problem.retry_at:%H:%M}")
        else:
            event.bluesky_retry_at = None
            lines.append(f"event {event.id}: Bluesky, {_admit(event, Source.BLUESKY, posts)} new")
    event.fetched_at = now
    db.session.flush()
    return lines


def fetch_due_events(now: datetime) -> list[str]:
    """Fetch for every due event, committing after each so one failing event loses nothing of another."""
    lines = []
    for event_id in [event.id for event in due_events(now)]:
        event = db.session.get(Event, event_id)
        if event is None:
            continue
        try:
            lines += fetch_event(event, now)
            db.session.commit()
        except Exception:  # an answer no check foresaw: this event waits, the others are fetched
            db.session.rollback()
            log.exception("events: fetching for event %d failed", event_id)
            lines.append(f"event {event_id}: failed, see the log")
    return lines
