"""A pasted link must be a post on that platform, and by that person where the link names an account."""
import pytest

from course.network.post_links import PostLinkError, check_post_link


@pytest.mark.parametrize(("platform", "link", "address", "kept"), [
    ("x", "https://x.com/Anna_B/status/1850000000000000001?s=20", "anna_b", "https://x.com/Anna_B/status/1850000000000000001"),
    ("x", "https://twitter.com/anna_b/status/185", None, "https://twitter.com/anna_b/status/185"),
    ("bluesky", "https://bsky.app/profile/anna.bsky.social/post/3kabc2def3ghi", "anna.bsky.social",
     "https://bsky.app/profile/anna.bsky.social/post/3kabc2def3ghi"),
    ("mastodon", "https://chaos.social/@anna/113000000000000000", "@anna@chaos.social",
     "https://chaos.social/@anna/113000000000000000"),
    ("threads", "https://www.threads.net/@anna.beispiel/post/C8abcDEFghi", "anna.beispiel",
     "https://www.threads.net/@anna.beispiel/post/C8abcDEFghi"),
    ("linkedin", "https://www.linkedin.com/posts/anna-beispiel_activity-7250000000000000000-AbCd?utm_source=share",
     None, "https://www.linkedin.com/posts/anna-beispiel_activity-7250000000000000000-AbCd"),
    ("linkedin", "https://www.linkedin.com/feed/update/urn:li:activity:7250000000000000000/", None,
     "https://www.linkedin.com/feed/update/urn:li:activity:7250000000000000000/"),
])
def test_a_post_link_is_kept_without_tracking(platform, link, address, kept):
    assert check_post_link(platform, link, address) == kept


@pytest.mark.parametrize(("platform", "link"), [
    ("x", "https://x.com/Anna_B"),  # a profile, not a post
    ("x", "http://x.com/Anna_B/status/1"),  # not https
    ("x", "https://bsky.app/profile/anna.bsky.social/post/3kabc2def3ghi"),  # another platform
    ("bluesky", "https://bsky.app/profile/anna.bsky.social"),
    ("mastodon", "https://chaos.social/@anna"),
    ("threads", "https://www.threads.net/@anna.beispiel"),
    ("linkedin", "https://www.linkedin.com/in/anna-beispiel"),
    ("linkedin", "javascript:alert(1)"),
])
def test_what_is_not_a_post_link_is_refused_with_an_example(platform, link):
    with pytest.raises(PostLinkError, match="It looks like this"):
        check_post_link(platform, link, None)


@pytest.mark.parametrize(("platform", "link", "address"), [
    ("x", "https://x.com/someone_else/status/1850000000000000001", "anna_b"),
    ("mastodon", "https://mastodon.social/@anna/113000000000000000", "@anna@chaos.social"),
    ("threads", "https://www.threads.net/@other/post/C8abcDEFghi", "anna.beispiel"),
])
def test_a_post_by_another_account_is_refused(platform, link, address):
    with pytest.raises(PostLinkError, match="not by the account you added"):
        check_post_link(platform, link, address)


@pytest.mark.parametrize("link", [
    "https://evil.example\\@x.com/anna_b/status/1",  # a browser ends the host at the backslash
    "https://someone@x.com/anna_b/status/1",
    "https://x.com:8443/anna_b/status/1",
])
def test_a_link_whose_host_a_browser_reads_otherwise_is_refused(link):
    with pytest.raises(PostLinkError):
        check_post_link("x", link, None)


def test_a_mastodon_post_needs_the_persons_own_address():
    with pytest.raises(PostLinkError, match="Add your Mastodon address"):
        check_post_link("mastodon", "https://evil.example/@anna/113000000000000000", None)
