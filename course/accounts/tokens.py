"""Signed, expiring, single-use links for password resets and invitations.

A token carries the user's id and a fingerprint of their current password
hash and session token, so it stops working as soon as the password is set: a
reset link or an invitation can be used once.
"""
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from course.accounts.models import User
from course.extensions import db

PASSWORD_RESET = "password-reset"
INVITATION = "invitation"

_MAX_AGE_SETTING = {PASSWORD_RESET: "PASSWORD_RESET_MAX_AGE", INVITATION: "INVITATION_MAX_AGE"}


class TokenError(Exception):
    """The link is invalid, used or expired; ``expired`` tells which."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"vernetzt.{purpose}")


def _fingerprint(user: User) -> str:
    # The session token tells apart two invited accounts (no password yet) that had the same id
    # one after the other, e.g. when a withdrawn invitation's row id is given to the next person.
    return hashlib.sha256(f"{user.password_hash or ''}:{user.session_token}".encode()).hexdigest()[:16]


def make_token(user: User, purpose: str) -> str:
    """Sign a token for ``user`` for one ``purpose``."""
    return _serializer(purpose).dumps({"user": user.id, "fp": _fingerprint(user)})


def load_token(token: str, purpose: str) -> User:
    """Return the user a valid token was made for, or raise ``TokenError``."""
    max_age = current_app.config[_MAX_AGE_SETTING[purpose]]
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenError(expired=True) from error
    except BadSignature as error:
        raise TokenError() from error
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or not user.active or data.get("fp") != _fingerprint(user):
        raise TokenError()
    return user
