"""Where people are online, what they published from the course, and their private follow and reply marks."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User, enum_column
from course.database import UTCDateTime, utcnow
from course.drafts.models import Draft
from course.extensions import Model


class Visibility(StrEnum):
    """Who sees a person's presences on the network pages; the widening circles of the course."""

    NOBODY = "nobody"
    CIRCLE = "circle"
    COHORT = "cohort"
    ORGANISATION = "organisation"


VISIBILITY_LABELS = {
    Visibility.NOBODY: _l("Nobody: only me"),
    Visibility.CIRCLE: _l("My review circle"),
    Visibility.COHORT: _l("My cohort and its trainers"),
    Visibility.ORGANISATION: _l("Everyone in my organisation"),
}


class ShownAs(StrEnum):
    """How a person's name appears beside what they published: in the feed and on an event's wall."""

    NAME = "name"
    HANDLE = "handle"
    INITIALS = "initials"


SHOWN_AS_LABELS = {
    ShownAs.NAME: _l("My name"),
    ShownAs.HANDLE: _l("My handle on the platform I posted on"),
    ShownAs.INITIALS: _l("My initials only"),
}


class NetworkProfile(Model):
    """A person's choices for the network pages; a person without one is seen by nobody, by name."""

    __tablename__ = "network_profiles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility), default=Visibility.NOBODY)
    shown_as: Mapped[ShownAs] = mapped_column(enum_column(ShownAs), default=ShownAs.NAME)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Presence(Model):
    """One public account or website of a person, stored in its platform's own form (see addresses.py)."""

    __tablename__ = "presences"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(sa.String(20))
    address: Mapped[str] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("user_id", "platform"),)


class Publication(Model):
    """A post a person wrote in the course and published on a platform themselves: its text and live link."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    draft_id: Mapped[int | None] = mapped_column(sa.ForeignKey("drafts.id", ondelete="SET NULL"), index=True)
    # The cohort whose feed shows it: the author's when they published; none to keep it out of every feed.
    cohort_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="SET NULL"), index=True)
    # The event it was written for, whose wall may show it.
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="SET NULL"), index=True)
    platform: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[str] = mapped_column(sa.Text)
    url: Mapped[str] = mapped_column(sa.String(500))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    author: Mapped[User] = relationship()
    draft: Mapped[Draft | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("user_id", "url"),)


class FollowMark(Model):
    """A person's private tick: "I already follow them". Nobody else reads it."""

    __tablename__ = "follow_marks"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    followed_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReplyMark(Model):
    """A person's private tick: "I replied to this post". Nobody else reads it."""

    __tablename__ = "reply_marks"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    publication_id: Mapped[int] = mapped_column(sa.ForeignKey("publications.id", ondelete="CASCADE"),
                                                primary_key=True)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
