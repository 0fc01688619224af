"""The network: presences and who sees them, published posts (the feed and events'), private marks, consents."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.events.models import Event, EventConsent
from course.extensions import db
from course.network.models import FollowMark, NetworkProfile, Presence, Publication, ReplyMark
from course.privacy.exporters import Row, exporter, fields


@exporter("network_profile", _l("Who sees you on the network pages"), "network_profiles.user_id")
def network_profile(user: User) -> list[Row]:
    profile = db.session.get(NetworkProfile, user.id)
    return [fields(profile, ("visibility", "shown_as", "updated_at"))] if profile else []


@exporter("presences", _l("Where you are online"), "presences.user_id")
def presences(user: User) -> list[Row]:
    statement = sa.select(Presence).where(Presence.user_id == user.id).order_by(Presence.platform)
    return [fields(row, ("platform", "address", "created_at")) for row in db.session.scalars(statement)]


@exporter("publications", _l("Posts you published (feed and events)"), "publications.user_id")
def publications(user: User) -> list[Row]:
    statement = (sa.select(Publication, Event.name).outerjoin(Event, Event.id == Publication.event_id)
                 .where(Publication.user_id == user.id).order_by(Publication.published_at))
    return [{**fields(row, ("platform", "text", "url", "published_at")), "event": event}
            for row, event in db.session.execute(statement)]


@exporter("follow_marks", _l("People you marked as followed"), "follow_marks.user_id")
def follow_marks(user: User) -> list[Row]:
    statement = (sa.select(FollowMark, User).join(User, User.id == FollowMark.followed_id)
                 .where(FollowMark.user_id == user.id).order_by(FollowMark.marked_at))
    return [{"person": followed.name, "marked_at": fields(mark, ("marked_at",))["marked_at"]}
            for mark, followed in db.session.execute(statement)]


@exporter("reply_marks", _l("Posts you marked as answered"), "reply_marks.user_id")
def reply_marks(user: User) -> list[Row]:
    statement = (sa.select(ReplyMark, Publication.url).join(Publication, Publication.id == ReplyMark.publication_id)
                 .where(ReplyMark.user_id == user.id).order_by(ReplyMark.marked_at))
    return [{"post": url, "marked_at": fields(mark, ("marked_at",))["marked_at"]}
            for mark, url in db.session.execute(statement)]


@exporter("event_consents", _l("Events whose wall may show your posts at once"), "event_consents.user_id")
def event_consents(user: User) -> list[Row]:
    statement = (sa.select(EventConsent, Event.name).join(Event, Event.id == EventConsent.event_id)
                 .where(EventConsent.user_id == user.id).order_by(EventConsent.agreed_at))
    return [{"event": name, "agreed_at": fields(consent, ("agreed_at",))["agreed_at"]}
            for consent, name in db.session.execute(statement)]
