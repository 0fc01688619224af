"""Bluesky's public post search (app.bsky.feed.searchPosts on the public AppView) through the atproto client."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from course.events.sources import OutsidePost, SourceUnavailable

RETRY_AFTER_ERROR = timedelta(minutes=5)
PAGE = 50


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def search_tag(appview_url: str, tag: str, timeout: int) -> list[OutsidePost]:
    """The latest public posts carrying ``#tag``, oldest first."""
    from atproto import Client
    from atproto_client.exceptions import AtProtocolError, RateLimitExceededError
    from atproto_client.request import Request

    request = Request(timeout=timeout)
    client = Client(base_url=appview_url, request=request)
    now = datetime.now(UTC)
    try:
        found = client.app.bsky.feed.search_posts(params={"q": f"#{tag}", "sort": "latest", "limit": PAGE})
    except RateLimitExceededError as error:
        raise SourceUnavailable("rate limited", error.reset_at or now + RETRY_AFTER_ERROR) from None
    except AtProtocolError as error:
        raise SourceUnavailable(f"{type(error).__name__}: {error}", now + RETRY_AFTER_ERROR) from None
    finally:
        request.close()
    posts = []
    for post in found.posts:
        text = getattr(post.record, "text", None)
        if not text:
            continue
        rkey = post.uri.rsplit("/", 1)[-1]
        posts.append(OutsidePost(post.uri, f"@{post.author.handle}", text,
                                 f"https://bsky.app/profile/{post.author.handle}/post/{rkey}",
                                 _moment(post.record.created_at)))
    return sorted(posts, key=lambda post: post.posted_at)
