"""The platforms' compose screens get the whole text, encoded, and never more than the platform takes."""
from urllib.parse import parse_qs, urlsplit

import pytest

from course.network.intents import LINKEDIN_SHARE, intent_for

TEXT = "Fehlerkultur & Lernen: 50 % weniger #Angst?\nMehr dazu 👉 https://example.de/a?b=1&c=2"


@pytest.mark.parametrize(("platform", "host", "path"), [
    ("x", "x.com", "/intent/post"), ("bluesky", "bsky.app", "/intent/compose"),
    ("threads", "www.threads.net", "/intent/post"), ("mastodon", "chaos.social", "/share"),
])
def test_the_compose_screen_gets_exactly_the_text(platform, host, path):
    intent = intent_for(platform, TEXT, mastodon_host="chaos.social")
    parts = urlsplit(intent.url)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", host, path)
    assert parse_qs(parts.query) == {"text": [TEXT]}
    assert "&c=2" not in intent.url and "#" not in intent.url and "\n" not in intent.url
    assert not intent.copy_first


def test_nothing_longer_than_the_limit_is_ever_sent():
    assert intent_for("x", "a" * 281).url is None
    assert intent_for("x", "a" * 280).url is not None
    assert intent_for("bluesky", "ä" * 301).url is None


def test_mastodon_needs_the_persons_own_server():
    assert intent_for("mastodon", "Hallo").url is None


def test_linkedin_is_copied_then_shared():
    intent = intent_for("linkedin", "Ohne Link")
    assert intent.copy_first and intent.url == LINKEDIN_SHARE
    with_link = intent_for("linkedin", "Lesen Sie https://example.de/bericht.", link="https://example.de/bericht")
    assert parse_qs(urlsplit(with_link.url).query) == {"url": ["https://example.de/bericht"]}
