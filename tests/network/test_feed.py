"""The cohort's feed: newest first, authors as they chose, posts to answer, and who may read it."""
from datetime import timedelta

from course.database import utcnow
from course.extensions import db
from course.network.models import Publication, ShownAs, Visibility
from tests.network.conftest import show


def _publish(author, cohort, text, minutes_ago, platform="x", url=None):
    publication = Publication(user_id=author.id, cohort_id=cohort.id, platform=platform, text=text,
                              url=url or f"https://x.com/a/status/{author.id}{minutes_ago}",
                              published_at=utcnow() - timedelta(minutes=minutes_ago))
    db.session.add(publication)
    db.session.commit()
    return publication


def test_newest_first_with_authors_as_they_chose(client, auth, network):
    show(network.author, Visibility.NOBODY, ShownAs.INITIALS)
    show(network.kim, Visibility.NOBODY, ShownAs.HANDLE, bluesky="kim.bsky.social")
    _publish(network.author, network.cohort, "Older post", 60)
    _publish(network.kim, network.cohort, "Newer post", 5, platform="bluesky")
    auth.login(network.robin.email)
    page = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True)
    everything = page.split('id="feed-title"', 1)[1]
    assert everything.index("Newer post") < everything.index("Older post")
    assert "A. A." in page and "@kim.bsky.social" in page
    assert "Alex Author" not in page and "Kim Colleague" not in page


def test_support_a_colleague_until_i_replied(client, auth, network):
    post = _publish(network.author, network.cohort, "Bitte um Rat", 5)
    _publish(network.robin, network.cohort, "My own post", 1)
    auth.login(network.robin.email)
    support = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True).split('id="feed-title"')[0]
    assert "Bitte um Rat" in support and "My own post" not in support
    assert auth.post(f"/cohorts/{network.cohort.id}/feed/{post.id}/replied", {"marked": "1"}).status_code == 302
    support = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True).split('id="feed-title"')[0]
    assert "Bitte um Rat" not in support and "You have answered every colleague’s post." in support
    auth.logout()
    auth.login(network.kim.email)
    assert "Bitte um Rat" in client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True).split(
        'id="feed-title"')[0]


def test_the_feed_is_the_cohorts_unless_opened_to_the_organisation(client, auth, network):
    _publish(network.author, network.cohort, "Unser Beitrag", 5)
    auth.login(network.colleague.email)
    assert client.get(f"/cohorts/{network.cohort.id}/feed").status_code == 403
    network.cohort.feed_open_to_organisation = True
    db.session.commit()
    page = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True)
    assert "Unser Beitrag" in page and "I replied" not in page
    auth.logout()
    auth.login(network.trainer.email)
    assert "Unser Beitrag" in client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True)


def test_a_closed_cohorts_feed_is_read_only(client, auth, network):
    post = _publish(network.author, network.cohort, "Vor dem Ende", 5)
    network.cohort.closed_at = utcnow()
    db.session.commit()
    auth.login(network.robin.email)
    page = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True)
    assert "Vor dem Ende" in page and "This cohort is closed." in page and "I replied" not in page
    assert auth.post(f"/cohorts/{network.cohort.id}/feed/{post.id}/replied", {"marked": "1"}).status_code == 403


def test_the_trainer_closes_a_cohort_after_confirming(client, auth, network):
    auth.login(network.trainer.email)
    assert "Close this cohort for good?" in client.get(f"/cohorts/{network.cohort.id}/close").get_data(as_text=True)
    assert auth.post(f"/cohorts/{network.cohort.id}/close").status_code == 302
    db.session.refresh(network.cohort)
    assert network.cohort.is_closed
    auth.logout()
    auth.login(network.robin.email)
    assert client.get(f"/cohorts/{network.cohort.id}/close").status_code == 403


def test_a_handle_is_shown_only_where_the_posts_link_shows_it_anyway(client, auth, network):
    show(network.author, Visibility.NOBODY, ShownAs.HANDLE, linkedin="https://www.linkedin.com/in/alex-hidden")
    _publish(network.author, network.cohort, "Auf LinkedIn", 5, platform="linkedin",
             url="https://www.linkedin.com/feed/update/urn:li:activity:7250000000000000000/")
    auth.login(network.robin.email)
    page = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True)
    assert "alex-hidden" not in page and "A. A." in page
    assert client.get(f"/cohorts/{network.cohort.id}/feed?page=99999999999999999999").status_code == 200
