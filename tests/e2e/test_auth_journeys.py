"""Journeys through signing in, signing out and resetting a password, in a real browser."""
import re

from playwright.sync_api import expect

from course.accounts.models import Role
from course.mail.delivery import deliver_due
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in


def test_sign_in_and_out(browsing, learner):
    page = browsing.new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login$"))
    screenshot(page, "login")
    sign_in(page, learner.email, PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Sam Learner")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="My course")).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto("/profile")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fprofile$"))


def test_wrong_password_is_explained_and_the_email_kept(browsing, learner):
    page = browsing.new_page()
    sign_in(page, learner.email, "not my password")
    expect(page.get_by_text("The e-mail address or the password is not correct.")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_have_value(learner.email)
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("aria-invalid", "true")
    screenshot(page, "login-wrong-password")


def test_password_reset_by_mail_while_the_trainer_sees_only_that_it_was_sent(
        app, browsing, learner, trainer, smtp_server):
    smtp_server.configure(app)
    learner_page = browsing.new_page()
    learner_page.goto("/login")
    learner_page.get_by_role("link", name="Forgot your password?").click()
    learner_page.get_by_label("E-mail address").fill(learner.email)
    learner_page.get_by_role("button", name="Send me a link").click()
    expect(learner_page.get_by_text("a link to set a new password is on its way")).to_be_visible()
    deliver_due()  # what the background worker does right after the request

    trainer_page = browsing.new_page()
    sign_in(trainer_page, trainer.email, PASSWORD)
    trainer_page.get_by_role("link", name="Outbox").click()
    trainer_page.get_by_role("link", name="Reset your Vernetzt password").click()
    expect(trainer_page.get_by_text(f"Only {learner.email} can read it")).to_be_visible()
    expect(trainer_page.get_by_role("link", name=re.compile("reset-password"))).to_have_count(0)
    screenshot(trainer_page, "outbox-message")

    (mail,) = smtp_server.recorder.messages()
    link = re.search(r"http://\S+/reset-password/\S+", mail.get_content()).group(0)
    learner_page.goto(link)
    learner_page.get_by_label("New password", exact=True).fill("a brand new password")
    learner_page.get_by_label("Repeat the new password").fill("a brand new password")
    learner_page.get_by_role("button", name="Save password").click()
    expect(learner_page.get_by_text("Your new password is saved and you are signed in.")).to_be_visible()
    learner_page.get_by_role("button", name="Sign out").click()
    sign_in(learner_page, learner.email, "a brand new password")
    expect(learner_page.get_by_role("heading", name="Welcome, Sam Learner")).to_be_visible()
    notifications = learner_page.get_by_role("link", name="Notifications 1 unread")
    notifications.click()
    expect(learner_page.get_by_role("link", name="Reset your Vernetzt password")).to_be_visible()
    screenshot(learner_page, "notifications")


def test_keyboard_user_signs_in_and_skips_to_content(browsing, learner):
    page = browsing.new_page()
    page.goto("/login")
    expect(page.get_by_label("E-mail address")).to_be_focused()
    page.keyboard.type(learner.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Welcome, Sam Learner")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_trainer_start_page_and_german_on_a_phone(browsing, trainer, create_user, organisation):
    for number in range(3):
        create_user(Role.LEARNER, organisation=organisation, name=f"Lernende {number}")
    page = browsing.new_page(locale="de-DE", viewport={"width": 390, "height": 844})
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(trainer.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Organisationen")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    screenshot(page, "trainer-start-phone-de")
