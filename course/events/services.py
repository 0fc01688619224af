"""Changing events: planning, who may do what, the wall's secret link, moderation and the posts that arrive.

Functions flush at most; the view (or the worker's task) commits. Every change the wall shows bumps
``Event.wall_version``, so a wall learns that something changed in one statement.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import Organisation, Role, Track, User
from course.cohorts.models import Cohort
from course.database import utcnow
from course.events.models import ON_THE_WALL, Event, EventConsent, PostState, Source, WallPost
from course.extensions import db
from course.guidelines.content import rules_of
from course.guidelines.queries import latest_published
from course.guidelines.rules import find_term
from course.network.addresses import HOST
from course.network.feed.pages import author_label
from course.network.models import Publication, ShownAs
from course.network.queries import FeedItem, is_staff_of, presences_of, profile_of
from course.network.services import NetworkError, publish
from course.workspace.setup.services import normalise_hashtag

NAME_MAX = 200
WALL_LINK_GRACE = timedelta(days=1)  # a wall link works until a day after the event
MAX_TEXT = 1000  # what a wall keeps of an outside post


class EventError(ValueError):
    """An event that cannot be saved; ``problems`` maps a form field to why."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class EventDetails:
    name: str
    starts_at: datetime | None
    ends_at: datetime | None
    place: str
    hashtag: str
    cohort_ids: list[int]
    mastodon_server: str | None = None
    fetch_bluesky: bool = False
    outside_days: int = 14


# Who may ------------------------------------------------------------------------------------

def may_plan_events(user: User, organisation_id: int) -> bool:
    """Trainers and admins of the organisation, and its leadership learners, create events."""
    if is_staff_of(user, organisation_id):
        return True
    return user.role == Role.LEARNER and user.track == Track.LEADERSHIP and user.organisation_id == organisation_id


def may_moderate(user: User, event: Event) -> bool:
    """The organisation's staff, and whoever created the event."""
    return is_staff_of(user, event.organisation_id) or event.created_by_id == user.id


# Planning -----------------------------------------------------------------------------------

def _checked(organisation: Organisation, details: EventDetails) -> tuple[dict, dict[str, str]]:
    problems: dict[str, str] = {}
    name = " ".join(details.name.split())
    if not name:
        problems["name"] = _("Give the event a name.")
    elif len(name) > NAME_MAX:
        problems["name"] = _("Keep the name to %(max)d characters.", max=NAME_MAX)
    if details.starts_at is None:
        problems["starts_at"] = _("Give the day and time the event starts.")
    if details.ends_at is None:
        problems["ends_at"] = _("Give the day and time the event ends.")
    elif details.starts_at is not None and details.ends_at < details.starts_at:
        problems["ends_at"] = _("The event cannot end before it starts.")
    hashtag = None
    try:
        hashtag = normalise_hashtag(details.hashtag)
    except ValueError as error:
        problems["hashtag"] = str(error)
    if hashtag is None and "hashtag" not in problems:
        problems["hashtag"] = _("An event needs a hashtag: it is what turns the audience into a network.")
    cohorts = list(db.session.scalars(sa.select(Cohort).where(Cohort.id.in_(details.cohort_ids),
                                                              Cohort.organisation_id == organisation.id)))
    if len(cohorts) != len(set(details.cohort_ids)) or not cohorts:
        problems["cohort_ids"] = _("Choose at least one cohort of this organisation that takes part.")
    server = (details.mastodon_server or "").strip().lower().removeprefix("https://").rstrip("/") or None
    if server is not None and not re.fullmatch(HOST, server):
        problems["mastodon_server"] = _("Give the server’s name only, e.g. mastodon.social.")
    if not 1 <= details.outside_days <= 365:
        problems["outside_days"] = _("Keep outside posts between 1 and 365 days after the event.")
    values = {"name": name, "hashtag": hashtag, "cohorts": cohorts, "mastodon_server": server}
    return values, problems


def _apply(event: Event, details: EventDetails, values: dict) -> Event:
    assert details.starts_at is not None and details.ends_at is not None  # _checked refuses details without them
    event.name, event.hashtag, event.cohorts = values["name"], values["hashtag"], values["cohorts"]
    event.starts_at, event.ends_at, event.place = details.starts_at, details.ends_at, " ".join(details.place.split())
    if event.mastodon_server != values["mastodon_server"]:
        event.mastodon_since_id = None
    event.mastodon_server, event.fetch_bluesky = values["mastodon_server"], details.fetch_bluesky
    event.outside_days = details.outside_days
    if event.wall_token_hash is not None and event.ends_at is not None:
        event.wall_expires_at = event.ends_at + WALL_LINK_GRACE
    event.wall_version += 1
    db.session.flush()
    return event


def create_event(organisation: Organisation, details: EventDetails, by: User) -> Event:
    values, problems = _checked(organisation, details)
    if problems:
        raise EventError(problems)
    event = Event(organisation=organisation, created_by=by, wall_version=0)
    db.session.add(event)
    return _apply(event, details, values)


def update_event(event: Event, details: EventDetails) -> Event:
    values, problems = _checked(event.organisation, details)
    if problems:
        raise EventError(problems)
    return _apply(event, details, values)


# The wall's link ----------------------------------------------------------------------------

def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_wall_link(event: Event) -> str:
    """A new secret for the wall (the old one stops working); only its hash is kept. Returns the secret."""
    token = secrets.token_urlsafe(24)
    event.wall_token_hash = token_hash(token)
    event.wall_expires_at = event.ends_at + WALL_LINK_GRACE
    event.wall_version += 1
    return token


def revoke_wall_link(event: Event) -> None:
    event.wall_token_hash = event.wall_expires_at = None
    event.wall_version += 1


def set_blanked(event: Event, blanked: bool) -> None:
    """The kill switch: the wall shows nothing but the hashtag until switched back."""
    event.wall_blanked = blanked
    event.wall_version += 1


# Posts arriving -----------------------------------------------------------------------------

def forbidden_term(organisation_id: int, text: str) -> str | None:
    """The first term of the organisation's guidelines in force that ``text`` touches, if any."""
    version = latest_published(organisation_id)
    if version is None:
        return None
    return next((term for term in rules_of(version).forbidden_terms if find_term(text, term)), None)


def _arrival_state(event: Event, text: str, agreed: bool) -> tuple[PostState, str | None]:
    held_for = forbidden_term(event.organisation_id, text)
    return (PostState.SHOWN if agreed and held_for is None else PostState.WAITING), held_for


def has_agreed(event: Event, user: User) -> bool:
    return db.session.get(EventConsent, (event.id, user.id)) is not None


def set_agreed(event: Event, user: User, agreed: bool) -> None:
    existing = db.session.get(EventConsent, (event.id, user.id))
    if agreed and existing is None:
        db.session.add(EventConsent(event_id=event.id, user_id=user.id))
    elif not agreed and existing is not None:
        db.session.delete(existing)


def admit_publication(event: Event, publication: Publication) -> WallPost:
    """A member's post for the event: on the wall at once if they agreed and it touches no forbidden term."""
    profile = profile_of(publication.author)
    item = FeedItem(publication, profile.shown_as if profile else ShownAs.NAME,
                    presences_of(publication.author).get(publication.platform))
    state, held_for = _arrival_state(event, publication.text, has_agreed(event, publication.author))
    post = WallPost(event_id=event.id, source=Source.MEMBER, publication=publication, author=author_label(item),
                    text=publication.text, url=publication.url, posted_at=publication.published_at or utcnow(),
                    state=state, held_for=held_for)
    db.session.add(post)
    if state in ON_THE_WALL:
        event.wall_version += 1
    return post


def publish_for_event(user: User, event: Event, platform: str, text: str, link: str) -> WallPost:
    """A member's post for ``event``, published by them on ``platform`` at ``link``: into the feed and to the wall."""
    try:
        publication = publish(user, None, platform, text, link, event_id=event.id)
    except NetworkError as error:
        raise EventError(error.problems) from None
    db.session.flush()
    return admit_publication(event, publication)


def admit_outside(event: Event, source: Source, external_id: str, author: str, text: str, url: str,
                  posted_at: datetime) -> WallPost | None:
    """A public post from outside: it waits for approval. None when the wall already has it."""
    known = db.session.scalar(sa.select(WallPost.id).where(WallPost.event_id == event.id,
                                                           WallPost.external_id == external_id))
    if known is not None:
        return None
    post = WallPost(event_id=event.id, source=source, external_id=external_id, author=author[:200],
                    text=text[:MAX_TEXT], url=url[:500], posted_at=posted_at, state=PostState.WAITING,
                    held_for=forbidden_term(event.organisation_id, text))
    db.session.add(post)
    return post


def moderate(post: WallPost, event: Event, state: PostState, by: User) -> None:
    was_on_wall = post.state in ON_THE_WALL
    post.state, post.moderated_at, post.moderated_by_id = state, utcnow(), by.id
    if was_on_wall or state in ON_THE_WALL:
        event.wall_version += 1


@sa.event.listens_for(Publication, "after_delete")
def _publication_gone(_mapper, connection, publication: Publication) -> None:
    """A member removed a post they published for an event: the database drops it from the wall; the wall learns."""
    if publication.event_id is not None:
        connection.execute(sa.update(Event).where(Event.id == publication.event_id)
                           .values(wall_version=Event.wall_version + 1))


def purge_outside_posts(now: datetime) -> int:
    """Delete outside posts of every event that ended more than its ``outside_days`` ago."""
    ended = sa.select(Event.id, Event.ends_at, Event.outside_days)
    ids = [event_id for event_id, ends_at, days in db.session.execute(ended)
           if ends_at + timedelta(days=days) < now]
    if not ids:
        return 0
    result = db.session.execute(sa.delete(WallPost).where(WallPost.event_id.in_(ids),
                                                          WallPost.source != Source.MEMBER))
    return getattr(result, "rowcount", 0) or 0
