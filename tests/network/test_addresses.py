"""Addresses as people paste them, stored in each platform's own form, and linked back."""
import pytest

from course.network.addresses import AddressError, follow_url, parse_address, profile_url, shown_handle


@pytest.mark.parametrize(("platform", "typed", "stored"), [
    ("mastodon", "@Anna@Chaos.Social", "@anna@chaos.social"),
    ("mastodon", "anna@chaos.social", "@anna@chaos.social"),
    ("mastodon", "https://chaos.social/@anna", "@anna@chaos.social"),
    ("mastodon", " @anna.b@social.bund.de ", "@anna.b@social.bund.de"),
    ("bluesky", "@anna.bsky.social", "anna.bsky.social"),
    ("bluesky", "https://bsky.app/profile/anna.example.de", "anna.example.de"),
    ("x", "@Anna_B", "Anna_B"),
    ("x", "https://twitter.com/Anna_B", "Anna_B"),
    ("threads", "@Anna.Beispiel", "anna.beispiel"),
    ("threads", "https://www.threads.net/@anna.beispiel", "anna.beispiel"),
    ("linkedin", "de.linkedin.com/in/anna-beispiel/", "https://www.linkedin.com/in/anna-beispiel"),
    ("linkedin", "https://www.linkedin.com/in/anna-beispiel?trk=x", "https://www.linkedin.com/in/anna-beispiel"),
    ("blog", "anna-beispiel.de", "https://anna-beispiel.de"),
])
def test_pasted_forms_are_stored_in_the_platforms_own_form(platform, typed, stored):
    assert parse_address(platform, typed) == stored


@pytest.mark.parametrize(("platform", "typed"), [
    ("mastodon", "@anna"),  # no server
    ("mastodon", "@anna@localhost"),
    ("mastodon", "https://chaos.social/about"),
    ("bluesky", "anna"),
    ("bluesky", "https://bsky.app/search?q=anna"),
    ("x", "@this_handle_is_far_too_long"),
    ("x", "https://example.com/anna"),
    ("threads", "anna beispiel"),
    ("linkedin", "https://www.linkedin.com/company/acme"),
    ("linkedin", "https://evil.example/in/anna"),
    ("blog", "javascript:alert(1)"),
    ("blog", "https://exa mple.de"),
])
def test_what_is_not_an_address_is_refused_with_an_example(platform, typed):
    with pytest.raises(AddressError, match="For example"):
        parse_address(platform, typed)


def test_links_go_to_each_profile_and_mastodon_follows_from_ones_own_server():
    assert profile_url("mastodon", "@anna@chaos.social") == "https://chaos.social/@anna"
    assert profile_url("bluesky", "anna.bsky.social") == "https://bsky.app/profile/anna.bsky.social"
    assert profile_url("threads", "anna.beispiel") == "https://www.threads.net/@anna.beispiel"
    assert follow_url("mastodon", "@anna@chaos.social", "norden.social") == \
        "https://norden.social/authorize_interaction?uri=anna@chaos.social"
    assert follow_url("mastodon", "@anna@chaos.social", None) == "https://chaos.social/@anna"
    assert follow_url("x", "Anna_B") == "https://x.com/intent/follow?screen_name=Anna_B"
    assert shown_handle("linkedin", "https://www.linkedin.com/in/anna") == "linkedin.com/in/anna"
    assert shown_handle("bluesky", "anna.bsky.social") == "@anna.bsky.social"
