"""Sign-ins as session records on the server: start one, load it on each request, end one or all.

Flask-Login's user id is ``<record id>:<secret>``, in the session cookie and in the
remember-me cookie alike; the record stores a hash of the secret. A cookie works
exactly as long as its record exists, so signing out (here, or everywhere) ends
every copy of it.
"""
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from flask import current_app, g, request
from flask_login import current_user, login_user
from sqlalchemy.orm.attributes import set_committed_value

from course.accounts.models import User
from course.auth.browsers import describe_browser
from course.auth.models import LoginSession
from course.database import utcnow
from course.extensions import db

ACTIVITY_INTERVAL = timedelta(minutes=5)
_LARGEST_ID = 2**31 - 1


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _oldest_live() -> datetime:
    return utcnow() - timedelta(seconds=current_app.config["LOGIN_SESSION_MAX_IDLE"])


def _attach(user: User, record: LoginSession, identity: str) -> None:
    user.login_identity = identity
    g.login_session = record


def sign_in(user: User, *, remember: bool = False) -> None:
    """Start a session record for ``user`` in this browser and sign the browser in with it.

    A session the browser already had ends first, so switching accounts leaves nothing behind.
    """
    end_current_session()
    secret = secrets.token_urlsafe(32)
    record = LoginSession(user=user, secret_hash=_hash(secret), browser=describe_browser(request.user_agent.string))
    db.session.add(record)
    db.session.execute(sa.delete(LoginSession).where(LoginSession.user_id == user.id,
                                                     LoginSession.last_used_at < _oldest_live()))
    db.session.flush()
    _attach(user, record, f"{record.id}:{secret}")
    login_user(user, remember=remember)


@cache  # built once: every request asks
def _live_session() -> sa.Select[LoginSession, User]:
    return (sa.select(LoginSession, User).join(LoginSession.user)
            .where(LoginSession.id == sa.bindparam("record_id"), User.active,
                   LoginSession.last_used_at >= sa.bindparam("oldest")))


def load_user(identity: str) -> User | None:
    """The active user of a live session record named by ``identity``, in one query; None otherwise."""
    record_id, _sep, secret = identity.partition(":")
    if not (record_id.isdigit() and secret) or int(record_id) > _LARGEST_ID:
        return None
    row = db.session.execute(_live_session(), {"record_id": int(record_id), "oldest": _oldest_live()}).first()
    if row is None or not hmac.compare_digest(row.LoginSession.secret_hash, _hash(secret)):
        return None
    _attach(row.User, row.LoginSession, identity)
    return row.User


def _current_record() -> LoginSession | None:
    record = g.get("login_session")
    if record is None or not current_user.is_authenticated or record.user_id != current_user.id:
        return None
    return record


def end_current_session() -> None:
    """End the session this request was signed in with, if any."""
    record = _current_record()
    if record is not None:
        db.session.execute(sa.delete(LoginSession).where(LoginSession.id == record.id))
        g.pop("login_session")


def end_sessions(user: User, *, keep_this_one: bool = False) -> None:
    """End every session of ``user``, remember-me cookies included; with ``keep_this_one``,
    all but the one this request is signed in with (all of them when the request is not theirs)."""
    statement = sa.delete(LoginSession).where(LoginSession.user_id == user.id)
    record = _current_record()
    if keep_this_one and record is not None and record.user_id == user.id:
        statement = statement.where(LoginSession.id != record.id)
    db.session.execute(statement)


@dataclass(frozen=True)
class SessionRow:
    browser: str  # empty when the browser did not say what it is
    created_at: datetime
    last_used_at: datetime
    is_current: bool


def list_sessions(user: User) -> list[SessionRow]:
    """The live sessions of ``user``, most recently used first, this request's one marked."""
    record = _current_record()
    records = db.session.scalars(
        sa.select(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.last_used_at >= _oldest_live())
        .order_by(LoginSession.last_used_at.desc(), LoginSession.id.desc())
    )
    return [SessionRow(r.browser, r.created_at, r.last_used_at, record is not None and r.id == record.id)
            for r in records]


def record_activity() -> None:
    """Note when the person and this session were last seen, at most every few minutes."""
    # Kept apart from the view's transaction on purpose: at most one short UPDATE
    # per user and session every few minutes, so activity tracking costs nearly nothing.
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    user, record, now = current_user._get_current_object(), _current_record(), utcnow()
    user_is_stale = not user.last_seen_at or now - user.last_seen_at >= ACTIVITY_INTERVAL
    record_is_stale = record is not None and now - record.last_used_at >= ACTIVITY_INTERVAL
    if not (user_is_stale or record_is_stale):
        return
    if user_is_stale:
        db.session.execute(sa.update(User).where(User.id == user.id).values(last_seen_at=now))
    if record is not None and record_is_stale:
        db.session.execute(sa.update(LoginSession).where(LoginSession.id == record.id).values(last_used_at=now))
    db.session.commit()
    if user_is_stale:
        set_committed_value(user, "last_seen_at", now)
    if record_is_stale:
        set_committed_value(record, "last_used_at", now)
