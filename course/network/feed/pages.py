"""A cohort's feed: what its members published, newest first, and the colleagues' posts still to answer."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort

from course.accounts.models import User
from course.cohorts.models import Cohort
from course.network.addresses import shown_handle
from course.network.models import ShownAs
from course.network.queries import FeedItem, Viewer, feed, replied_ids, to_support, viewer_of
from course.text.platforms import PLATFORMS

PAGE_SIZE = 30
LAST_PAGE = 10_000  # further back than anyone pages; a larger number is read as this one
# Platforms whose post links show the author's handle: there a handle beside the post reveals nothing more. A
# LinkedIn profile or a website may be hidden from the cohort, so a post there shows initials instead.
HANDLE_IN_POST_LINK = frozenset({"x", "bluesky", "threads", "mastodon"})
SUPPORT_SIZE = 5


def initials(name: str) -> str:
    """"Anna Maria Beispiel" -> "A. M. B."."""
    return " ".join(f"{word[0]}." for word in name.split() if word[:1].isalpha()) or "?"


def author_label(item: FeedItem) -> str:
    """The author as they chose to appear: name, handle on the post's platform, or initials."""
    name = item.publication.author.name
    if item.shown_as == ShownAs.INITIALS:
        return initials(name)
    if item.shown_as == ShownAs.HANDLE and item.author_address and item.publication.platform in HANDLE_IN_POST_LINK:
        return shown_handle(item.publication.platform, item.author_address)
    return name if item.shown_as != ShownAs.HANDLE else initials(name)


@dataclass(frozen=True)
class Post:
    id: int
    author: str
    platform: str
    text: str
    url: str
    published_at: datetime
    is_mine: bool
    replied: bool


@dataclass(frozen=True)
class FeedPage:
    cohort: Cohort
    posts: list[Post]
    to_support: list[Post]
    may_answer: bool  # a member of an open cohort: ticks "I replied"
    older_page: int | None
    newer_page: int | None


def may_read_feed(viewer: Viewer, cohort: Cohort) -> bool:
    return viewer.is_staff or viewer.is_member or cohort.feed_open_to_organisation


def _posts(items: list[FeedItem], user: User, replied: set[int]) -> list[Post]:
    return [Post(item.publication.id, author_label(item), PLATFORMS[item.publication.platform].name,
                 item.publication.text, item.publication.url, item.publication.published_at,
                 item.publication.user_id == user.id, item.publication.id in replied) for item in items]


def feed_page(user: User, cohort: Cohort, page: int) -> FeedPage:
    """Page ``page`` (from 1) of the feed; 403 for a colleague outside the cohort while it is not open to them."""
    page = min(max(page, 1), LAST_PAGE)
    viewer = viewer_of(user, cohort)
    if not may_read_feed(viewer, cohort):
        abort(403)
    items = feed(cohort, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    may_answer = viewer.is_member and not cohort.is_closed
    support = to_support(user, cohort, limit=SUPPORT_SIZE) if may_answer else []
    replied = replied_ids(user, [item.publication.id for item in items[:PAGE_SIZE]])
    return FeedPage(cohort, _posts(items[:PAGE_SIZE], user, replied), _posts(support, user, set()), may_answer,
                    page + 1 if len(items) > PAGE_SIZE else None, page - 1 if page > 1 else None)
