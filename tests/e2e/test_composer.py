"""Writing a post in a real browser: counter, preview, autosave, reload, conflict, submit, XSS."""
import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in

LESSON = "connection-not-detox"
XSS = [
    '<img src=x onerror="window.xss=1">',
    "<script>window.xss=2</script>",
    '<svg onload="window.xss=3"></svg>',
    "[click me](javascript:window.xss=4)",
    '<a href="https://example.com" onmouseover="window.xss=5">hover</a>',
]


def _open_composer(page, email):
    sign_in(page, email, PASSWORD)
    page.goto(f"/learn/{LESSON}")
    page.get_by_role("link", name="Start writing").click()
    expect(page.get_by_role("heading", level=1, name="Write")).to_be_visible()
    return page.get_by_role("textbox", name="Your post for X")


def test_write_watch_the_counter_reload_and_submit(browsing, learner):
    page = browsing.new_page()
    box = _open_composer(page, learner.email)
    counter = page.locator("[data-part=post] [data-counter]")
    expect(counter).to_contain_text("0 / 280")

    box.press_sequentially("Ask Jo about audits 👍🏽 #Qualität")
    expect(counter).to_contain_text("32 / 280")  # 30 characters and an emoji counted as 2
    expect(page.locator("#composer-status")).to_contain_text("version 1", timeout=10_000)
    expect(page.locator("[data-preview=post] .post-hashtag")).to_have_text("#Qualität")
    expect(page.locator("[data-preview=post] .post-preview__avatar")).to_have_text("SL")
    screenshot(page, "composer")

    page.reload()
    expect(page.get_by_role("textbox", name="Your post for X")).to_have_value("Ask Jo about audits 👍🏽 #Qualität")

    long_text = "Audits " * 45  # 315 characters
    box = page.get_by_role("textbox", name="Your post for X")
    box.fill(long_text)
    expect(counter).to_contain_text("35 over the limit")
    expect(page.locator("[data-part=post] [data-backdrop] mark")).to_have_text(long_text[280:])
    expect(page.locator("[data-overflow-text]")).to_have_text(long_text[280:])
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Shorten it by 35 to submit.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Your post for X")).to_have_value(long_text)
    screenshot(page, "composer-over-limit")

    page.get_by_role("textbox", name="Your post for X").fill("Ask Jo about audits: she explains the why. #Qualität")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your text is submitted for peer review.")).to_be_visible()
    expect(page.get_by_role("link", name="Open your submitted text")).to_be_visible()


def test_choosing_another_platform_changes_how_the_text_is_counted(browsing, learner):
    page = browsing.new_page(viewport={"width": 390, "height": 844})
    box = _open_composer(page, learner.email)
    box.fill("x" * 290)
    counter = page.locator("[data-part=post] [data-counter]")
    expect(counter).to_contain_text("10 over the limit")
    page.get_by_label("Bluesky").check()
    expect(page.get_by_role("textbox", name="Your post for Bluesky")).to_have_value("x" * 290)
    expect(counter).to_contain_text("290 / 300")
    expect(page.locator("[data-preview=post] [data-preview-where]")).to_have_text("Bluesky")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than a phone
    screenshot(page, "composer-phone")


def test_a_second_tab_gets_a_conflict_with_both_texts(browsing, learner):
    browsing.expect_status(409)
    first = browsing.new_page()
    _open_composer(first, learner.email)
    second = first.context.new_page()
    second.goto(f"/learn/{LESSON}/write")

    first.get_by_role("textbox", name="Your post for X").fill("Written in the first tab.")
    expect(first.locator("#composer-status")).to_contain_text("version 1", timeout=10_000)
    second.get_by_role("textbox", name="Your post for X").fill("Written in the second tab.")
    conflict = second.get_by_role("alert").filter(has_text="This draft was changed somewhere else")
    expect(conflict).to_be_visible(timeout=10_000)
    expect(conflict).to_contain_text("Written in the first tab.")
    expect(conflict).to_contain_text("Written in the second tab.")
    screenshot(second, "composer-conflict")

    second.get_by_role("button", name="Keep my text").click()
    expect(second.locator("#composer-status")).to_contain_text("version 2", timeout=10_000)
    second.goto(f"/learn/{LESSON}/versions?older=1&newer=2")
    expect(second.locator(".diff del")).to_contain_text("first")
    expect(second.locator(".diff ins")).to_contain_text("second")


def test_leaving_with_unsaved_text_warns(browsing, learner):
    page = browsing.new_page()
    box = _open_composer(page, learner.email)
    box.press_sequentially("Not saved yet")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]


def test_no_script_runs_from_what_a_writer_types(browsing, learner):
    page = browsing.new_page()
    page.on("dialog", lambda dialog: (_ for _ in ()).throw(AssertionError(f"a dialog opened: {dialog.message}")))
    box = _open_composer(page, learner.email)
    box.fill("\n\n".join(XSS))
    expect(page.locator("#composer-status")).to_contain_text("version 1", timeout=10_000)
    expect(page.locator("[data-preview=post] [data-preview-body]")).to_contain_text("hover")
    for _ in range(2):  # the live preview, then the page rendered by the server
        preview = page.locator("[data-preview=post] [data-preview-body]")
        preview.locator("a").first.hover()
        assert page.evaluate("window.xss") is None
        assert preview.locator("script, img, svg, iframe").count() == 0
        handlers = preview.evaluate(
            "body => [...body.querySelectorAll('*')].flatMap(el => [...el.attributes].map(a => a.name))"
            ".filter(name => name.startsWith('on'))")
        assert handlers == []
        hrefs = preview.evaluate("body => [...body.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert all(href is None or re.match(r"https?://", href) for href in hrefs)
        page.reload()


def test_what_is_typed_before_the_script_has_loaded_is_saved_too(browsing, learner):
    page = browsing.new_page()
    held = []
    page.route("**/static/js/composer.js", lambda route: held.append(route))
    sign_in(page, learner.email, PASSWORD)
    page.goto(f"/learn/{LESSON}/write", wait_until="commit")  # deferred scripts hold back DOMContentLoaded
    page.get_by_role("textbox", name="Your post for X").fill("Typed on a slow connection, before the script.")
    expect(page.locator("#composer-status")).to_contain_text("Not saved yet")
    held[0].continue_()
    expect(page.locator("#composer-status")).to_contain_text("version 1")
