"""The guidelines in a real browser: a leadership learner builds and publishes them, a staff learner acknowledges."""
import sqlalchemy as sa
from playwright.sync_api import expect

from course.accounts.models import Role, Track
from course.extensions import db
from course.guidelines.models import Acknowledgement, GuidelineVersion
from course.guidelines.services import start_draft
from tests.conftest import PASSWORD, open_every_stage
from tests.e2e.conftest import screenshot, sign_in

PHONE = {"width": 390, "height": 844}


def _build_and_publish(page):
    page.get_by_role("link", name="Guidelines").click()
    expect(page.get_by_role("heading", name="No guidelines published yet")).to_be_visible()
    page.get_by_label("Language of the text").select_option("en")
    page.get_by_role("button", name="Start the guidelines").click()
    expect(page.get_by_text("Version 1 is started as a draft.")).to_be_visible()

    # Step 1: the organisation's details, which fill the suggested texts.
    page.get_by_label("Who looks after the official accounts").fill("Mara Schulz, social@acme.example")
    page.get_by_label("Whom to call in a crisis").fill("Press office: +49 30 555 0100")
    page.get_by_label("Your hashtags").fill("#AcmeTalks")
    page.get_by_label("LinkedIn").check()
    page.get_by_role("button", name="Save and continue").click()

    # The first section: the suggestion is in the editor, and the preview follows the typing.
    expect(page.get_by_role("heading", name="Why we want to hear from you", level=1)).to_be_visible()
    expect(page.get_by_label("Text", exact=True)).to_contain_text("Acme")
    page.get_by_label("Text", exact=True).fill("**Speak up** about the work you are proud of.")
    expect(page.locator("[data-preview] strong")).to_have_text("Speak up")
    screenshot(page, "guidelines-builder")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("“Why we want to hear from you” is saved.")).to_be_visible()

    # The confidentiality step carries the terms never to post.
    page.locator(".builder-steps").get_by_role("link", name="What stays internal").click()
    page.get_by_label("Never to post").fill("Project Falcon")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("“What stays internal” is saved.")).to_be_visible()

    # Skip a section, then review, reorder, add one and publish.
    page.locator(".builder-steps").get_by_role("link", name="Images and copyright").click()
    page.get_by_role("button", name="Skip this section").click()
    expect(page.get_by_text("The section is skipped")).to_be_visible()
    page.locator(".builder-steps").get_by_role("link", name="Review and publish").click()
    page.get_by_role("button", name="Move “What stays internal” up").click()
    order = page.locator(".section-order__item > a")
    expect(order.nth(3)).to_have_text("What stays internal")
    page.get_by_label("Title of the new section").fill("Events and conferences")
    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Text", exact=True).fill("Post from events with #AcmeTalks; ask before you photograph people.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Review and publish version 1")).to_be_visible()
    page.get_by_label("Note for this version").fill("Our first guidelines, written by leadership and the trainer.")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Version 1 is published. Learners are asked to acknowledge it.")).to_be_visible()


def test_a_leader_publishes_and_a_colleague_acknowledges(browsing, create_user, organisation):
    organisation.name = "Acme"
    leader = create_user(Role.LEARNER, organisation=organisation, track=Track.LEADERSHIP, name="Lina Leader",
                         email="lina@acme.example")
    staff = create_user(Role.LEARNER, organisation=organisation, track=Track.STAFF, name="Stan Staff",
                        email="stan@acme.example")
    open_every_stage(staff)

    page = browsing.new_page()
    sign_in(page, leader.email, PASSWORD)
    _build_and_publish(page)
    expect(page.get_by_role("heading", name="Events and conferences")).to_be_visible()
    expect(page.locator("#section-images")).to_have_count(0)  # skipped
    expect(page.locator("#rules")).to_contain_text("Project Falcon")

    phone = browsing.new_page(viewport=PHONE)
    sign_in(phone, staff.email, PASSWORD)
    banner = phone.get_by_role("complementary", name="Guidelines")
    expect(banner).to_contain_text("Version 1 of your organisation’s social-media guidelines is published.")
    banner.get_by_role("link", name="Read the guidelines").click()
    expect(phone.get_by_role("heading", name="What stays internal")).to_be_visible()
    expect(phone.get_by_role("button", name="Start the guidelines")).to_have_count(0)  # staff read only
    phone.get_by_role("button", name="I have read the guidelines").click()
    expect(phone.get_by_text("Thank you. You have acknowledged version 1 of the guidelines.")).to_be_visible()
    phone.goto("/learn/")
    expect(phone.get_by_role("complementary", name="Guidelines")).to_have_count(0)

    # The rule works in the composer: a confidential term gets a hint linked to its section.
    phone.goto("/learn/connection-not-detox/write")
    phone.get_by_label("Your post for X").fill("Big news soon from Project Falcon!")
    hints = phone.locator("#composer-hints .hint")
    hint = hints.filter(has_text="“Project Falcon” is on your organisation’s list of things never to post.")
    expect(hint).to_have_count(1)
    expect(hints.filter(has_text="no official account on X")).to_have_count(1)  # the organisation is on LinkedIn
    screenshot(phone, "guidelines-hint-phone")
    expect(hint.get_by_role("link", name="Read “What stays internal”")).to_have_attribute(
        "href", f"/guidelines/{organisation.id}#section-confidentiality")

    db.session.rollback()  # see what the server committed
    version = db.session.scalar(sa.select(GuidelineVersion).where(GuidelineVersion.organisation_id == organisation.id))
    assert version.is_published and version.published_by_id == leader.id
    acknowledged = db.session.get(Acknowledgement, (staff.id, version.id))
    assert acknowledged is not None and acknowledged.acknowledged_at is not None


def test_text_typed_before_the_editors_script_has_loaded_is_previewed_too(browsing, create_user, organisation):
    leader = create_user(Role.LEARNER, organisation=organisation, track=Track.LEADERSHIP)
    open_every_stage(leader)
    start_draft(organisation, leader, "en")
    db.session.commit()
    page = browsing.new_page()
    held = []
    page.route("**/static/js/guidelines.js", lambda route: held.append(route))
    sign_in(page, leader.email, PASSWORD)
    page.goto(f"/guidelines/{organisation.id}/draft/sections/disclosure", wait_until="commit")
    page.get_by_label("Text", exact=True).fill("**Speak up** on a slow connection.")
    held[0].continue_()
    expect(page.locator("[data-preview] strong")).to_have_text("Speak up")
