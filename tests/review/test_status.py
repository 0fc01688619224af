"""Where a review stands is decided in one place, for the cohort's review health and the learner page alike."""
from datetime import timedelta

import pytest

from course.database import utcnow
from course.review.models import Review, ReviewKind
from course.review.status import review_status

NOW = utcnow()


def _review(**fields) -> Review:
    return Review(**{"kind": ReviewKind.PEER, "assigned_at": NOW - timedelta(days=4), "due_at": NOW + timedelta(days=1),
                     **fields})


@pytest.mark.parametrize(("fields", "key", "words"), [
    ({}, "open", "open, due "),
    ({"due_at": NOW - timedelta(hours=1)}, "overdue", "overdue since "),
    ({"submitted_at": NOW}, "submitted", "submitted"),
    ({"submitted_at": NOW, "hidden_at": NOW}, "hidden", "submitted, hidden from the author"),
    ({"withdrawn_at": NOW, "submitted_at": NOW}, "withdrawn", "withdrawn: given to someone else"),
    ({"due_at": NOW - timedelta(days=1), "reassigned_at": NOW}, "extra", "overdue since "),
    ({"reassigned_at": NOW, "submitted_at": NOW}, "submitted", "extra review, submitted"),
], ids=["open", "overdue", "submitted", "hidden", "withdrawn", "extra", "extra-submitted"])
def test_each_state_has_one_key_and_its_words(app, fields, key, words):
    with app.test_request_context():
        assert review_status(_review(**fields), NOW)[0] == key
        assert review_status(_review(**fields), NOW)[1].startswith(words)


def test_the_learner_page_and_review_health_say_the_same(app):
    from course.dashboard.pages import learner
    from course.workspace.reviews import pages

    assert learner.review_status is pages.review_status is review_status
