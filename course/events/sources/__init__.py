"""Public posts under an event's hashtag from outside Vernetzt: Mastodon (Mastodon.py) and Bluesky (atproto)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class OutsidePost:
    external_id: str  # the platform's own id: a Mastodon status URI, a Bluesky at:// URI
    author: str  # the public handle, as the platform shows it
    text: str
    url: str
    posted_at: datetime


class SourceUnavailable(Exception):
    """The platform did not answer, or answered with an error; try again at ``retry_at``."""

    def __init__(self, message: str, retry_at: datetime):
        super().__init__(message)
        self.retry_at = retry_at
