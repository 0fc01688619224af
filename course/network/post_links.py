"""Checking that a pasted link is a live post on that platform, and by that person where the link shows it."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from flask_babel import lazy_gettext as _l

from course.network.addresses import HOST, MASTODON_USER, THREADS_HANDLE, X_HANDLE, parse_mastodon

_EXAMPLES = {
    "x": "https://x.com/anna_beispiel/status/1850000000000000000",
    "bluesky": "https://bsky.app/profile/anna.bsky.social/post/3kabc2def3ghi",
    "mastodon": "https://chaos.social/@anna/113000000000000000",
    "threads": "https://www.threads.net/@anna.beispiel/post/C8abcDEFghi",
    "linkedin": "https://www.linkedin.com/posts/anna-beispiel_activity-7250000000000000000-AbCd",
    "blog": "https://anna-beispiel.de/2026/mein-erster-beitrag",
}
_PLATFORM_NAMES = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon", "threads": "Threads",
                   "linkedin": "LinkedIn", "blog": _l("your blog")}

_X = re.compile(rf"^/(?P<handle>{X_HANDLE})/status/[0-9]{{1,25}}/?$", re.IGNORECASE)
_BLUESKY = re.compile(rf"^/profile/(?P<handle>{HOST}|did:plc:[a-z2-7]{{24}})/post/[a-z2-7]{{13}}/?$")
_MASTODON = (re.compile(rf"^/@(?P<user>{MASTODON_USER})/[0-9]{{1,25}}/?$", re.IGNORECASE),
             re.compile(rf"^/users/(?P<user>{MASTODON_USER})/statuses/[0-9]{{1,25}}/?$", re.IGNORECASE))
_THREADS = re.compile(rf"^/@(?P<handle>{THREADS_HANDLE})/post/[A-Za-z0-9_-]{{5,40}}/?$", re.IGNORECASE)
_LINKEDIN = (re.compile(r"^/posts/[A-Za-z0-9\-_%]+-[0-9]{10,25}-[A-Za-z0-9_-]{2,10}/?$"),
             re.compile(r"^/feed/update/urn:li:(?:activity|share|ugcPost):[0-9]{10,25}/?$"))


class PostLinkError(ValueError):
    """Not a post link of that platform (or of that person); the message says what one looks like."""


def _not_a_post(platform: str) -> PostLinkError:
    return PostLinkError(_l("This is not a link to a post on %(platform)s. Open your post there, copy its address "
                            "and paste it here. It looks like this: %(example)s",
                            platform=_PLATFORM_NAMES[platform], example=_EXAMPLES[platform]))


def _not_yours(platform: str, handle: str) -> PostLinkError:
    return PostLinkError(_l("This post on %(platform)s is by %(handle)s, not by the account you added under "
                            "“Where I am online”. Paste the link of your own post, or correct your address there.",
                            platform=_PLATFORM_NAMES[platform], handle=handle))


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def check_post_link(platform: str, link: str, address: str | None) -> str:
    """The cleaned link of a post on ``platform``; ``address`` is the person's presence there, if any.

    Raises PostLinkError when the link is not a post URL of the platform, or when it names another
    account than ``address``. Query and fragment are dropped: they carry tracking, not the post.
    """
    link = link.strip()
    if not re.match(r"^https://", link, re.IGNORECASE) or any(c.isspace() for c in link) or len(link) > 500:
        raise _not_a_post(platform)
    parts = urlsplit(link)
    host, path = (parts.hostname or "").lower(), parts.path
    # Only a bare host: a browser reads "\\", a user name or a port differently from Python, so the host checked
    # here could be another than the one the link opens.
    if "\\" in link or parts.netloc.lower() != host:
        raise _not_a_post(platform)
    cleaned = urlunsplit(("https", host, path, "", ""))
    if platform == "blog":
        if not re.fullmatch(HOST, host):
            raise _not_a_post(platform)
        return cleaned
    handle = _handle_in(platform, host, path)
    if platform == "mastodon" and address is None:
        raise PostLinkError(_l("Add your Mastodon address under “Where I am online” first: a Mastodon post is "
                               "checked against your own server."))
    if address is not None and handle is not None:
        if platform == "mastodon":
            own = parse_mastodon(address)
            if not (_same(own.host, host) and _same(own.user, handle)):
                raise _not_yours(platform, f"@{handle}@{host}")
        elif not handle.startswith("did:") and not _same(handle, address):
            raise _not_yours(platform, f"@{handle}")
    return cleaned


def _handle_in(platform: str, host: str, path: str) -> str | None:
    """The account a post URL names (None where the URL shows none); raises PostLinkError if it is no post URL."""
    bare = host.removeprefix("www.").removeprefix("mobile.")
    match = None
    if platform == "x" and bare in ("x.com", "twitter.com"):
        match = _X.match(path)
    elif platform == "bluesky" and bare == "bsky.app":
        match = _BLUESKY.match(path)
    elif platform == "threads" and bare in ("threads.net", "threads.com"):
        match = _THREADS.match(path)
    elif platform == "mastodon" and re.fullmatch(HOST, host):
        match = _MASTODON[0].match(path) or _MASTODON[1].match(path)
        if match:
            return match["user"]
    elif platform == "linkedin" and re.fullmatch(r"(?:[a-z]{2,3}\.|www\.)?linkedin\.com", host):
        if _LINKEDIN[0].match(path) or _LINKEDIN[1].match(path):
            return None
    if match is None:
        raise _not_a_post(platform)
    return match["handle"]
