"""The wall in the hall: the event's approved posts, how to join, and a QR code of the hashtag's page."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

import segno
from markupsafe import Markup

from course.events import queries
from course.events.models import Event, PostState, WallPost

REFRESH_SECONDS = 4  # the wall asks for news this often: an approval shows within 10 s


def hashtag_url(event: Event) -> str:
    """Where the hashtag's posts can be read: the chosen Mastodon server's tag page, else Bluesky's."""
    if event.mastodon_server:
        return f"https://{event.mastodon_server}/tags/{quote(event.tag)}"
    return f"https://bsky.app/hashtag/{quote(event.tag)}"


@lru_cache(maxsize=64)
def qr_svg(url: str) -> Markup:
    """The QR code of ``url`` as inline SVG, dark on light, as every scanner reads it (segno: a well-kept, pure-Python encoder)."""
    code = segno.make(url, error="m")
    return Markup(code.svg_inline(dark="#0b1416", light="#ffffff", border=3, omitsize=True))


@dataclass(frozen=True)
class WallPostView:
    id: int
    author: str
    text: str
    is_pinned: bool


@dataclass(frozen=True)
class WallPage:
    event: Event
    posts: list[WallPostView]
    version: int
    blanked: bool
    join_url: str
    refresh_seconds: int = REFRESH_SECONDS

    @property
    def qr(self) -> Markup:
        return qr_svg(self.join_url)


def _view(post: WallPost, author: str) -> WallPostView:
    return WallPostView(post.id, author, post.text, post.state == PostState.PINNED)


def wall_page(event: Event) -> WallPage:
    """What the wall shows now; nothing but the hashtag while the kill switch is on."""
    posts = [] if event.wall_blanked else [_view(post, author) for post, author in queries.wall_posts(event)]
    return WallPage(event, posts, event.wall_version, event.wall_blanked, hashtag_url(event))
