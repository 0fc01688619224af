"""Subscription links: made, replaced and revoked here; the view commits."""
from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa

from course.accounts.models import User
from course.calendars.models import CalendarLink
from course.database import utcnow
from course.extensions import db


def hash_token(token: str) -> str:
    """What is stored of a link's secret: its sha256, as hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def make_calendar_link(user: User) -> str:
    """A new subscription link for ``user``; the one before stops working. Returns the secret, which is not kept."""
    now = utcnow()
    db.session.execute(sa.update(CalendarLink)
                       .where(CalendarLink.user_id == user.id, CalendarLink.revoked_at.is_(None))
                       .values(revoked_at=now))
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarLink(user_id=user.id, token_hash=hash_token(token), created_at=now))
    db.session.flush()
    return token
