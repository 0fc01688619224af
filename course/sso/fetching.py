"""Reaching an OpenID provider: discovery, its keys and its token endpoint, only at public https addresses.

The addresses come from an administrator and from the provider's discovery document, so each is checked the way
the event wall checks a Mastodon server's name: https, a host that resolves to public addresses only, no
redirects followed, a timeout. Plain http to this machine is allowed only with SSO_ALLOW_INSECURE_LOCALHOST (for
trying Vernetzt with a provider on the same machine, and for the tests).
"""
import time
from threading import Lock
from urllib.parse import urlsplit

import requests
from flask import current_app
from flask_babel import lazy_gettext as _l

from course.events.sources.mastodon import is_public_host

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
_cache: dict[str, tuple[float, dict]] = {}
_cache_lock = Lock()


class ProviderUnreachable(Exception):
    """The provider could not be asked or answered with an error; the message names no secret."""


def address_problem(url: str) -> str | None:
    """Why Vernetzt will not call ``url``, in plain words for the administrator; None when it may."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or parts.username or parts.password or "\\" in url:
        return str(_l("This is not a web address."))
    is_local = host in LOCAL_HOSTS and current_app.config["SSO_ALLOW_INSECURE_LOCALHOST"]
    if parts.scheme != "https" and not (parts.scheme == "http" and is_local):
        return str(_l("The address must start with https://."))
    if not is_local and not is_public_host(host):
        return str(_l("The address is not on the public internet."))
    return None


def _checked(url: str) -> str:
    problem = address_problem(url)
    if problem is not None:
        raise ProviderUnreachable(f"refused address {urlsplit(url).netloc}: {problem}")
    return url


def get_json(url: str, *, cache: bool = True) -> dict:
    """The JSON object at ``url``, from a short-lived cache when it was fetched a moment ago."""
    ttl = current_app.config["SSO_CACHE_SECONDS"]
    with _cache_lock:
        cached = _cache.get(url)
    if cache and cached is not None and cached[0] > time.monotonic():
        return cached[1]
    try:
        response = requests.get(_checked(url), timeout=current_app.config["SSO_TIMEOUT"], allow_redirects=False)
    except requests.RequestException as error:
        raise ProviderUnreachable(f"{type(error).__name__} for {urlsplit(url).netloc}") from None
    if response.status_code != 200:
        raise ProviderUnreachable(f"HTTP {response.status_code} from {urlsplit(url).netloc}")
    try:
        document = response.json()
    except ValueError:
        raise ProviderUnreachable(f"no JSON from {urlsplit(url).netloc}") from None
    if not isinstance(document, dict):
        raise ProviderUnreachable(f"no JSON object from {urlsplit(url).netloc}")
    with _cache_lock:
        _cache[url] = (time.monotonic() + ttl, document)
    return document


def discover(issuer: str) -> dict:
    """The provider's discovery document, checked: it names this issuer and usable endpoints."""
    document = get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
    if not isinstance(document.get("issuer"), str) or document["issuer"].rstrip("/") != issuer.rstrip("/"):
        raise ProviderUnreachable("the discovery document names another issuer")
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        value = document.get(name)
        if not isinstance(value, str) or address_problem(value) is not None:
            raise ProviderUnreachable(f"unusable {name}")
    return document


def signing_keys(document: dict, *, fresh: bool = False) -> dict:
    """The provider's key set (JWKS); ``fresh`` asks again, for a key the cached set does not have yet."""
    return get_json(document["jwks_uri"], cache=not fresh)


def checked_url(url: str) -> str:
    """``url`` if Vernetzt may call it, else ProviderUnreachable."""
    return _checked(url)


def forget_cache() -> None:
    """Drop every cached document (after the settings change, and between tests)."""
    with _cache_lock:
        _cache.clear()
