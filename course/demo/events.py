"""The demo's event: the day after tomorrow, its wall with posts shown and pinned, and a post waiting for approval.

The wall's secret is never stored, so every run makes a new link (the old one stops) and `seed-demo` prints it.
"""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import get_timezone

from course.cohorts.models import Cohort
from course.database import utcnow
from course.events import services
from course.events.models import Event, PostState, Source
from course.extensions import db
from course.network.models import Publication

DEMO_EVENT = "Digital day at the Hamburg site"
OUTSIDE = [
    ("@gast@social.example", "Looking forward to the #DemoDigitalDay talks on error culture. Who else is coming?",
     PostState.WAITING),
    ("@nachbarin.bsky.social", "The works council's Q&A at #DemoDigitalDay was the most honest hour of my week.",
     PostState.SHOWN),
]


def _at(day_offset: int, hour: int) -> datetime:
    day = (utcnow().astimezone(get_timezone()) + timedelta(days=day_offset)).date()
    return datetime.combine(day, time(hour), tzinfo=get_timezone()).astimezone(UTC)


def seed_demo_event(cohort: Cohort, trainer_id: int | None) -> str:
    """The event and its posts where missing; returns a new secret for its wall."""
    event = db.session.scalar(sa.select(Event).where(Event.organisation_id == cohort.organisation_id,
                                                     Event.name == DEMO_EVENT))
    if event is None:
        event = Event(organisation_id=cohort.organisation_id, name=DEMO_EVENT, hashtag="#DemoDigitalDay",
                      place="Hall 2, Hamburg", starts_at=_at(2, 9), ends_at=_at(2, 17), cohorts=[cohort],
                      created_by_id=trainer_id, mastodon_server=None, fetch_bluesky=False)
        db.session.add(event)
        db.session.flush()
        _seed_posts(event)
    return services.new_wall_link(event)


def _seed_posts(event: Event) -> None:
    publications = list(db.session.scalars(sa.select(Publication).where(Publication.cohort_id.in_(
        [cohort.id for cohort in event.cohorts])).order_by(Publication.id).limit(2)))
    for number, publication in enumerate(publications):
        publication.event_id = event.id
        member_post = services.admit_publication(event, publication)
        member_post.state = PostState.PINNED if number == 0 else PostState.SHOWN
    for number, (author, text, state) in enumerate(OUTSIDE):
        post = services.admit_outside(event, Source.BLUESKY if ".bsky." in author else Source.MASTODON,
                                      f"demo-{number}", author, text, f"https://social.example/@gast/{number + 1}",
                                      utcnow() - timedelta(minutes=10 * (number + 1)))
        if post is not None:
            post.state = state
    event.wall_version += 1
    db.session.flush()
