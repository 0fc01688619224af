"""Reading events: one by id or by its wall's secret, a person's events, the wall's posts, the moderation queue."""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import aliased

from course.accounts.models import Organisation, Role, User
from course.cohorts.models import CohortMember
from course.events.models import ON_THE_WALL, Event, EventConsent, PostState, WallPost, event_cohorts
from course.extensions import db
from course.network.feed.pages import author_label
from course.network.models import NetworkProfile, Presence, Publication, ShownAs
from course.network.queries import FeedItem
from course.permissions import get_scoped_or_404, scope_to_organisations

WALL_SIZE = 18  # posts on the wall at once: pinned first, then the newest shown
OPEN_FOR_POSTS = timedelta(days=1)  # members may publish for an event until a day after it ended


def get_event_or_404(user: User, event_id: int) -> Event:
    """An event of one of ``user``'s organisations; a learner's only if one of their cohorts takes part."""
    event = get_scoped_or_404(user, Event, event_id, Event.organisation_id)
    if user.role == Role.LEARNER and not takes_part(user, event) and event.created_by_id != user.id:
        abort(404)
    return event


def takes_part(user: User, event: Event) -> bool:
    """Whether ``user`` learns in one of the cohorts taking part in ``event``."""
    return db.session.scalar(sa.select(sa.literal(True)).select_from(CohortMember).join(
        event_cohorts, event_cohorts.c.cohort_id == CohortMember.cohort_id).where(
        CohortMember.user_id == user.id, event_cohorts.c.event_id == event.id)) is not None


def _mine(user: User) -> sa.Select:
    statement = sa.select(Event)
    if user.role == Role.LEARNER:
        cohort = sa.select(CohortMember.cohort_id).where(CohortMember.user_id == user.id)
        in_cohort = sa.select(event_cohorts.c.event_id).where(event_cohorts.c.cohort_id.in_(cohort))
        return statement.where(sa.or_(Event.id.in_(in_cohort), Event.created_by_id == user.id))
    return scope_to_organisations(statement, Event.organisation_id, user)


def events_of(user: User) -> list[Event]:
    """The events ``user`` may see, the next one first, past ones after the upcoming."""
    return list(db.session.scalars(_mine(user).order_by(Event.starts_at.desc())))


def open_for_posts(user: User, now: datetime) -> list[Event]:
    """Events ``user`` takes part in that still take posts: not ended more than a day ago."""
    return list(db.session.scalars(_mine(user).where(Event.ends_at > now - OPEN_FOR_POSTS)
                                   .order_by(Event.starts_at)))


def organisations_of(user: User) -> list[Organisation]:
    return list(db.session.scalars(scope_to_organisations(sa.select(Organisation), Organisation.id, user)
                                   .order_by(Organisation.name)))


def event_by_wall_token(token_hash: str, now: datetime) -> Event | None:
    event = db.session.scalar(sa.select(Event).where(Event.wall_token_hash == token_hash))
    return event if event is not None and event.wall_is_open(now) else None


def wall_posts(event: Event) -> list[tuple[WallPost, str]]:
    """What the wall shows, each with its author as they choose to appear now: pinned posts first, then the newest
    shown ones; a deactivated member's posts not at all. One statement."""
    pinned_first = sa.case((WallPost.state == PostState.PINNED, 0), else_=1)
    author = aliased(User)
    rows = db.session.execute(
        sa.select(WallPost, Publication, author, NetworkProfile.shown_as, Presence.address)
        .outerjoin(Publication, Publication.id == WallPost.publication_id)
        .outerjoin(author, author.id == Publication.user_id)
        .outerjoin(NetworkProfile, NetworkProfile.user_id == author.id)
        .outerjoin(Presence, sa.and_(Presence.user_id == author.id, Presence.platform == Publication.platform))
        .where(WallPost.event_id == event.id, WallPost.state.in_(ON_THE_WALL),
               sa.or_(WallPost.publication_id.is_(None), author.active.is_(True)))
        .order_by(pinned_first, WallPost.posted_at.desc(), WallPost.id.desc()).limit(WALL_SIZE))
    shown = []
    for post, publication, _person, shown_as, address in rows:  # the author is loaded for author_label
        if publication is None:
            shown.append((post, post.author))
        else:
            shown.append((post, author_label(FeedItem(publication, ShownAs(shown_as or ShownAs.NAME), address))))
    return shown


def queue(event: Event, state: PostState, limit: int = 200) -> list[WallPost]:
    """Posts in ``state``, the waiting ones oldest first (in the order they came), the others newest first."""
    order = (WallPost.posted_at.asc(), WallPost.id.asc()) if state == PostState.WAITING else \
        (WallPost.posted_at.desc(), WallPost.id.desc())
    return list(db.session.scalars(sa.select(WallPost).where(WallPost.event_id == event.id, WallPost.state == state)
                                   .order_by(*order).limit(limit)))


def state_counts(event: Event) -> dict[PostState, int]:
    rows = db.session.execute(sa.select(WallPost.state, sa.func.count()).where(WallPost.event_id == event.id)
                              .group_by(WallPost.state))
    counts = dict.fromkeys(PostState, 0)
    counts.update({PostState(state): count for state, count in rows})
    return counts


def get_post_or_404(event: Event, post_id: int) -> WallPost:
    return db.first_or_404(sa.select(WallPost).where(WallPost.id == post_id, WallPost.event_id == event.id))


def participant_ids(event: Event) -> set[int]:
    """Members who published for the event or agreed to be on its wall."""
    published = sa.select(Publication.user_id).where(Publication.event_id == event.id)
    agreed = sa.select(EventConsent.user_id).where(EventConsent.event_id == event.id)
    return set(db.session.scalars(published.union(agreed)))
