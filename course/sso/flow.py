"""The authorization code flow with state, nonce and PKCE (S256), by Authlib's OAuth2Session.

What the callback needs to check the answer (state, nonce, the PKCE verifier, the provider and where to go next)
waits in the signed session cookie of the browser that started the sign-in, and is used once.
"""
from dataclasses import dataclass

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from flask import current_app, session

from course.links import external_url
from course.sso import fetching, idtoken
from course.sso.models import IdentityProvider
from course.sso.secret_box import decrypt_secret

SESSION_KEY = "sso"
SCOPES = "openid email profile"


class FlowFailed(Exception):
    """The sign-in could not be finished; ``reason`` is for the log (no token, no secret), ``problem`` tells the
    person whether their provider is unreachable or the answer was not acceptable."""

    def __init__(self, reason: str, *, provider_down: bool = False):
        super().__init__(reason)
        self.provider_down = provider_down


@dataclass(frozen=True)
class Finished:
    provider_id: int
    claims: dict
    next_url: str | None


def _client(provider: IdentityProvider) -> OAuth2Session:
    secret = decrypt_secret(provider.client_secret_encrypted)
    if secret is None:
        raise FlowFailed("the client secret cannot be read: SECRET_KEY has changed since it was saved")
    return OAuth2Session(provider.client_id, secret, scope=SCOPES, redirect_uri=external_url("sso.callback"),
                         code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")


def start(provider: IdentityProvider, email: str, next_url: str | None) -> str:
    """The provider's authorization URL for this browser, remembering what the callback will check."""
    try:
        document = fetching.discover(provider.issuer)
    except fetching.ProviderUnreachable as error:
        raise FlowFailed(str(error), provider_down=True) from None
    state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
    url, _state = _client(provider).create_authorization_url(
        document["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier, login_hint=email)
    session[SESSION_KEY] = {"provider": provider.id, "state": state, "nonce": nonce, "verifier": verifier,
                            "next": next_url}
    return url


def pending_provider_id() -> int | None:
    """The provider this browser's started sign-in is with, if there is one."""
    pending = session.get(SESSION_KEY)
    return pending.get("provider") if isinstance(pending, dict) else None


def finish(provider: IdentityProvider, args: dict) -> Finished:
    """The validated claims of the person the provider's answer ``args`` (the callback's query) stands for."""
    pending = session.pop(SESSION_KEY, None)
    if not isinstance(pending, dict) or pending.get("provider") != provider.id:
        raise FlowFailed("no sign-in was started in this browser")
    if not args.get("state") or args.get("state") != pending["state"]:
        raise FlowFailed("state mismatch")
    if args.get("error"):
        raise FlowFailed(f"the provider answered {str(args['error'])[:80]}")
    if not args.get("code"):
        raise FlowFailed("no code in the answer")
    try:
        document = fetching.discover(provider.issuer)
        token = _client(provider).fetch_token(
            fetching.checked_url(document["token_endpoint"]), code=args["code"], code_verifier=pending["verifier"],
            timeout=current_app.config["SSO_TIMEOUT"], allow_redirects=False)
    except fetching.ProviderUnreachable as error:
        raise FlowFailed(str(error), provider_down=True) from None
    except OAuthError as error:
        raise FlowFailed(f"token endpoint: {error.error}") from None
    except requests.RequestException as error:
        raise FlowFailed(f"token endpoint: {type(error).__name__}", provider_down=True) from None
    except ValueError as error:  # an answer that is not JSON
        raise FlowFailed(f"token endpoint: {type(error).__name__}") from None
    try:
        claims = idtoken.validate_id_token(token.get("id_token"), document, client_id=provider.client_id,
                                           nonce=pending["nonce"])
    except idtoken.TokenRefused as error:
        raise FlowFailed(f"ID token refused: {error}") from None
    return Finished(provider.id, claims, pending.get("next"))
