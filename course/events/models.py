"""An event with its hashtag and cohorts, the posts its wall may show, and who agreed to be shown at once."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import Organisation, User, enum_column
from course.cohorts.models import Cohort
from course.database import UTCDateTime, utcnow
from course.extensions import Model, db
from course.network.models import Publication

OUTSIDE_DAYS = 14  # outside posts are deleted this many days after the event, unless the event says otherwise

event_cohorts = sa.Table(
    "event_cohorts",
    db.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("cohort_id", sa.ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True),
)


class Event(Model):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    hashtag: Mapped[str] = mapped_column(sa.String(100))  # with its "#"
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # The wall: opened by a secret link (only its hash is kept) until it expires; blanked at once by the kill switch.
    wall_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    wall_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    wall_blanked: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Grows with every change the wall shows, so a wall asks "anything new?" in one statement.
    wall_version: Mapped[int] = mapped_column(default=0, server_default="0")

    # Public posts under the hashtag from outside, fetched by the worker when switched on.
    mastodon_server: Mapped[str | None] = mapped_column(sa.String(255))
    fetch_bluesky: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    mastodon_since_id: Mapped[str | None] = mapped_column(sa.String(64))
    mastodon_retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    bluesky_retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outside_days: Mapped[int] = mapped_column(default=OUTSIDE_DAYS, server_default=str(OUTSIDE_DAYS))

    organisation: Mapped[Organisation] = relationship()
    cohorts: Mapped[list[Cohort]] = relationship(secondary=event_cohorts, order_by="Cohort.name")
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (sa.CheckConstraint("ends_at >= starts_at", name="ends_after_start"),)

    @property
    def tag(self) -> str:
        """The hashtag without its "#", as platforms' tag URLs and APIs want it."""
        return self.hashtag.removeprefix("#")

    def wall_is_open(self, now: datetime) -> bool:
        return self.wall_token_hash is not None and self.wall_expires_at is not None and now < self.wall_expires_at


class PostState(StrEnum):
    WAITING = "waiting"
    SHOWN = "shown"
    PINNED = "pinned"
    HIDDEN = "hidden"


STATE_LABELS = {PostState.WAITING: _l("Waiting"), PostState.SHOWN: _l("Shown"), PostState.PINNED: _l("Pinned"),
                PostState.HIDDEN: _l("Hidden")}
ON_THE_WALL = (PostState.SHOWN, PostState.PINNED)


class Source(StrEnum):
    MEMBER = "member"  # published by a member of a taking-part cohort, for this event (network.Publication)
    MASTODON = "mastodon"
    BLUESKY = "bluesky"


class WallPost(Model):
    """A post the event's wall may show: a member's publication, or a public post from outside."""

    __tablename__ = "wall_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    source: Mapped[Source] = mapped_column(enum_column(Source))
    publication_id: Mapped[int | None] = mapped_column(sa.ForeignKey("publications.id", ondelete="CASCADE"))
    # The platform's own id of an outside post (Mastodon's URI, Bluesky's at:// URI): fetched once only.
    external_id: Mapped[str | None] = mapped_column(sa.String(500))
    author: Mapped[str] = mapped_column(sa.String(200))  # as the wall shows it
    text: Mapped[str] = mapped_column(sa.Text)
    url: Mapped[str] = mapped_column(sa.String(500))
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[PostState] = mapped_column(enum_column(PostState), default=PostState.WAITING)
    # Why it waits although its author agreed: a term the guidelines never allow.
    held_for: Mapped[str | None] = mapped_column(sa.String(200))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    moderated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    publication: Mapped[Publication | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("event_id", "external_id", name="uq_wall_posts_event_id_external_id"),
        sa.UniqueConstraint("event_id", "publication_id", name="uq_wall_posts_event_id_publication_id"),
        sa.Index("ix_wall_posts_event_state_posted", "event_id", "state", "posted_at"),
    )


class EventConsent(Model):
    """A member agreed that what they publish for this event goes on its wall without waiting."""

    __tablename__ = "event_consents"

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    agreed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
