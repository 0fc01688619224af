"""The guidelines builder through HTTP: start, details, one step per section, order, publish, discard, preview."""
import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from course.dates import format_day
from course.extensions import db
from course.guidelines import services
from course.guidelines.content import suggestion_fields
from course.guidelines.models import GuidelineSection
from course.guidelines.rules import Rules
from course.guidelines.suggestions import suggested_text, suggested_title
from tests.guidelines.conftest import all_versions, input_value, section_keys, text_of, textarea

STANDARD = ["purpose", "spokespeople", "accounts", "disclosure", "confidentiality", "tone", "mistakes", "crisis",
            "privacy", "images", "leadership"]
NO_RULES = {"employer_names": [], "disclosure_phrases": [], "forbidden_terms": [], "hashtags": [], "platforms": []}


def fields(**values) -> dict[str, str]:
    """The fields a new English draft of Acme AG fills its suggestions with."""
    return {"organisation": "Acme AG", "disclosure": "my own views", **values}


def previous_text(page: str) -> str:
    match = re.search(r'<textarea id="previous-text"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    assert match, "no previous text"
    return match.group(1)


# Starting ------------------------------------------------------------------------------------------------------------

def test_starting_creates_version_1_with_the_eleven_standard_sections(start, trainer, organisation):
    used = start(trainer, "de")
    draft = used.draft
    assert (draft.number, draft.language, draft.is_published, draft.revision) == (1, "de", False, 0)
    assert [(section.key, section.position) for section in draft.sections] == list(zip(STANDARD, range(11),
                                                                                          strict=True))
    assert all(s.title is None and s.body is None and not s.is_skipped for s in draft.sections)
    assert draft.details == {"organisation": "Acme AG"}
    assert draft.rules == {**NO_RULES, "employer_names": ["Acme AG"],
                           "disclosure_phrases": ["meine persönliche Meinung"]}
    assert draft.created_by_id == trainer.id
    page = text_of(used.visitor.get(f"/guidelines/{organisation.id}/draft/details"))
    assert "Version 1 is started as a draft. Only people who build the guidelines see it" in page
    assert "Warum wir von Ihnen hören möchten" in page and "In der Krise: wen Sie anrufen" in page  # the steps


def test_a_leadership_learner_starts_in_english(start, leader):
    draft = start(leader, "en").draft
    assert draft.language == "en" and draft.created_by_id == leader.id
    assert draft.rules["disclosure_phrases"] == ["my own views"]


def test_a_language_without_suggestions_is_refused(builder, trainer, organisation):
    assert builder(trainer).start("fr").status_code == 400
    assert all_versions(organisation) == []


def test_starting_again_keeps_the_draft(start, trainer, organisation):
    used = start(trainer)
    assert used.section("purpose", body="Our own purpose.").status_code == 302
    draft = used.draft
    response = used.start("de")
    assert response.status_code == 302 and response.location.endswith("/draft/details")
    again = used.draft
    assert [v.id for v in all_versions(organisation)] == [draft.id]
    assert again.language == "en" and again.revision == 1
    assert used.section_of("purpose").body == "Our own purpose."
    assert "is started as a draft" not in text_of(used.visitor.get(response.location))


def test_after_publishing_start_copies_the_published_version(published, start, leader, organisation):
    first = published(
        language="de", details={"organisation": "Acme", "social_contact": "Mara, social@acme.example",
                                "crisis_contact": "0170 1234567"},
        rules=Rules(employer_names=("Acme",), disclosure_phrases=("privat hier",), forbidden_terms=("Falke",),
                    hashtags=("#Acme",), platforms=("linkedin",)),
        texts={"tone": "Freundlich bleiben."}, titles={"tone": "Unser Ton"}, skipped=("images",),
        added=(("Betriebsrat", "Sprechen Sie uns an."),), moves=(("crisis", -1),))
    published_at = first.published_at
    draft = start(leader, "en").draft
    assert draft.number == 2 and draft.id != first.id and not draft.is_published
    assert draft.language == "de"  # the published version's, not the form's
    assert draft.details == first.details and draft.rules == first.rules
    assert draft.rules["forbidden_terms"] == ["Falke"]

    def rows(version):
        return [(s.key, s.position, s.title, s.body, s.is_skipped) for s in version.sections]

    assert rows(draft) == rows(first)
    assert section_keys(draft) == STANDARD[:6] + ["crisis", "mistakes"] + STANDARD[8:] + ["custom-1"]
    assert ("tone", 5, "Unser Ton", "Freundlich bleiben.", False) in rows(draft)
    # Published with the suggestion frozen in: the copy starts from that text, skipped as it was.
    assert rows(draft)[9] == ("images", 9, "Bilder und Urheberrecht",
                              suggested_text("images", "de", suggestion_fields(first)), True)
    db.session.refresh(first)
    assert first.is_published and first.published_at == published_at and first.number == 1


# The details step ----------------------------------------------------------------------------------------------------

def test_the_details_are_saved(start, trainer, organisation):
    used = start(trainer)
    response = used.details(organisation="Acme Group", social_contact="Mara Schulz, social@acme.example",
                            crisis_contact="Press office: +49 30 555 0100", employer_names="Acme AG\nAcme\n\nacme",
                            hashtags="#AcmeTeam, AcmeNews;#acmeteam", platforms=["linkedin", "mastodon"])
    assert response.status_code == 302 and response.location.endswith("/draft/details")
    draft = used.draft
    assert draft.details == {"organisation": "Acme Group", "social_contact": "Mara Schulz, social@acme.example",
                             "crisis_contact": "Press office: +49 30 555 0100"}
    assert draft.rules == {**NO_RULES, "employer_names": ["Acme AG", "Acme"], "hashtags": ["#AcmeTeam", "#AcmeNews"],
                           "platforms": ["linkedin", "mastodon"], "disclosure_phrases": ["my own views"]}
    assert draft.revision == 1 and draft.updated_by_id == trainer.id
    page = used.visitor.page(f"/guidelines/{organisation.id}/draft/details")
    assert "The details are saved." in page
    assert input_value(page, "organisation") == "Acme Group"
    assert input_value(page, "hashtags") == "#AcmeTeam #AcmeNews"
    assert textarea(page, "employer_names") == "Acme AG\nAcme"
    assert textarea(page, "crisis_contact") == "Press office: +49 30 555 0100"
    checked = re.findall(r'<input checked[^>]*name="platforms"[^>]*value="(\w+)"', page)
    assert checked == ["mastodon", "linkedin"]  # in the order the platforms are listed


def test_save_and_continue_goes_to_the_first_section(start, trainer):
    used = start(trainer)
    response = used.details(action="save_next")
    assert response.status_code == 302 and response.location.endswith("/draft/sections/purpose")
    used.move("purpose", "down")
    response = used.details(action="save_next")
    assert response.location.endswith("/draft/sections/spokespeople")


def test_an_invalid_hashtag_is_refused_and_nothing_typed_is_lost(start, trainer):
    used = start(trainer)
    response = used.details(organisation="Acme Group", crisis_contact="Call Jo: 0170 1234567",
                            employer_names="Acme\nACME Labs", hashtags="#AcmeTeam #a-b 2026", platforms=["bluesky"])
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert ("These are not hashtags: #a-b, 2026. A hashtag is # followed by letters and digits, without spaces or "
            "hyphens.") in text_of(response)
    assert input_value(page, "organisation") == "Acme Group"
    assert textarea(page, "crisis_contact") == "Call Jo: 0170 1234567"
    assert textarea(page, "employer_names") == "Acme\nACME Labs"
    assert input_value(page, "hashtags") == "#AcmeTeam #a-b 2026"
    assert re.findall(r'<input checked[^>]*name="platforms"[^>]*value="(\w+)"', page) == ["bluesky"]
    draft = used.draft
    assert draft.details == {"organisation": "Acme AG"} and draft.revision == 0
    assert draft.rules["hashtags"] == [] and draft.rules["employer_names"] == ["Acme AG"]


def test_a_stale_details_form_tells_and_keeps_the_entries(start, builder, trainer, leader):
    mine, theirs = start(trainer), builder(leader)
    assert theirs.details(revision=0, crisis_contact="Lea: 0170 111").status_code == 302
    response = mine.details(revision=0, crisis_contact="Tara: 0170 222", hashtags="#AcmeTeam")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert ("Lea Leader changed the details while you were editing. Your entries are below; saving them replaces "
            "those changes.") in text_of(response)
    assert textarea(page, "crisis_contact") == "Tara: 0170 222" and input_value(page, "hashtags") == "#AcmeTeam"
    assert mine.draft.details["crisis_contact"] == "Lea: 0170 111"
    # Saving the page as it is now replaces the colleague's change, as the message says.
    assert input_value(page, "revision") == "1"
    response = mine.details(revision=int(input_value(page, "revision")), crisis_contact="Tara: 0170 222")
    assert response.status_code == 302
    assert mine.draft.details["crisis_contact"] == "Tara: 0170 222"


# A section's step ----------------------------------------------------------------------------------------------------

def test_a_section_shows_the_suggestion_filled_with_the_details(start, trainer, organisation):
    used = start(trainer)
    path = f"/guidelines/{organisation.id}/draft/sections/crisis"
    before = used.visitor.page(path)
    assert "[add who to call in a crisis, with phone number]" in textarea(before, "body")
    used.details(crisis_contact="Press office: +49 30 555 0100")
    page = used.visitor.page(path)
    body = textarea(page, "body")
    assert body == suggested_text("crisis", "en", fields(crisis_contact="Press office: +49 30 555 0100"))
    assert "**In a crisis, call Press office: +49 30 555 0100.**" in body
    assert input_value(page, "title") == "In a crisis: whom to call"
    assert "This is the suggested text, with your organisation’s details filled in." in page
    assert "<strong>In a crisis, call Press office: +49 30 555 0100.</strong>" in page  # the preview
    assert "Rufen Sie in einer Krise an: Press office: +49 30 555 0100." in page  # the German suggestion


def test_saving_a_section(start, trainer, organisation):
    used = start(trainer)
    response = used.section("crisis", title=" Crisis line ", body="Call **Mara**: 0170 1234567.\r\nDay and night.\r\n")
    assert response.status_code == 302 and response.location.endswith("/draft/sections/crisis")
    crisis = used.section_of("crisis")
    assert (crisis.title, crisis.body, crisis.revision) == ("Crisis line", "Call **Mara**: 0170 1234567.\nDay and "
                                                                           "night.", 1)
    assert used.draft.revision == 1
    page = used.visitor.page(f"/guidelines/{organisation.id}/draft/sections/crisis")
    assert "“Crisis line” is saved." in page
    assert "This is the suggested text" not in page
    assert textarea(page, "body") == "Call **Mara**: 0170 1234567.\nDay and night."
    assert "<strong>Mara</strong>" in page


def test_save_and_continue_goes_to_the_next_step(start, trainer):
    used = start(trainer)
    response = used.section("crisis", body="Call Mara.", action="save_next")
    assert response.location.endswith("/draft/sections/privacy")
    response = used.section("leadership", body="Lead.", action="save_next")
    assert response.location.endswith("/draft/publish")


def test_a_section_without_a_title_is_refused_and_the_text_kept(start, trainer):
    used = start(trainer)
    response = used.section("tone", title="   ", body="Be kind, even when it is hard.")
    assert response.status_code == 200
    assert "Give the section a title." in text_of(response)
    assert textarea(response.get_data(as_text=True), "body") == "Be kind, even when it is hard."
    tone = used.section_of("tone")
    assert (tone.title, tone.body, tone.revision) == (None, None, 0)


def test_saving_the_suggestion_unchanged_keeps_it_following_the_details(start, trainer, organisation):
    used = start(trainer)
    used.details(crisis_contact="Jo: 0170 1")
    path = f"/guidelines/{organisation.id}/draft/sections/crisis"
    page = used.visitor.page(path)
    # As a browser sends it: CRLF line endings.
    response = used.section("crisis", title=input_value(page, "title"),
                            body=textarea(page, "body").replace("\n", "\r\n"))
    assert response.status_code == 302
    crisis = used.section_of("crisis")
    assert (crisis.title, crisis.body, crisis.revision) == (None, None, 1)
    used.details(crisis_contact="Kim: 0170 2")
    body = textarea(used.visitor.page(path), "body")
    assert "Kim: 0170 2" in body and "Jo: 0170 1" not in body
    assert used.publish("With Kim.").status_code == 302
    db.session.rollback()
    frozen = db.session.get(GuidelineSection, crisis.id)
    assert frozen.body == suggested_text("crisis", "en", fields(crisis_contact="Kim: 0170 2"))
    assert frozen.title == "In a crisis: whom to call"


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_suggestion_goes_into_the_editor_without_being_saved(start, trainer, language):
    used = start(trainer)
    used.details(crisis_contact="Jo: 0170 1")
    used.section("crisis", title="Our crisis plan", body="Call Jo.")
    response = used.section("crisis", title="Our crisis plan", body="Call Jo, typed further.", action=None,
                            use_suggestion=language)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert input_value(page, "title") == suggested_title("crisis", language)
    assert textarea(page, "body") == suggested_text("crisis", language, fields(crisis_contact="Jo: 0170 1"))
    assert previous_text(page) == "Call Jo, typed further."
    assert "The suggestion is in the editor, not saved yet. Your previous text is below" in page
    assert input_value(page, "revision") == "1"
    crisis = used.section_of("crisis")
    assert (crisis.title, crisis.body, crisis.revision) == ("Our crisis plan", "Call Jo.", 1)


def test_two_editors_saving_the_same_section(start, builder, trainer, leader):
    mine, theirs = start(trainer), builder(leader)
    assert theirs.section("tone", title="Tone", body="Lea's **tone** text.", revision=0).status_code == 302
    response = mine.section("tone", title="Our tone", body="Tara's tone text.", revision=0)
    assert response.status_code == 200
    page, text = response.get_data(as_text=True), text_of(response)
    assert ("Lea Leader saved this section while you were editing. Their text is shown below yours; combine the "
            "two and save again.") in text
    assert re.search(r"The text saved meanwhile</h2>\s*<div class=\"guidelines-text\"><p>Lea's <strong>tone</strong> "
                     r"text.</p></div>", text)
    assert textarea(page, "body") == "Tara's tone text." and input_value(page, "title") == "Our tone"
    tone = mine.section_of("tone")
    assert (tone.title, tone.body, tone.revision) == ("Tone", "Lea's **tone** text.", 1)
    # Combined and saved from the page as shown: now it goes through.
    response = mine.section("tone", title="Our tone", body="Lea's and Tara's text.",
                            revision=int(input_value(page, "revision")))
    assert response.status_code == 302
    tone = mine.section_of("tone")
    assert (tone.title, tone.body, tone.revision) == ("Our tone", "Lea's and Tara's text.", 2)


# Rules edited beside the text ----------------------------------------------------------------------------------------

def test_the_disclosure_step_saves_the_disclosure_phrases(start, trainer, organisation):
    used = start(trainer)
    page = used.visitor.page(f"/guidelines/{organisation.id}/draft/sections/disclosure")
    assert textarea(page, "disclosure_phrases") == "my own views" and 'name="forbidden_terms"' not in page
    used.section("disclosure", body="Say so.", disclosure_phrases="my own views\nI speak for myself\n\nMY OWN VIEWS")
    assert used.draft.rules == {**NO_RULES, "employer_names": ["Acme AG"],
                                "disclosure_phrases": ["my own views", "I speak for myself"]}


def test_the_confidentiality_step_saves_the_forbidden_terms(start, trainer, organisation):
    used = start(trainer)
    page = used.visitor.page(f"/guidelines/{organisation.id}/draft/sections/confidentiality")
    assert textarea(page, "forbidden_terms") == "" and 'name="disclosure_phrases"' not in page
    used.section("confidentiality", body="Keep it in.", forbidden_terms="Project Falcon\n  Client   Zebra \n")
    assert used.draft.rules == {**NO_RULES, "employer_names": ["Acme AG"], "disclosure_phrases": ["my own views"],
                                "forbidden_terms": ["Project Falcon", "Client Zebra"]}


def test_other_steps_leave_the_rules_alone(start, trainer, organisation):
    used = start(trainer)
    used.section("confidentiality", body="Keep it in.", forbidden_terms="Project Falcon")
    rules = used.draft.rules
    page = used.visitor.page(f"/guidelines/{organisation.id}/draft/sections/tone")
    assert 'name="disclosure_phrases"' not in page and 'name="forbidden_terms"' not in page
    response = used.section("tone", body="Kind.", disclosure_phrases="", forbidden_terms="Something else")
    assert response.status_code == 302
    assert used.draft.rules == rules and used.section_of("tone").body == "Kind."


# Order, skipping, sections of one's own ------------------------------------------------------------------------------

def test_skipping_a_section_and_including_it_again(start, trainer, organisation):
    used = start(trainer)
    used.section("tone", body="Our own tone.")
    response = used.skip("tone")
    assert response.status_code == 302 and response.location.endswith("/draft/sections/tone")
    assert used.section_of("tone").is_skipped
    page = used.visitor.page(response.location)
    assert "The section is skipped: it stays here but is left out of the guidelines." in page
    assert "This section is skipped: it is left out of the guidelines." in page and "Include this section again" in page
    review = used.visitor.page(f"/guidelines/{organisation.id}/draft/publish")
    assert 'id="order-tone"' in review and 'id="section-tone"' not in review and 'id="section-mistakes"' in review
    response = used.skip("tone", False, back="publish")
    assert response.location.endswith("/draft/publish#order-tone")
    tone = used.section_of("tone")
    assert not tone.is_skipped and tone.body == "Our own tone."
    assert "The section is part of the guidelines again." in used.visitor.page(response.location)


def test_moving_sections(start, trainer, organisation):
    used = start(trainer)
    response = used.move("crisis", "up")
    assert response.status_code == 302 and response.location.endswith("/draft/publish#order-crisis")
    assert section_keys(used.draft) == STANDARD[:6] + ["crisis", "mistakes"] + STANDARD[8:]
    used.move("crisis", "down")
    assert section_keys(used.draft) == STANDARD and used.draft.revision == 2
    used.move("purpose", "up")
    used.move("leadership", "down")
    assert section_keys(used.draft) == STANDARD and used.draft.revision == 2  # nothing moved, nothing saved
    page = text_of(used.visitor.get(f"/guidelines/{organisation.id}/draft/publish"))
    assert re.search(r'aria-label="Move “Why we want to hear from you” up" disabled', page)
    assert not re.search(r'aria-label="Move “Why we want to hear from you” down" disabled', page)
    assert re.search(r'aria-label="Move “Leading by example” down" disabled', page)


def test_adding_editing_and_deleting_a_section_of_ones_own(start, trainer, organisation):
    used = start(trainer)
    response = used.add("   ")
    assert response.status_code == 200 and "Give the new section a title." in text_of(response)
    assert section_keys(used.draft) == STANDARD

    response = used.add("Working with the works council")
    assert response.status_code == 302 and response.location.endswith("/draft/sections/custom-1")
    assert section_keys(used.draft) == STANDARD + ["custom-1"]
    added = used.section_of("custom-1")
    assert (added.title, added.body, added.position, added.is_skipped) == ("Working with the works council", "", 11,
                                                                           False)
    page = text_of(used.visitor.get(response.location))
    assert "“Working with the works council” is added at the end. Write its text here." in page
    assert 'id="suggestions-title"' not in page and "Delete this section" in page

    assert used.section("custom-1", title="The works council", body="Talk to **Kim** first.").status_code == 302
    added = used.section_of("custom-1")
    assert (added.title, added.body) == ("The works council", "Talk to **Kim** first.")
    used.add("Events")
    assert section_keys(used.draft) == STANDARD + ["custom-1", "custom-2"]

    response = used.delete("custom-1")
    assert response.status_code == 302 and response.location.endswith("/draft/publish")
    assert section_keys(used.draft) == STANDARD + ["custom-2"]
    assert "The section is deleted." in used.visitor.page(response.location)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GuidelineSection)) == 12


def test_a_standard_section_cannot_be_deleted(start, trainer, organisation):
    used = start(trainer)
    response = used.delete("purpose")
    assert response.status_code == 302 and response.location.endswith("/draft/sections/purpose")
    assert "Standard sections cannot be deleted; skip it instead." in used.visitor.page(response.location)
    assert section_keys(used.draft) == STANDARD
    page = used.visitor.page(f"/guidelines/{organisation.id}/draft/sections/purpose")
    assert "Delete this section" not in page


# Publishing and discarding -------------------------------------------------------------------------------------------

def test_publishing_needs_a_note(start, trainer):
    used = start(trainer)
    response = used.publish("   ")
    assert response.status_code == 200
    assert "Say in a sentence what this version is about or what changed." in text_of(response)
    assert not used.draft.is_published and used.draft.published_at is None


def test_publishing_with_every_section_skipped_is_refused(start, trainer):
    used = start(trainer)
    for key in STANDARD:
        used.skip(key)
    response = used.publish("Nothing in it.")
    assert response.status_code == 200
    assert "Every section is skipped. Include at least one before you publish." in text_of(response)
    assert used.draft is not None and not used.draft.is_published


def test_publishing_freezes_the_text(start, leader, organisation):
    used = start(leader)
    used.details(crisis_contact="Jo: 0170 1", hashtags="#AcmeTeam")
    used.section("tone", title="Our tone", body="Kind.")
    used.skip("images")
    response = used.publish("  First version, by leadership.  ")
    assert response.status_code == 302 and response.location.endswith(f"/guidelines/{organisation.id}")
    (version,) = all_versions(organisation)
    assert version.is_published and version.published_by_id == leader.id
    assert version.note == "First version, by leadership." and version.published_at is not None
    filled = fields(crisis_contact="Jo: 0170 1", hashtags="#AcmeTeam")
    for section in version.sections:
        if section.key == "tone":
            assert (section.title, section.body) == ("Our tone", "Kind.")
        else:
            assert section.title == suggested_title(section.key, "en")
            assert section.body == suggested_text(section.key, "en", filled)
    assert "#AcmeTeam" in next(s.body for s in version.sections if s.key == "accounts")
    assert "Version 1 is published. Learners are asked to acknowledge it." in used.visitor.page(response.location)
    assert used.draft is None


def test_a_published_version_is_read_only(published, builder, trainer, organisation):
    version = published()
    section = version.sections[0]
    message = "Version 1 is published and can no longer be changed. Start a new version to change it."
    changes = [
        lambda: services.save_section(section, trainer, revision=section.revision, title="New", body="New"),
        lambda: services.update_details(version, trainer, revision=version.revision, language="en", details={},
                                        rules={}),
        lambda: services.set_skipped(section, trainer, True),
        lambda: services.move_section(section, trainer, 1),
        lambda: services.add_section(version, trainer, "More"),
        lambda: services.delete_section(section, trainer),
        lambda: services.publish(version, trainer, "Again"),
        lambda: services.discard_draft(version),
    ]
    for change in changes:
        with pytest.raises(services.GuidelinesError) as raised:
            change()
        assert raised.value.problems == {"": message}
    db.session.rollback()

    used = builder(trainer)
    base = f"/guidelines/{organisation.id}/draft"
    for path in ("/details", "/sections/purpose", "/publish"):
        assert used.visitor.get(base + path).status_code == 404, path
    posts = {"/sections/purpose": {"revision": "0", "title": "New", "body": "New", "save": "1"},
             "/details": {"revision": str(version.revision), "language": "en", "crisis_contact": "New", "save": "1"},
             "/sections/purpose/skip": {"skipped": "1"}, "/sections/tone/move": {"direction": "up"},
             "/sections": {"title": "More"}, "/sections/purpose/delete": {}, "/publish": {"note": "Again"},
             "/discard": {}}
    for path, data in posts.items():
        assert used.visitor.post(base + path, data).status_code == 404, path
    (stored,) = all_versions(organisation)
    assert stored.is_published and stored.note == "First version." and stored.details == {"organisation": "Acme AG"}
    assert section_keys(stored) == STANDARD and stored.sections[0].body == suggested_text("purpose", "en", fields())


def test_an_old_builder_address_says_the_version_was_published_and_leads_on(published, builder, trainer, staff,
                                                                         organisation):
    version = published()
    with force_locale("en"):
        day = format_day(version.published_at)
    page = builder(trainer).visitor.get(f"/guidelines/{organisation.id}/draft/sections/purpose")
    html = page.get_data(as_text=True)
    assert page.status_code == 404
    assert f"Version 1 was published on {day}" in text_of(page) and trainer.name in text_of(page)
    assert f'href="/guidelines/{organisation.id}/versions/1"' in html
    assert f'action="/guidelines/{organisation.id}/draft"' in html and "Start the next version" in html
    assert 'name="csrf_token"' in html
    # Readers are refused as before; nothing of the builder is offered to them.
    assert builder(staff).visitor.get(f"/guidelines/{organisation.id}/draft/sections/purpose").status_code == 403


def test_without_any_version_the_builder_address_offers_to_start(builder, trainer, organisation):
    page = builder(trainer).visitor.get(f"/guidelines/{organisation.id}/draft/details")
    assert page.status_code == 404
    assert "No version of the guidelines is being drafted" in text_of(page)
    assert "Start the guidelines" in text_of(page)


def test_discarding_the_draft_keeps_the_published_versions(published, start, trainer, organisation):
    first = published(texts={"purpose": "Why we are here."})
    used = start(trainer)
    used.section("purpose", body="Changed in the draft.")
    response = used.discard()
    assert response.status_code == 302 and response.location.endswith(f"/guidelines/{organisation.id}")
    assert "The draft is discarded. The published guidelines are unchanged." in text_of(
        used.visitor.get(response.location))
    (stored,) = all_versions(organisation)
    assert stored.id == first.id and stored.is_published
    assert next(s.body for s in stored.sections if s.key == "purpose") == "Why we are here."
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GuidelineSection)) == 11
    assert used.visitor.get(f"/guidelines/{organisation.id}/draft/details").status_code == 404


def test_discarding_a_first_draft_leaves_nothing(start, trainer, organisation):
    used = start(trainer)
    used.section("purpose", body="Soon gone.")
    assert used.discard().status_code == 302
    assert all_versions(organisation) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GuidelineSection)) == 0


# The live preview ----------------------------------------------------------------------------------------------------

def test_the_live_preview_is_sanitised_markdown(builder, trainer):
    used = builder(trainer)
    response = used.preview({"text": '**x** and <script>alert(1)</script><a href="javascript:alert(2)">link</a>'})
    assert response.status_code == 200
    html = response.get_json()["html"]
    assert html.startswith("<p><strong>x</strong> and ")
    assert "<script" not in html and "alert(" not in html and "javascript:" not in html
    assert used.preview({"text": ["not", "text"]}).get_json() == {"html": ""}
    assert used.preview({}).get_json() == {"html": ""}


def test_the_live_preview_is_for_editors_only(builder, staff, leader):
    assert builder(staff).preview({"text": "**x**"}).status_code == 403
    assert builder(leader).preview({"text": "**x**"}).get_json() == {"html": "<p><strong>x</strong></p>"}


def test_a_section_too_long_is_refused_at_its_field_with_the_text_kept_and_not_rendered(start, trainer, monkeypatch):
    import course.guidelines.builder.pages as pages

    rendered = []
    monkeypatch.setattr(pages, "render_user_markdown", lambda text: rendered.append(len(text)) or "")
    used = start(trainer)
    body = "Be kind. " * 2_500  # 22,500 characters
    response = used.section("tone", body=body)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This has 22500 characters; at most 20000 fit." in text_of(response)
    assert "The page was out of date" not in text_of(response)
    assert textarea(page, "body") == body.replace("\r\n", "\n")
    assert max(rendered, default=0) < 20_000  # only the suggestions, never the refused text
    assert used.section_of("tone").body is None


def test_the_live_preview_refuses_a_text_too_long_before_rendering_it(start, trainer):
    response = start(trainer).preview({"text": "x" * 20_001})
    assert response.status_code == 422 and "at most 20000" in response.get_json()["problem"]
