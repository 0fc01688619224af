"""The composer pages: writing without JavaScript, autosave as JSON, conflicts, versions."""
import re

import pytest

from course.curriculum.models import LessonProgress
from course.drafts.services import draft_for
from course.extensions import db
from tests.conftest import open_every_stage
from tests.drafts.conftest import POST_LESSON, PROFILE_LESSON, THREE_PLATFORMS, Composer


def _textarea(html: str, name: str = "text_post") -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', html, re.S)
    assert match, f"no textarea {name}"
    return match.group(1)


def test_the_composer_explains_itself_before_anything_is_written(composer):
    html = composer.page()
    assert "Not saved yet" in html and "recommends something to your network" in html
    assert re.search(r'<input checked [^>]*name="platform" type="radio" value="x">', html)
    assert html.count('name="platform" type="radio"') == 4
    assert "0 / 280" in html and "280 left" in html
    assert "Your text appears here as you write." in html
    assert "Nothing to point out." in html
    assert 'src="/static/js/composer.js"' in html and 'id="composer-config"' in html


def test_saving_without_javascript_keeps_the_text_and_shows_count_and_preview(composer, writer):
    response = composer.save("Try #Pairing with @jo: https://example.com/pairing")
    assert response.status_code == 302 and response.location.endswith(f"/learn/{POST_LESSON}/write")
    html = composer.page()
    assert "Draft saved." in html and "Draft · version 1 · saved" in html
    assert _textarea(html) == "Try #Pairing with @jo: https://example.com/pairing"
    assert "46 / 280" in html  # 23 characters + a link counted as 23
    assert '<span class="post-hashtag">#Pairing</span>' in html and '<span class="post-mention">@jo</span>' in html


def test_submitting_sends_the_text_to_review_and_says_when_the_lesson_is_complete(composer, writer, client):
    response = composer.save("Ask Jo about audits: she explains the why.", action="submit")
    assert response.status_code == 302 and response.location.endswith(f"/learn/{POST_LESSON}#exercise")
    lesson_page = client.get(f"/learn/{POST_LESSON}").get_data(as_text=True)
    assert "Your text is submitted for peer review." in lesson_page
    assert "Submitted for review — complete once you have read and answered the feedback." in lesson_page
    assert "Submitted for peer review. You can revise it after the feedback." in lesson_page
    assert db.session.query(LessonProgress).filter_by(user_id=writer.id, lesson_slug=POST_LESSON).one().is_read


def test_over_the_limit_is_saved_marked_and_explained_on_submit(composer, writer):
    text = "Wow " * 75  # 300 characters
    html = composer.save(text, action="submit").get_data(as_text=True)
    assert "has 300 characters as X counts them; X allows 280. Shorten it by 20 to submit." in html
    assert _textarea(html) == text
    assert re.search(r"<mark data-overflow-text>(.*?)</mark>", html, re.S).group(1) == text[280:]
    assert "20 over the limit" in html
    assert draft_for(writer, POST_LESSON).texts["post"] == text  # saved, not submitted
    assert not draft_for(writer, POST_LESSON).is_submitted


@pytest.mark.parametrize("text, platform, message", [
    ("", "x", "Write something first: an empty draft is not saved."),
    ("Mein Text über Ärger und Öl." + "ß" * 20_000, "x", "a draft holds at most 20,000"),
    ("Mein Text für ein unbekanntes Netz.", "myspace", "This exercise is written for one of: X, Bluesky, Mastodon, LinkedIn."),
])
def test_bad_input_gets_a_clear_message_and_keeps_the_text(composer, text, platform, message):
    html = composer.save(text, platform=platform).get_data(as_text=True)
    assert message in html
    assert _textarea(html) == text


def test_autosave_answers_with_revision_preview_and_hints(composer):
    answer = composer.autosave("Hallo #Netzwerk").get_json()
    assert answer["revision"] == 1 and answer["version"] == 1
    assert answer["lengths"] == {"post": 15}
    assert '<span class="post-hashtag">#Netzwerk</span>' in answer["previews"]["post"]
    assert "Nothing to point out." in answer["hints"] and "version 1" in answer["status"]


def test_emptying_the_text_brings_back_the_empty_preview(composer):
    composer.autosave("Hallo #Netzwerk")
    answer = composer.autosave("", revision=1).get_json()
    assert answer["revision"] == 2
    assert "Your text appears here as you write." in answer["previews"]["post"]
    assert "Netzwerk" not in answer["previews"]["post"]


def test_autosave_from_a_stale_tab_is_a_conflict_showing_both_texts(composer, writer):
    composer.autosave("From the laptop.")
    composer.autosave("From the laptop, edited.", revision=1)
    response = composer.autosave("From the phone.", revision=1)
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["revision"] == 2
    assert "From the laptop, edited." in answer["conflict"] and "From the phone." in answer["conflict"]
    assert draft_for(writer, POST_LESSON).texts["post"] == "From the laptop, edited."
    kept = composer.autosave("From the phone.", revision=2, keep_mine="1").get_json()
    draft = draft_for(writer, POST_LESSON)
    assert kept["revision"] == 3 and [v.texts["post"] for v in draft.versions] == ["From the laptop, edited.",
                                                                                 "From the phone."]


def test_a_stale_form_post_shows_the_conflict_and_keeps_both(composer, writer):
    composer.save("Saved in the other tab.")
    html = composer.save("Typed here.", revision=0).get_data(as_text=True)
    assert "This draft was changed somewhere else" in html
    assert "Saved in the other tab." in html and _textarea(html) == "Typed here."
    assert '<input type="hidden" name="revision" value="1">' in html
    assert '<input type="hidden" name="keep_mine" value="1">' in html


def test_autosave_refuses_text_that_is_too_long(composer):
    response = composer.autosave("x" * 20_001)
    assert response.status_code == 422 and "at most 20,000" in response.get_json()["problems"]["post"]


def test_autosave_of_a_locked_lesson_is_refused(client, auth, writer):
    response = Composer(client, auth, "your-profile").autosave("Bio")
    assert response.status_code == 403 and "This stage opens" in response.get_json()["problems"][""]


def test_lessons_without_a_composer_exercise_have_no_composer(client, writer):
    assert client.get("/learn/networking-is-doing/write").status_code == 404


def test_versions_compare_word_by_word(composer, writer, client):
    composer.save("We tried a new tool.", action="submit")
    composer.save("We tried a better tool today.", revision=1)
    html = client.get(f"/learn/{POST_LESSON}/versions").get_data(as_text=True)
    assert "Version 2 – saved" in html and "Version 1 – submitted" in html
    assert "<del><span class=\"visually-hidden\">removed: </span>new</del>" in html
    assert "<ins><span class=\"visually-hidden\">added: </span>better</ins>" in html
    older_first = client.get(f"/learn/{POST_LESSON}/versions?older=2&newer=2").get_data(as_text=True)
    assert "No changes in this part." in older_first


def test_a_replaced_word_and_its_replacement_read_apart(composer, writer, client):
    composer.save("Post it in the app.", action="submit")
    composer.save("Post it in the week.", revision=1)
    html = client.get(f"/learn/{POST_LESSON}/versions").get_data(as_text=True)
    assert ('<del><span class="visually-hidden">removed: </span>app.</del> '
            '<ins><span class="visually-hidden">added: </span>week.</ins>') in html


def test_a_version_that_only_changed_spacing_says_so_without_empty_marks(composer, writer, client):
    composer.save("Post it in the app.", action="submit")
    composer.save("Post it  in the\napp.", revision=1)
    html = client.get(f"/learn/{POST_LESSON}/versions").get_data(as_text=True)
    diff = html.split('class="diff"')[1].split("</div>")[0]
    assert "Only spacing changed in this part." in html
    assert "<ins" not in diff and "<del" not in diff


def test_versions_before_writing_say_what_to_do(client, writer):
    html = client.get(f"/learn/{POST_LESSON}/versions").get_data(as_text=True)
    assert "You have not written anything for this exercise yet." in html and "Start writing" in html


def test_trainers_preview_the_exercise_without_a_composer(client, auth, trainer):
    auth.login(trainer.email)
    html = client.get(f"/learn/{POST_LESSON}").get_data(as_text=True)
    assert "Learners write this in the composer" in html and "/write" not in html


def test_what_users_type_is_escaped_in_every_place_it_appears(composer, writer):
    payload = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    composer.save(payload)
    composer.save(payload + " again", revision=0)  # conflict page shows both texts
    for html in (composer.page(), composer.save(payload + " again", revision=0).get_data(as_text=True)):
        assert "<script>alert" not in html and "onerror=alert" not in html.replace("&lt;img src=x onerror=alert", "")


def test_a_profile_is_written_field_by_field_with_its_own_limits(client, auth, writer):
    open_every_stage(writer)
    profile = Composer(client, auth, PROFILE_LESSON)
    html = profile.page()
    assert "Short bio (up to 160 characters)" in html and "0 / 160" in html and "0 / 2,000" in html
    assert 'name="platform"' not in html
    html = profile.save(None, text_bio="Ich helfe Teams, Prozesse zu verstehen. " * 5,
                        text_about="Worüber man mit mir sprechen kann: Qualität.", action="submit").get_data(as_text=True)
    assert "Short bio (up to 160 characters) has 200 characters; it may have 160. Shorten it by 40 to submit." in html
    response = profile.save(None, text_bio="Ich helfe Teams, Prozesse zu verstehen.", revision=1,
                            text_about="Worüber man mit mir sprechen kann: Qualität.", action="submit")
    assert response.status_code == 302
    assert draft_for(writer, PROFILE_LESSON).latest.texts == {
        "bio": "Ich helfe Teams, Prozesse zu verstehen.", "about": "Worüber man mit mir sprechen kann: Qualität."}


def test_one_message_for_three_platforms_is_counted_three_ways(client, auth, writer):
    open_every_stage(writer)
    three = Composer(client, auth, THREE_PLATFORMS)
    text = "Neu gelernt 👨‍👩‍👧: https://example.com/a-very-long-path-to-a-report"
    three.save(None, text_x=text, text_mastodon=text, text_linkedin=text)
    html = three.page()
    assert "Your post for X" in html and "Your post for Mastodon" in html and "Your post for LinkedIn" in html
    # X: 14 characters + the family emoji as 2 + the link as 23; Mastodon: the emoji is 1; LinkedIn: code points.
    assert "39 / 280" in html and "38 / 500" in html and f"{len(text)} / 3,000" in html


def test_the_composer_of_a_locked_lesson_says_when_it_opens(client, writer):
    response = client.get("/learn/your-profile/write")
    assert response.status_code == 403 and "This stage opens when" in response.get_data(as_text=True)


def test_control_characters_are_dropped_alike_by_the_form_and_by_autosave(composer, writer):
    composer.save("Form\x00 text\x1b.")
    assert draft_for(writer, POST_LESSON).texts == {"post": "Form text."}
    assert composer.autosave("Auto\x00save\x7f.", revision=1).status_code == 200
    db.session.expire_all()
    assert draft_for(writer, POST_LESSON).texts == {"post": "Autosave."}


def test_an_over_long_text_is_neither_counted_nor_previewed_when_shown_again(composer, monkeypatch):
    import course.drafts.pages as composer_module

    def refuse(*_args, **_kwargs):
        raise AssertionError("counted a text too long to store")

    monkeypatch.setattr(composer_module, "measure", refuse)
    monkeypatch.setattr(composer_module, "render_post", refuse)
    html = composer.save("x" * 20_001).get_data(as_text=True)
    assert "a draft holds at most 20,000" in html and _textarea(html) == "x" * 20_001
