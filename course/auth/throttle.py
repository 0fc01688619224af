"""Sign-in throttling with device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies").

A browser that signs in to an account gets a signed device cookie for it. A
sign-in from a browser with a valid device cookie for the account counts only
against that cookie; one from any other browser counts against the account and
against the client address. At the limit, that key is refused for the window:
an attacker can slow guessing down to the limit, and lock out unknown browsers,
but never the owner's browser, and a password reset lets the owner in from a
new one. Attempts are rows in the database, so every worker and every machine
sees the same counts.
"""
import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response as BaseResponse

from course.accounts.services import normalise_email
from course.auth.models import LoginFailure
from course.database import utcnow
from course.extensions import db

DEVICE_COOKIE = "vernetzt_device"


@dataclass
class Attempt:
    """A sign-in being tried, counted as a failure until it succeeds."""

    keys: list[str]
    from_known_device: bool
    rows: list[LoginFailure] = field(default_factory=list)


def _digest(kind: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def _devices() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="vernetzt.device")


def _window() -> timedelta:
    return timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW"])


def _device_nonce(account: str) -> str | None:
    """The nonce of this browser's device cookie when it is valid for ``account``."""
    try:
        data = _devices().loads(request.cookies.get(DEVICE_COOKIE, ""),
                                max_age=current_app.config["DEVICE_COOKIE_MAX_AGE"])
    except BadSignature:
        return None
    if not isinstance(data, dict) or not hmac.compare_digest(str(data.get("account", "")), account):
        return None
    return str(data.get("nonce", "")) or None


def record_attempt(email: str) -> Attempt:
    """Count a sign-in for ``email`` from this browser as failed until ``forget_attempt``; flushes.

    Rows older than the window are pruned on the way. The caller commits before
    checking the password, so that attempts running at the same time in other
    workers count as well.
    """
    account = _digest("account", normalise_email(email))
    nonce = _device_nonce(account)
    keys = [_digest("device", nonce)] if nonce else [account, _digest("address", request.remote_addr or "")]
    now = utcnow()
    attempt = Attempt(keys=keys, from_known_device=nonce is not None,
                      rows=[LoginFailure(key=key, failed_at=now) for key in keys])
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.failed_at < now - _window()),
                       execution_options={"synchronize_session": False})
    db.session.add_all(attempt.rows)
    db.session.flush()
    return attempt


def is_refused(attempt: Attempt) -> bool:
    """Whether one of the attempt's keys has more failures in the window than the limit allows."""
    counts = db.session.execute(
        sa.select(sa.func.count()).select_from(LoginFailure)
        .where(LoginFailure.key.in_(attempt.keys), LoginFailure.failed_at >= utcnow() - _window())
        .group_by(LoginFailure.key)
    ).scalars()
    return any(count > current_app.config["LOGIN_FAILURE_LIMIT"] for count in counts)


def forget_attempt(attempt: Attempt) -> None:
    """Stop counting the attempt: it succeeded, or it was refused without a password check."""
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.id.in_([row.id for row in attempt.rows])),
                       execution_options={"synchronize_session": False})


def wait_minutes() -> int:
    """How long a refused browser waits, in whole minutes."""
    return max(1, math.ceil(current_app.config["LOGIN_FAILURE_WINDOW"] / 60))


def remember_device(response: BaseResponse, email: str) -> BaseResponse:
    """Give this browser a fresh device cookie for the account it just signed in to."""
    value = _devices().dumps({"account": _digest("account", normalise_email(email)),
                              "nonce": secrets.token_urlsafe(16)})
    response.set_cookie(DEVICE_COOKIE, value, max_age=current_app.config["DEVICE_COOKIE_MAX_AGE"],
                        path=url_for("auth.login"), secure=current_app.config["SESSION_COOKIE_SECURE"],
                        httponly=True, samesite="Lax")
    return response
