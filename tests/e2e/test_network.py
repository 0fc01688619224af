"""The network in a real browser: say where I am online, post it for real, paste the link back, and a colleague
finds it in the feed on a phone and ticks it off."""
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from course.network.models import Publication
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import POST_LESSON, circle_of_three, submit_post

POST = "Was ich diese Woche gelernt habe: Fragen bringen mehr als Antworten. Was war Ihre Frage der Woche? #Vernetzt"
LINK = "https://x.com/alex_author/status/1850000000000000001"


def test_publish_paste_back_and_a_colleague_answers_from_the_feed(browsing, create_user, organisation):
    circle = circle_of_three(create_user, organisation)
    submit_post(circle.author, POST, platform="x")

    page = browsing.new_page()
    sign_in(page, circle.author.email, PASSWORD)
    page.get_by_role("link", name="Network", exact=True).click()
    page.get_by_role("link", name="Show me here").click()
    page.get_by_label("X handle").fill("@alex_autor")  # a typo, caught below
    page.get_by_label("My cohort and its trainers").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    page.goto(f"/learn/{POST_LESSON}/feedback")
    page.get_by_role("link", name="Post it for real").click()
    button = page.get_by_role("link", name="Post it on X")
    expect(button).to_have_attribute("target", "_blank")
    assert parse_qs(urlsplit(button.get_attribute("href")).query) == {"text": [POST]}
    screenshot(page, "publish")

    browsing.expect_status(422)  # the refused link comes back with its message
    page.get_by_label("Link to your live post").fill(LINK)
    page.get_by_role("button", name="Add my post").click()
    expect(page.get_by_text("is by @alex_author, not by the account you added")).to_be_visible()
    expect(page.get_by_label("Link to your live post")).to_have_value(LINK)
    page.goto("/network/me")
    page.get_by_label("X handle").fill("@alex_author")
    page.get_by_role("button", name="Save").click()
    page.goto(f"/learn/{POST_LESSON}/publish")
    page.get_by_label("Link to your live post").fill(LINK)
    page.get_by_role("button", name="Add my post").click()
    expect(page.get_by_text("Your post is in your cohort’s feed.")).to_be_visible()
    expect(page.get_by_role("link", name=LINK)).to_be_visible()

    phone = browsing.new_page(viewport={"width": 390, "height": 844})
    sign_in(phone, circle.reviewers[0].email, PASSWORD)
    phone.goto("/network")
    expect(phone.get_by_role("heading", name="Alex Author")).to_be_visible()
    expect(phone.get_by_role("link", name="@alex_author")).to_have_attribute("href", "https://x.com/alex_author")
    phone.get_by_role("link", name="The cohort’s feed").click()
    support = phone.locator("section", has=phone.get_by_role("heading", name="Support a colleague"))
    expect(support.get_by_text(POST)).to_be_visible()
    expect(support.get_by_role("link", name="Open it on X")).to_have_attribute("href", LINK)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "feed-phone")
    support.get_by_role("button", name="I replied").click()
    expect(phone.get_by_text("You have answered every colleague’s post.")).to_be_visible()
    everything = phone.locator("section", has=phone.get_by_role("heading", name="Everything published"))
    expect(everything.get_by_role("button", name="I replied")).to_have_attribute("aria-pressed", "true")
    assert Publication.query.count() == 1
