"""A Mastodon server's public tag timeline (GET /api/v1/timelines/tag/:hashtag) through Mastodon.py.

Mastodon.py is told to raise on the rate limit (``ratelimit_method="throw"``) instead of sleeping in the
worker; the reset time it read from the server's X-RateLimit-Reset header says when to ask again.
"""
from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import nh3

from course.events.sources import OutsidePost, SourceUnavailable

RETRY_AFTER_ERROR = timedelta(minutes=5)
PAGE = 40  # the most a tag timeline gives per request

_BREAKS = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.IGNORECASE)


def plain_text(content: str) -> str:
    """A status's HTML as the plain text the wall shows: paragraphs and breaks as new lines, no markup."""
    text = nh3.clean(_BREAKS.sub("\n", content), tags=set())
    return html.unescape(text).strip()


def fetch_tag(base_url: str, tag: str, since_id: str | None, timeout: int) -> tuple[list[OutsidePost], str | None]:
    """New public, original posts under ``tag`` since ``since_id``, oldest first, and the id to ask from next."""
    from mastodon import Mastodon, MastodonError, MastodonRatelimitError

    api = Mastodon(api_base_url=base_url, ratelimit_method="throw", version_check_mode="none",
                   request_timeout=timeout)
    now = datetime.now(UTC)
    try:
        statuses = api.timeline_hashtag(tag, since_id=since_id, limit=PAGE)
    except MastodonRatelimitError:
        reset = getattr(api, "ratelimit_reset", None)
        retry = datetime.fromtimestamp(reset, UTC) if reset else now + RETRY_AFTER_ERROR
        raise SourceUnavailable("rate limited", max(retry, now + timedelta(seconds=30))) from None
    except MastodonError as error:
        raise SourceUnavailable(f"{type(error).__name__}: {error}", now + RETRY_AFTER_ERROR) from None
    posts = []
    for status in statuses:
        if status.get("reblog") or status.get("visibility") != "public" or status.get("spoiler_text"):
            continue  # boosts repeat others, content warnings are not for a wall
        account = status["account"]
        posts.append(OutsidePost(status["uri"], f"@{account['acct']}", plain_text(status["content"]),
                                 status.get("url") or status["uri"], _aware(status["created_at"])))
    newest = max((str(status["id"]) for status in statuses), key=lambda value: (len(value), value), default=since_id)
    return sorted(posts, key=lambda post: post.posted_at), newest


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
