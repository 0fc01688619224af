"""A cohort's network page shows exactly those who chose to be seen by the viewer; follow lists and ticks."""
import csv
import io

import pytest

from course.network.models import ShownAs, Visibility
from tests.network.conftest import show


def _names(client, cohort) -> set[str]:
    page = client.get(f"/cohorts/{cohort.id}/network").get_data(as_text=True)
    return {name for name in ("Alex Author", "Robin Reviewer", "Kim Colleague", "Olga Outside") if name in page}


@pytest.mark.parametrize(("visibility", "robin", "olga", "carl", "staff"), [
    (Visibility.NOBODY, False, False, False, False),
    (Visibility.CIRCLE, True, False, False, False),
    (Visibility.COHORT, True, True, False, True),
    (Visibility.ORGANISATION, True, True, True, True),
])
def test_each_sees_whom_the_choice_allows(client, auth, network, visibility, robin, olga, carl, staff):
    show(network.author, visibility, mastodon="@alex@norden.social")
    for viewer, expected in ((network.robin, robin), (network.outside_circle, olga), (network.colleague, carl),
                             (network.trainer, staff), (network.author, True)):
        auth.login(viewer.email)
        assert ("Alex Author" in _names(client, network.cohort)) is expected, viewer.name
        auth.logout()


def test_nobody_is_shown_without_having_chosen(client, auth, network):
    auth.login(network.robin.email)
    page = client.get(f"/cohorts/{network.cohort.id}/network").get_data(as_text=True)
    assert "Nobody has chosen to be seen here yet." in page and "You are not shown to your cohort yet." in page


def test_the_mastodon_follow_list_is_the_csv_mastodon_imports(client, auth, network):
    show(network.author, Visibility.COHORT, mastodon="@alex@norden.social", bluesky="alex.bsky.social")
    show(network.kim, Visibility.CIRCLE, mastodon="kim@chaos.social")
    show(network.robin, Visibility.COHORT, mastodon="@robin@social.bund.de")
    auth.login(network.robin.email)
    response = client.get(f"/cohorts/{network.cohort.id}/network/mastodon-follows.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [["Account address", "Show boosts", "Notify on new posts", "Languages"],
                    ["alex@norden.social", "true", "false", ""], ["kim@chaos.social", "true", "false", ""]]
    others = client.get(f"/cohorts/{network.cohort.id}/network/follow-list").get_data(as_text=True)
    assert "https://bsky.app/profile/alex.bsky.social" in others
    page = client.get(f"/cohorts/{network.cohort.id}/network").get_data(as_text=True)
    assert "https://social.bund.de/authorize_interaction?uri=alex@norden.social" in page


def test_follow_ticks_are_private(client, auth, network):
    show(network.author, Visibility.COHORT, ShownAs.NAME, x="@alex_a")
    auth.login(network.robin.email)
    url = f"/cohorts/{network.cohort.id}/network/follows/{network.author.id}"
    assert auth.post(url, {"marked": "1"}).status_code == 302
    page = client.get(f"/cohorts/{network.cohort.id}/network").get_data(as_text=True)
    assert 'aria-pressed="true"' in page
    auth.logout()
    auth.login(network.kim.email)
    assert 'aria-pressed="true"' not in client.get(f"/cohorts/{network.cohort.id}/network").get_data(as_text=True)
    assert auth.post(f"/cohorts/{network.cohort.id}/network/follows/{network.colleague.id}",
                     {"marked": "1"}).status_code == 404


def test_another_organisation_gets_404(client, auth, network, stranger):
    auth.login(stranger.email)
    assert client.get(f"/cohorts/{network.cohort.id}/network").status_code == 404
    assert client.get(f"/cohorts/{network.cohort.id}/feed").status_code == 404
