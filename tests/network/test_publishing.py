"""Post it for real: the platform's screen with the text, the live link pasted back, checked, and kept."""
from urllib.parse import parse_qs

import sqlalchemy as sa

from course.extensions import db
from course.network.models import Publication, Visibility
from tests.factories import POST_LESSON, submit_post
from tests.network.conftest import show

LINK = "https://x.com/anna_b/status/1850000000000000001"


def _publications(user) -> list[Publication]:
    return list(db.session.scalars(sa.select(Publication).where(Publication.user_id == user.id)))


def test_publishing_waits_for_a_submitted_post(client, auth, network):
    auth.login(network.author.email)
    assert client.get(f"/learn/{POST_LESSON}/publish").status_code == 404
    submit_post(network.author, "Was ich heute gelernt habe & warum #Vernetzt", platform="x")
    feedback = client.get(f"/learn/{POST_LESSON}/feedback").get_data(as_text=True)
    assert f'href="/learn/{POST_LESSON}/publish"' in feedback
    page = client.get(f"/learn/{POST_LESSON}/publish").get_data(as_text=True)
    intent = page.split('href="https://x.com/intent/post?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert parse_qs(intent) == {"text": ["Was ich heute gelernt habe & warum #Vernetzt"]}


def test_a_pasted_link_joins_the_feed(client, auth, network):
    show(network.author, Visibility.COHORT, x="@anna_b")
    submit_post(network.author, "Mein erster Beitrag", platform="x")
    auth.login(network.author.email)
    response = auth.post(f"/learn/{POST_LESSON}/publish/x", {"x-link": LINK + "?s=20"})
    assert response.status_code == 302
    [publication] = _publications(network.author)
    assert (publication.url, publication.text, publication.cohort_id) == (LINK, "Mein erster Beitrag", network.cohort.id)
    feed = client.get(f"/cohorts/{network.cohort.id}/feed").get_data(as_text=True)
    assert "Mein erster Beitrag" in feed and LINK in feed


def test_a_wrong_link_is_explained_and_kept(client, auth, network):
    show(network.author, Visibility.COHORT, x="@anna_b")
    submit_post(network.author, platform="x")
    auth.login(network.author.email)
    response = auth.post(f"/learn/{POST_LESSON}/publish/x",
                         {"x-link": "https://x.com/someone_else/status/1850000000000000001"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "is by @someone_else, not by the account you added" in page
    assert 'value="https://x.com/someone_else/status/1850000000000000001"' in page
    assert _publications(network.author) == []
    again = auth.post(f"/learn/{POST_LESSON}/publish/x", {"x-link": LINK})
    assert again.status_code == 302
    twice = auth.post(f"/learn/{POST_LESSON}/publish/x", {"x-link": LINK})
    assert "You have already added this post." in twice.get_data(as_text=True)


def test_only_the_platform_the_post_was_written_for(client, auth, network):
    submit_post(network.author, platform="x")
    auth.login(network.author.email)
    assert auth.post(f"/learn/{POST_LESSON}/publish/bluesky", {"bluesky-link": LINK}).status_code == 404


def test_mastodon_opens_on_the_persons_own_server(client, auth, network):
    submit_post(network.author, "Hallo Fediverse", platform="mastodon")
    auth.login(network.author.email)
    assert "/share?" not in client.get(f"/learn/{POST_LESSON}/publish").get_data(as_text=True)
    show(network.author, Visibility.NOBODY, mastodon="@alex@norden.social")
    page = client.get(f"/learn/{POST_LESSON}/publish").get_data(as_text=True)
    assert 'href="https://norden.social/share?text=Hallo%20Fediverse"' in page


def test_removing_keeps_the_post_on_its_platform_and_out_of_the_feed(client, auth, network):
    submit_post(network.author, platform="x")
    auth.login(network.author.email)
    auth.post(f"/learn/{POST_LESSON}/publish/x", {"x-link": LINK})
    [publication] = _publications(network.author)
    auth.logout()
    auth.login(network.robin.email)
    assert auth.post(f"/publications/{publication.id}/remove").status_code == 404
    auth.logout()
    auth.login(network.author.email)
    assert auth.post(f"/publications/{publication.id}/remove").status_code == 302
    assert _publications(network.author) == []


def test_a_closed_cohorts_feed_takes_nothing_new(client, auth, network):
    network.cohort.closed_at = network.cohort.created_at
    db.session.commit()
    submit_post(network.author, platform="x")
    auth.login(network.author.email)
    auth.post(f"/learn/{POST_LESSON}/publish/x", {"x-link": LINK})
    [publication] = _publications(network.author)
    assert publication.cohort_id is None


def test_a_text_lengthened_past_the_limit_after_submitting_is_not_kept(client, auth, network):
    from course.curriculum.library import lessons
    from course.drafts.services import draft_for, save_draft

    show(network.author, Visibility.COHORT, x="@anna_b")
    submit_post(network.author, "Short enough", platform="x")
    save_draft(network.author, lessons.curriculum.lessons[POST_LESSON], {"post": "x" * 400}, platform="x",
               revision=draft_for(network.author, POST_LESSON).revision)
    db.session.commit()
    auth.login(network.author.email)
    response = auth.post(f"/learn/{POST_LESSON}/publish/x", {"x-link": LINK})
    assert response.status_code == 422 and "longer than X allows" in response.get_data(as_text=True)
    assert _publications(network.author) == []
