"""Login throttling: failed sign-ins are counted per account and per address."""
from flask import Response, current_app, request
from flask_limiter.util import get_remote_address

from course.accounts.services import normalise_email
from course.extensions import limiter


def _failure_limit() -> str:
    return current_app.config["LOGIN_FAILURE_LIMIT"]


def _account_key() -> str:
    email = normalise_email(request.form.get("email", ""))
    # An empty key makes the limiter skip this limit; the address limit still holds.
    return f"login-account:{email}" if email else ""


def _address_key() -> str:
    return f"login-address:{get_remote_address()}"


def _is_failure(response: Response) -> bool:
    # A successful sign-in redirects; anything else counts against the limits.
    return response.status_code not in (302, 303)


def throttle_failures(view):
    """Refuse with 429 after too many failed sign-ins for one account or one address."""
    for key_func in (_account_key, _address_key):
        view = limiter.limit(
            _failure_limit, key_func=key_func, methods=["POST"], deduct_when=_is_failure
        )(view)
    return view
