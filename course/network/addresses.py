"""A person's address on each platform: read in the forms people paste, stored in one form, linked.

``parse_address`` accepts what people copy from their profile (a handle with or without ``@``, or the
profile's URL) and returns the platform's own form: ``@name@server`` for Mastodon, the handle for
Bluesky, X and Threads, the profile URL for LinkedIn and a website. ``profile_url`` turns it back into
a link; a Mastodon address is linked through the person's own server.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from flask_babel import lazy_gettext as _l

# Presences, in the order the form shows them; the keys are those of course.text.platforms.
PRESENCE_PLATFORMS = ("mastodon", "bluesky", "linkedin", "x", "threads", "blog")
PRESENCE_LABELS = {
    "mastodon": _l("Mastodon address"),
    "bluesky": _l("Bluesky handle"),
    "linkedin": _l("LinkedIn profile"),
    "x": _l("X handle"),
    "threads": _l("Threads handle"),
    "blog": _l("Blog or website"),
}
PRESENCE_EXAMPLES = {
    "mastodon": "@anna@chaos.social",
    "bluesky": "anna.bsky.social",
    "linkedin": "https://www.linkedin.com/in/anna-beispiel",
    "x": "@anna_beispiel",
    "threads": "@anna.beispiel",
    "blog": "https://anna-beispiel.de",
}

# A host name: labels of letters, digits and hyphens, and a top-level domain of letters (or punycode).
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST = rf"(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})"
_HOST_RE = re.compile(rf"^{HOST}$")
# Mastodon's username rule (Account::USERNAME_RE): letters, digits, underscores, dots and hyphens inside.
MASTODON_USER = r"[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?"
_MASTODON = re.compile(rf"^@?(?P<user>{MASTODON_USER})@(?P<host>{HOST})$", re.IGNORECASE)
X_HANDLE = r"[a-z0-9_]{1,15}"
THREADS_HANDLE = r"[a-z0-9._]{1,30}"  # Instagram's username rule: Threads uses the same names
LINKEDIN_SLUG = r"[a-z0-9\-_%]{3,100}"
_LINKEDIN_HOSTS = re.compile(r"^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$")


class AddressError(ValueError):
    """Not an address of that platform; the message says what one looks like."""


@dataclass(frozen=True)
class MastodonAddress:
    user: str
    host: str

    @property
    def address(self) -> str:
        return f"@{self.user}@{self.host}"

    @property
    def profile_url(self) -> str:
        return f"https://{self.host}/@{self.user}"


def _problem(platform: str) -> AddressError:
    return AddressError(_l("This does not look like a %(what)s. For example: %(example)s",
                           what=PRESENCE_LABELS[platform], example=PRESENCE_EXAMPLES[platform]))


def _url_parts(text: str) -> tuple[str, list[str]] | None:
    """(host, path segments) of an http(s) URL, or None when ``text`` is not one."""
    if not re.match(r"^https?://", text, re.IGNORECASE):
        return None
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    return host, [segment for segment in parts.path.split("/") if segment]


def parse_mastodon(text: str) -> MastodonAddress:
    """``@name@server``, ``name@server`` or ``https://server/@name``."""
    text = text.strip()
    url = _url_parts(text)
    if url is not None:
        host, segments = url
        if len(segments) == 1 and segments[0].startswith("@") and "@" not in segments[0][1:]:
            text = f"{segments[0]}@{host}"
    match = _MASTODON.match(text)
    if match is None:
        raise _problem("mastodon")
    return MastodonAddress(match["user"].lower(), match["host"].lower())


def _bluesky(text: str) -> str:
    url = _url_parts(text)
    if url is not None:
        host, segments = url
        if host != "bsky.app" or len(segments) != 2 or segments[0] != "profile":
            raise _problem("bluesky")
        text = segments[1]
    handle = text.removeprefix("@").lower()
    if not _HOST_RE.match(handle) or len(handle) > 253:
        raise _problem("bluesky")
    return handle


def _handle(text: str, platform: str, pattern: str, hosts: tuple[str, ...], prefix: str = "") -> str:
    url = _url_parts(text)
    if url is not None:
        host, segments = url
        if host.removeprefix("www.") not in hosts or len(segments) != 1:
            raise _problem(platform)
        text = segments[0].removeprefix(prefix) if prefix else segments[0]
    handle = text.removeprefix("@")
    if not re.fullmatch(pattern, handle, re.IGNORECASE):
        raise _problem(platform)
    return handle.lower() if platform == "threads" else handle


def _linkedin(text: str) -> str:
    url = _url_parts(text) or _url_parts(f"https://{text}")
    if url is None:
        raise _problem("linkedin")
    host, segments = url
    if not _LINKEDIN_HOSTS.match(host) or len(segments) != 2 or segments[0] != "in" \
            or not re.fullmatch(LINKEDIN_SLUG, segments[1], re.IGNORECASE):
        raise _problem("linkedin")
    return f"https://www.linkedin.com/in/{segments[1]}"


def _website(text: str) -> str:
    if not re.match(r"^https?://", text, re.IGNORECASE):
        text = f"https://{text}"
    host, _segments = _url_parts(text) or ("", [])
    if not _HOST_RE.match(host) or any(char.isspace() or char in "<>\"'" for char in text) or len(text) > 300:
        raise _problem("blog")
    return text


def parse_address(platform: str, text: str) -> str:
    """The address in ``platform``'s own form; raises AddressError with an example of the right form."""
    text = text.strip()
    if platform == "mastodon":
        return parse_mastodon(text).address
    if platform == "bluesky":
        return _bluesky(text)
    if platform == "x":
        return _handle(text, "x", X_HANDLE, ("x.com", "twitter.com"))
    if platform == "threads":
        return _handle(text, "threads", THREADS_HANDLE, ("threads.net", "threads.com"), prefix="@")
    if platform == "linkedin":
        return _linkedin(text)
    if platform == "blog":
        return _website(text)
    raise ValueError(f"not a presence platform: {platform!r}")


def profile_url(platform: str, address: str) -> str:
    """The public page of a stored ``address``."""
    if platform == "mastodon":
        return parse_mastodon(address).profile_url
    if platform == "bluesky":
        return f"https://bsky.app/profile/{quote(address)}"
    if platform == "x":
        return f"https://x.com/{quote(address)}"
    if platform == "threads":
        return f"https://www.threads.net/@{quote(address)}"
    return address  # LinkedIn and websites are stored as their URL


def shown_handle(platform: str, address: str) -> str:
    """How the address reads beside a name: ``@name@server``, ``@handle``, or the URL without its scheme."""
    if platform == "mastodon":
        return address
    if platform in ("bluesky", "x", "threads"):
        return f"@{address}"
    return re.sub(r"^https?://(www\.)?", "", address).rstrip("/")


def follow_url(platform: str, address: str, own_mastodon_host: str | None = None) -> str:
    """Where one click follows ``address``: on Mastodon through the follower's own server, when known."""
    if platform == "mastodon" and own_mastodon_host:
        return f"https://{own_mastodon_host}/authorize_interaction?uri={quote(address.removeprefix('@'), safe='@')}"
    if platform == "x":
        return f"https://x.com/intent/follow?screen_name={quote(address)}"
    return profile_url(platform, address)
