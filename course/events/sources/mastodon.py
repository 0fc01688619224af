"""A Mastodon server's public tag timeline (GET /api/v1/timelines/tag/:hashtag) through Mastodon.py.

Mastodon.py is told to raise on the rate limit (``ratelimit_method="throw"``) instead of sleeping in the
worker; the reset time it read from the server's X-RateLimit-Reset header says when to ask again.
"""
from __future__ import annotations

import html
import ipaddress
import re
import socket
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import nh3

from course.events.sources import OutsidePost, SourceUnavailable

RETRY_AFTER_ERROR = timedelta(minutes=5)
PAGE = 40  # the most a tag timeline gives per request
STATUS_ID = re.compile(r"^[0-9]{1,30}$")  # Mastodon's ids are numbers (Snowflake-like), sent as strings

_BREAKS = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.IGNORECASE)


def plain_text(content: str) -> str:
    """A status's HTML as the plain text the wall shows: paragraphs and breaks as new lines, no markup."""
    text = nh3.clean(_BREAKS.sub("\n", content), tags=set())
    return html.unescape(text).strip()


def is_public_host(host: str) -> bool:
    """Whether every address ``host`` (a name, perhaps with a port) resolves to is on the public internet."""
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(name, None)}
    except (OSError, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


def _web_link(value: object) -> str | None:
    """``value`` if it is an https link with a host, as a wall may offer it; None for anything else."""
    if not isinstance(value, str) or len(value) > 500:
        return None
    parts = urlsplit(value)
    return value if parts.scheme == "https" and parts.hostname and "\\" not in value else None


def fetch_tag(base_url: str, tag: str, since_id: str | None, timeout: int) -> tuple[list[OutsidePost], str | None]:
    """New public, original posts under ``tag`` since ``since_id``, oldest first, and the id to ask from next.

    Redirects are not followed: the server named for the event answers itself, or not at all.
    """
    import requests
    from mastodon import Mastodon, MastodonError, MastodonRatelimitError

    session = requests.Session()
    session.max_redirects = 0
    api = Mastodon(api_base_url=base_url, ratelimit_method="throw", version_check_mode="none",
                   request_timeout=timeout, session=session)
    now = datetime.now(UTC)
    try:
        statuses = api.timeline_hashtag(tag, since_id=since_id, limit=PAGE)
    except MastodonRatelimitError:
        reset = getattr(api, "ratelimit_reset", None)
        retry = datetime.fromtimestamp(reset, UTC) if reset else now + RETRY_AFTER_ERROR
        raise SourceUnavailable("rate limited", max(retry, now + timedelta(seconds=30))) from None
    except MastodonError as error:
        raise SourceUnavailable(f"{type(error).__name__}: {error}", now + RETRY_AFTER_ERROR) from None
    except requests.RequestException as error:
        raise SourceUnavailable(f"{type(error).__name__}", now + RETRY_AFTER_ERROR) from None
    posts = []
    ids = []
    for status in statuses:
        try:
            if STATUS_ID.match(str(status["id"])):
                ids.append(str(status["id"]))
            if status.get("reblog") or status.get("visibility") != "public" or status.get("spoiler_text"):
                continue  # boosts repeat others, content warnings are not for a wall
            link = _web_link(status.get("url")) or _web_link(status["uri"])
            if link is None:
                continue  # a post the wall could not link to honestly
            posts.append(OutsidePost(str(status["uri"])[:500], f"@{status['account']['acct']}"[:200],
                                     plain_text(str(status["content"])), link, _aware(status["created_at"])))
        except (KeyError, TypeError, ValueError):
            continue  # a status not in the documented shape
    newest = max(ids, key=lambda value: (len(value), value), default=since_id)
    return sorted(posts, key=lambda post: post.posted_at), newest


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
