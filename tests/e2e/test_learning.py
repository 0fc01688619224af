"""A staff learner reads, marks as read, does the exercise and meets a locked stage."""
import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in


def test_staff_learner_reads_a_lesson_and_the_bar_moves_once_it_is_complete(browsing, learner):
    page = browsing.new_page()
    sign_in(page, learner.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/learn/$"))
    screenshot(page, "course-overview")
    page.get_by_role("link", name="Networking is something you do").click()
    expect(page.get_by_role("heading", level=1, name="Networking is something you do")).to_be_visible()
    bar = page.locator("#stage-progress")
    expect(bar).to_have_attribute("value", "0")

    page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text("Marked as read.")).to_be_visible()
    expect(bar).to_have_attribute("value", "0")  # read is not complete: the bar counts complete lessons only
    expect(page.get_by_role("button", name="Mark as read")).to_have_count(0)

    page.get_by_label("Your reflection").fill("I belong to many networks and act in few of them.")
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Your answer is saved. This lesson is complete.")).to_be_visible()
    expect(bar).to_have_attribute("value", "33")
    screenshot(page, "lesson-complete")

    page.get_by_role("link", name="My course").first.click()
    expect(page.get_by_label("Your progress: 1 of 28 lessons complete")).to_have_attribute("value", "4")


def test_locked_lesson_cannot_be_opened(browsing, learner):
    page = browsing.new_page()
    sign_in(page, learner.email, PASSWORD)
    stage_two = page.get_by_role("listitem").filter(has_text="Fears, mistakes and permission").first
    expect(stage_two.get_by_text("Locked")).to_be_visible()
    expect(stage_two.get_by_role("link", name="Error culture")).to_have_count(0)
    browsing.expect_status(403)
    response = page.goto("/learn/error-culture")
    assert response.status == 403
    expect(page.get_by_text("This stage opens when you have completed every lesson of “Why network at all”.")).to_be_visible()
    expect(page.get_by_role("button", name="Mark as read")).to_have_count(0)
    screenshot(page, "lesson-locked")
