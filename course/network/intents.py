"""The platforms' own compose screens, opened with the text filled in; the person posts it there.

Each URL is the platform's documented share or post intent; the text is percent-encoded in full.
Nothing is posted on anyone's behalf and no account token is ever needed or kept.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from course.text.platforms import PLATFORMS, measure

# LinkedIn documents no way to prefill a post's text: the person copies it and opens the share screen.
COPY_FIRST = frozenset({"linkedin"})
LINKEDIN_SHARE = "https://www.linkedin.com/feed/?shareActive=true"
LINKEDIN_SHARE_LINK = "https://www.linkedin.com/sharing/share-offsite/"


@dataclass(frozen=True)
class Intent:
    platform: str
    url: str | None  # None when the text is over the limit or the person's server is unknown
    copy_first: bool  # the text must be copied and pasted on the platform


def _query(**parameters: str) -> str:
    return urlencode(parameters, quote_via=quote, safe="")


def compose_url(platform: str, text: str, *, mastodon_host: str | None = None, link: str | None = None) -> str | None:
    """The compose screen of ``platform`` with ``text``, or None where there is none to open."""
    if platform == "x":
        return "https://x.com/intent/post?" + _query(text=text)
    if platform == "bluesky":
        return "https://bsky.app/intent/compose?" + _query(text=text)
    if platform == "threads":
        return "https://www.threads.net/intent/post?" + _query(text=text)
    if platform == "mastodon":
        return f"https://{mastodon_host}/share?" + _query(text=text) if mastodon_host else None
    if platform == "linkedin":
        return LINKEDIN_SHARE_LINK + "?" + _query(url=link) if link else LINKEDIN_SHARE
    return None


def first_link(text: str) -> str | None:
    """The first web link in ``text``: what LinkedIn's share screen can be given."""
    for word in text.split():
        if word.startswith(("https://", "http://")):
            return word.rstrip(".,;:!?)")
    return None


def fits(platform: str, text: str) -> bool:
    """Whether ``text`` is within ``platform``'s limit, counted as the platform counts."""
    found = PLATFORMS[platform]
    return not measure(text, found.counting, found.limit).is_over


def intent_for(platform: str, text: str, *, mastodon_host: str | None = None, link: str | None = None) -> Intent:
    """How to put ``text`` on ``platform``: never a prefilled screen with more than the platform takes."""
    url = compose_url(platform, text, mastodon_host=mastodon_host, link=link) if fits(platform, text) else None
    return Intent(platform, url, platform in COPY_FIRST)
