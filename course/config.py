"""Configuration defaults and the environment variables that override them.

Order of precedence (last wins): the defaults below, ``instance/config.py``,
environment variables, and the ``test_config`` mapping given to ``create_app``.
"""
import os
from collections.abc import Callable, Mapping
from typing import Any

# Defaults. SECRET_KEY has none on purpose: `make run` writes a random one into
# instance/config.py, and production sets it through the environment.
SECRET_KEY = None
SQLALCHEMY_DATABASE_URI = None  # None: SQLite file in the instance folder
SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
SQLITE_BUSY_TIMEOUT_MS = 5000

LESSONS_PATH = None  # None: the lessons/ folder of the project

BASE_URL = "http://127.0.0.1:5000"  # for links in mail sent outside a request (CLI)
TRUSTED_PROXIES = 0  # number of reverse proxies in front of the app (X-Forwarded-*)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = None  # None: secure unless debugging or testing
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
LOGIN_SESSION_MAX_IDLE = 60 * 60 * 24 * 30  # a sign-in not used for this long (seconds) has ended

WTF_CSRF_TIME_LIMIT = 60 * 60 * 8

# The largest request body accepted, in bytes; a larger one gets the 413 page before anything reads it.
# 2 MB holds the longest texts the forms accept and a 1 MB CSV of people with room to spare.
MAX_CONTENT_LENGTH = 2 * 1024 * 1024

BABEL_DEFAULT_LOCALE = "en"
BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
LANGUAGES = ("en", "de")

PASSWORD_MIN_LENGTH = 10
ARGON2_TIME_COST = 3
ARGON2_MEMORY_COST_KIB = 65536
ARGON2_PARALLELISM = 2

PASSWORD_RESET_MAX_AGE = 60 * 60
INVITATION_MAX_AGE = 60 * 60 * 24 * 14

# Failed sign-ins allowed per window for one account or one address from browsers that have not signed
# in to the account before, and for one browser that has (its device cookie); counted in the database.
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW = 60  # seconds
DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
# Flask-Limiter's store, for the autosave and live-preview limits; `redis://…` shares them between servers.
RATELIMIT_STORAGE_URI = "memory://"
RATELIMIT_HEADERS_ENABLED = False

# Every message is written to the outbox table; the worker delivers it by MAIL_BACKEND:
# "smtp" (the default when MAIL_SERVER is set), "console" (printed where the worker runs, for trying
# Vernetzt locally) or "app" (the default without MAIL_SERVER: read in Vernetzt only).
MAIL_BACKEND = None
MAIL_SERVER = None
MAIL_PORT = 587
MAIL_USERNAME = None
MAIL_PASSWORD = None
MAIL_USE_TLS = True
MAIL_USE_SSL = False
MAIL_DEFAULT_SENDER = "Vernetzt <no-reply@vernetzt.invalid>"
MAIL_TIMEOUT = 10
MAIL_MAX_ATTEMPTS = 8  # then the message is marked failed; the outbox says why
MAIL_RETRY_SECONDS = 60  # first wait after a failed try, doubling up to an hour
MAIL_CLAIM_TIMEOUT = 120  # a message claimed longer ago than this belonged to a worker that died

# Where the worker's queue lives: None keeps it beside the database (a SQLite file in the
# instance folder, or tables in the same PostgreSQL database); redis://… for Redis.
TASK_QUEUE_URL = None

# Public posts under an event's hashtag, fetched by the worker: a Mastodon server is reached at
# MASTODON_URL_SCHEME://<server>, Bluesky's public search through BLUESKY_APPVIEW_URL.
MASTODON_URL_SCHEME = "https"
BLUESKY_APPVIEW_URL = "https://public.api.bsky.app"
SOCIAL_FETCH_TIMEOUT = 10  # seconds per request
# Whether the worker may ask a Mastodon server whose name resolves to a private, loopback or link-local address:
# never in production (an event's server name must not reach the machines behind the firewall).
SOCIAL_FETCH_PRIVATE_ADDRESSES = False

# Single sign-on (course/sso): seconds to wait for an identity provider, how long its discovery document and
# keys are kept, and whether a provider may be reached by plain http on this machine (127.0.0.1, localhost): only
# for trying Vernetzt with a provider on the same machine, never in production.
SSO_TIMEOUT = 10
SSO_CACHE_SECONDS = 300
SSO_ALLOW_INSECURE_LOCALHOST = False
# Sign-ins started from one address per minute (Flask-Limiter's syntax).
SSO_START_LIMIT = "20 per minute"

# The accessibility statement (/accessibility) names this address for reporting barriers; None names the people who
# run Vernetzt for the organisation instead.
ACCESSIBILITY_CONTACT = None


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Environment variable -> (config key, converter).
ENVIRONMENT: Mapping[str, tuple[str, Callable[[str], Any]]] = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "BASE_URL": ("BASE_URL", str),
    "TRUSTED_PROXIES": ("TRUSTED_PROXIES", int),
    "MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", _flag),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "TASK_QUEUE_URL": ("TASK_QUEUE_URL", str),
    "BLUESKY_APPVIEW_URL": ("BLUESKY_APPVIEW_URL", str),
    "MAIL_BACKEND": ("MAIL_BACKEND", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", _flag),
    "MAIL_USE_SSL": ("MAIL_USE_SSL", _flag),
    "MAIL_DEFAULT_SENDER": ("MAIL_DEFAULT_SENDER", str),
    "MAIL_TIMEOUT": ("MAIL_TIMEOUT", int),
    "MAIL_MAX_ATTEMPTS": ("MAIL_MAX_ATTEMPTS", int),
    "MAIL_RETRY_SECONDS": ("MAIL_RETRY_SECONDS", int),
    "MAIL_CLAIM_TIMEOUT": ("MAIL_CLAIM_TIMEOUT", int),
    "ACCESSIBILITY_CONTACT": ("ACCESSIBILITY_CONTACT", str),
    "SSO_ALLOW_INSECURE_LOCALHOST": ("SSO_ALLOW_INSECURE_LOCALHOST", _flag),
}


def from_environment(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Return the configuration values set through environment variables."""
    values = {}
    for name, (key, convert) in ENVIRONMENT.items():
        raw = environ.get(name)
        if raw not in (None, ""):
            values[key] = convert(raw)
    return values


def normalise_database_url(url: str) -> str:
    """Let ``postgres://`` and ``postgresql://`` URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
