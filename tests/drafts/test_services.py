"""Saving, versions, conflicts and submission, at the service level."""
from datetime import timedelta

import pytest

from course.curriculum.models import LessonProgress
from course.drafts.services import VERSION_WINDOW, DraftConflict, DraftError, draft_for, save_draft
from course.extensions import db
from course.review.submission import submit_draft
from course.text.platforms import UnknownPlatform
from tests.drafts.conftest import PROFILE_LESSON, THREE_PLATFORMS


def _save(user, lesson, text, revision=0, platform="x", **options):
    return save_draft(user, lesson, {"post": text}, platform=platform, revision=revision, **options)


def test_first_save_creates_version_one(learner, lesson):
    draft = _save(learner, lesson(), "A first draft about a tool I trust.")
    assert (draft.revision, draft.platform, len(draft.versions)) == (1, "x", 1)
    assert draft.texts == {"post": "A first draft about a tool I trust."}


def test_saves_within_the_window_refine_the_version_and_later_ones_start_a_new_one(learner, lesson):
    draft = _save(learner, lesson(), "One.")
    draft = _save(learner, lesson(), "One. Two.", revision=1)
    assert (draft.revision, [v.number for v in draft.versions]) == (2, [1])
    draft.latest.created_at -= VERSION_WINDOW + timedelta(minutes=1)
    draft = _save(learner, lesson(), "One. Two. Three.", revision=2)
    assert [v.texts["post"] for v in draft.versions] == ["One. Two.", "One. Two. Three."]


def test_a_save_from_an_older_revision_is_a_conflict_and_overwrites_nothing(learner, lesson):
    _save(learner, lesson(), "Written in the first tab.")
    _save(learner, lesson(), "Written in the first tab, then more.", revision=1)
    with pytest.raises(DraftConflict) as raised:
        _save(learner, lesson(), "Written in the second tab.", revision=1)
    db.session.expire_all()  # read back what is stored
    stored = draft_for(learner, lesson().slug)
    assert raised.value.draft is stored and stored.revision == 2
    assert stored.texts["post"] == "Written in the first tab, then more."


def test_the_same_text_from_an_older_revision_is_no_conflict(learner, lesson):
    _save(learner, lesson(), "Same text.")
    _save(learner, lesson(), "Same text, longer.", revision=1)
    assert _save(learner, lesson(), "Same text, longer.", revision=1).revision == 2


def test_keeping_my_text_after_a_conflict_makes_a_new_version(learner, lesson):
    _save(learner, lesson(), "Theirs.")
    draft = _save(learner, lesson(), "Mine.", revision=1, new_version=True)
    assert [v.texts["post"] for v in draft.versions] == ["Theirs.", "Mine."]


def test_line_endings_are_stored_as_newlines(learner, lesson):
    assert _save(learner, lesson(), "Line one\r\nLine two\rthree").texts["post"] == "Line one\nLine two\nthree"


def test_an_empty_first_draft_is_not_saved(learner, lesson):
    with pytest.raises(DraftError, match="empty draft"):
        _save(learner, lesson(), "   ")


def test_text_over_20000_characters_is_refused_with_its_length(learner, lesson):
    with pytest.raises(DraftError) as raised:
        _save(learner, lesson(), "x" * 20_001)
    assert "20,001" in raised.value.problems["post"] and "20,000" in raised.value.problems["post"]


def test_a_platform_the_exercise_does_not_offer_is_named_in_the_error(learner, lesson):
    with pytest.raises(UnknownPlatform, match="X, Bluesky, Mastodon, LinkedIn"):
        _save(learner, lesson(), "Hello", platform="myspace")


def test_submitting_reads_the_lesson_and_is_refused_twice(learner, lesson):
    draft = _save(learner, lesson(), "Ask Jo about audits: she explains the why.")
    version = submit_draft(learner, lesson(), draft)
    progress = db.session.query(LessonProgress).filter_by(user_id=learner.id, lesson_slug=lesson().slug).one()
    # Complete once the feedback is answered (tests/review/test_completion.py).
    assert version.is_submitted and draft.is_submitted and progress.is_read and not progress.is_completed
    with pytest.raises(DraftError, match="already with your reviewers"):
        submit_draft(learner, lesson(), draft)


def test_revising_after_submission_makes_a_new_version(learner, lesson):
    draft = _save(learner, lesson(), "Version one.")
    submit_draft(learner, lesson(), draft)
    first_submitted = draft.first_submitted_at
    draft = _save(learner, lesson(), "Version two, after feedback.", revision=draft.revision)
    assert draft.is_revising and [v.number for v in draft.versions] == [1, 2]
    submit_draft(learner, lesson(), draft)
    assert draft.is_submitted and draft.first_submitted_at == first_submitted


def test_over_the_limit_cannot_be_submitted_and_says_by_how_much(learner, lesson):
    draft = _save(learner, lesson(), "a" * 300)
    with pytest.raises(DraftError) as raised:
        submit_draft(learner, lesson(), draft)
    assert raised.value.problems["post"] == (
        "Your post for X has 300 characters as X counts them; X allows 280. Shorten it by 20 to submit.")
    assert not draft.is_submitted


def test_the_same_text_fits_bluesky(learner, lesson):
    draft = _save(learner, lesson(), "a" * 300, platform="bluesky")
    assert submit_draft(learner, lesson(), draft).is_submitted


def test_each_platform_needs_its_own_text(learner, lesson):
    three = lesson(THREE_PLATFORMS)
    draft = save_draft(learner, three, {"x": "Short.", "mastodon": "", "linkedin": "Longer."}, platform=None, revision=0)
    with pytest.raises(DraftError) as raised:
        submit_draft(learner, three, draft)
    assert list(raised.value.problems) == ["mastodon"]
    assert "Your post for Mastodon is empty" in raised.value.problems["mastodon"]


def test_profile_fields_have_their_own_limits(learner, lesson):
    profile = lesson(PROFILE_LESSON)
    draft = save_draft(learner, profile, {"bio": "b" * 161, "about": "About me."}, platform=None, revision=0)
    with pytest.raises(DraftError) as raised:
        submit_draft(learner, profile, draft)
    assert raised.value.problems == {
        "bio": "Short bio (up to 160 characters) has 161 characters; it may have 160. Shorten it by 1 to submit."}
