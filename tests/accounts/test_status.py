"""A person's status is decided in one place, User.status, and said the same way on every page."""
from datetime import timedelta

from course.accounts.models import PersonStatus, Role
from course.accounts.status import status_in_words
from course.database import utcnow
from course.extensions import db


def test_status_follows_the_account(app, create_user):
    invited = create_user(Role.LEARNER, password=None)
    active = create_user(Role.LEARNER)
    deactivated_invited = create_user(Role.LEARNER, password=None, active=False)
    deactivated = create_user(Role.LEARNER, active=False)

    assert invited.status is PersonStatus.INVITED
    assert active.status is PersonStatus.ACTIVE
    assert deactivated.status is deactivated_invited.status is PersonStatus.DEACTIVATED  # deactivation wins
    assert [invited.status_label, active.status_label, deactivated.status_label] == ["invited", "active", "deactivated"]


def test_status_in_words(app, create_user):
    invited = create_user(Role.LEARNER, password=None)
    new = create_user(Role.LEARNER)
    seen = create_user(Role.LEARNER, last_seen_at=utcnow() - timedelta(hours=2))
    db.session.commit()

    with app.test_request_context():
        assert status_in_words(invited) == "invited"
        assert status_in_words(invited, utcnow()).startswith("invited on ")
        assert status_in_words(new) == "active, not signed in yet"
        assert status_in_words(seen).startswith("active, last seen ")
        seen.active = False
        assert status_in_words(seen) == "deactivated"
