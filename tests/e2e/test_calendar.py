"""My calendar on a phone: from the profile to a subscription link that a calendar app can fetch without cookies."""
from urllib.request import urlopen

from icalendar import Calendar
from playwright.sync_api import expect

from course.extensions import db
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import circle_of_three, submit_post

PHONE = {"width": 390, "height": 844}


def test_a_reviewer_subscribes_to_their_calendar_on_a_phone(browsing, create_user, organisation):
    circle = circle_of_three(create_user, organisation)
    submit_post(circle.author)
    reviewer = circle.reviewers[0]

    page = browsing.new_page(viewport=PHONE)
    sign_in(page, reviewer.email, PASSWORD)
    page.goto("/profile")
    page.get_by_role("link", name="Add them to your calendar").click()
    expect(page.get_by_role("heading", name="My calendar", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Review due: Connection, not detox")).to_be_visible()
    expect(page.get_by_role("heading", name="Outlook on the web (and the new Outlook for Windows)")).to_be_visible()

    page.get_by_role("button", name="Make my subscription link").click()
    link = page.get_by_role("textbox", name="Subscription link")
    expect(link).to_be_visible()
    url = link.input_value()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
    screenshot(page, "calendar-phone")

    with urlopen(url) as response:  # no cookies, as a calendar app fetches it
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(response.read())
    assert "Review due: Connection, not detox" in [str(event["summary"]) for event in calendar.events]

    page.goto("/calendar/")
    expect(page.get_by_role("button", name="Make a new link")).to_be_visible()
    expect(page.get_by_role("textbox", name="Subscription link")).to_have_count(0)  # shown only once


def test_the_calendar_page_in_german_fits_a_phone(browsing, learner):
    learner.language = "de"
    db.session.commit()
    page = browsing.new_page(viewport=PHONE)
    sign_in(page, learner.email, PASSWORD)
    page.goto("/calendar/")
    expect(page.get_by_role("heading", name="Mein Kalender", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Google Kalender")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
