"""An event in real browsers: a member posts for it and pastes the link back, a trainer approves it on a phone,
and the wall on the hall's computer (no sign-in) shows it by itself; the kill switch blanks it."""
from datetime import timedelta
from urllib.parse import quote

from playwright.sync_api import expect

from course.database import utcnow
from course.events.models import Event
from course.events.services import new_wall_link
from course.extensions import db
from course.network.models import NetworkProfile, Presence, ShownAs, Visibility
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import circle_of_three

POST = "Die Keynote zur Fehlerkultur: Wer Fehler früh zeigt, spart allen Zeit. #DigiTag27"
LINK = "https://bsky.app/profile/alex.bsky.social/post/3kabc2def3ghi"


def test_post_approve_on_a_phone_and_the_wall_refreshes_itself(browsing, create_user, organisation, trainer):
    circle = circle_of_three(create_user, organisation)
    db.session.add_all([NetworkProfile(user_id=circle.author.id, visibility=Visibility.COHORT, shown_as=ShownAs.HANDLE),
                        Presence(user_id=circle.author.id, platform="bluesky", address="alex.bsky.social")])
    event = Event(organisation_id=organisation.id, name="Digital day", hashtag="#DigiTag27", place="Hall 2",
                  starts_at=utcnow() - timedelta(hours=1), ends_at=utcnow() + timedelta(hours=5),
                  cohorts=[circle.cohort], created_by_id=trainer.id)
    db.session.add(event)
    db.session.flush()
    token = new_wall_link(event)
    db.session.commit()

    hall = browsing.new_page(viewport={"width": 1920, "height": 1080})
    hall.goto(f"/wall/{token}")
    expect(hall.get_by_role("heading", name="#DigiTag27")).to_be_visible()
    expect(hall.get_by_text("The first post with #DigiTag27 appears here.")).to_be_visible()

    member = browsing.new_page()
    sign_in(member, circle.author.email, PASSWORD)
    member.get_by_role("link", name="Events").click()
    member.get_by_role("link", name="Digital day").click()
    member.get_by_label("Platform").select_option("bluesky")
    member.get_by_label("Your post").fill(POST)
    member.get_by_role("button", name="Prepare the post").click()
    expect(member.get_by_role("link", name="Post it on Bluesky")).to_have_attribute(
        "href", "https://bsky.app/intent/compose?text=" + quote(POST, safe=""))
    member.get_by_label("Link to your live post").fill(LINK)
    member.get_by_role("button", name="Add my post to the wall").click()
    expect(member.get_by_text("Your post is in the feed and on its way to the wall.")).to_be_visible()

    phone = browsing.new_page(viewport={"width": 390, "height": 844})
    sign_in(phone, trainer.email, PASSWORD)
    phone.goto(f"/events/{event.id}/moderation")
    expect(phone.get_by_text(POST)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "moderation-phone")
    phone.locator("article", has_text=POST).get_by_role("button", name="Show").click()

    expect(hall.get_by_text(POST)).to_be_visible(timeout=10_000)  # the wall asks every 4 s
    expect(hall.get_by_text("@alex.bsky.social")).to_be_visible()
    hall.wait_for_timeout(700)  # let the arrival fade finish before the picture
    screenshot(hall, "wall")

    phone.get_by_role("button", name="Blank the wall now").click()
    expect(hall.get_by_text(POST)).to_be_hidden(timeout=10_000)
    expect(hall.locator(".wall__blank")).to_have_text("#DigiTag27")
