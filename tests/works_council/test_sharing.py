"""The learner's choice to share their progress: offered only in the mode, off by default, audited."""
import sqlalchemy as sa

from course.audit.models import AuditEvent
from course.extensions import db
from tests.conftest import csrf_token
from tests.page_checks import duplicate_ids


def test_the_choice_is_offered_only_in_the_mode(client, auth, learner, organisation):
    auth.login(learner.email)
    assert "Share my progress with my trainer" not in client.get("/profile").get_data(as_text=True)
    assert client.post("/profile/sharing", data={"csrf_token": csrf_token(client)}).status_code == 403

    organisation.works_council_mode = True
    db.session.commit()
    page = client.get("/profile").get_data(as_text=True)
    assert "Share my progress with my trainer" in page
    assert "You do not share your progress with your trainer." in page
    assert duplicate_ids(page) == []


def test_switching_it_on_and_off_is_audited(client, auth, learner, organisation):
    organisation.works_council_mode = True
    db.session.commit()
    auth.login(learner.email)
    response = client.post("/profile/sharing", data={"sharing-csrf_token": csrf_token(client),
                                                     "sharing-shares_progress": "y"}, follow_redirects=True)
    assert "Your trainer now sees your progress." in response.get_data(as_text=True)
    db.session.refresh(learner)
    assert learner.shares_progress is True
    client.post("/profile/sharing", data={"sharing-csrf_token": csrf_token(client)})
    db.session.refresh(learner)
    assert learner.shares_progress is False
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "progress.sharing")
                                .order_by(AuditEvent.id)).all()
    assert [(e.subject_id, e.organisation_id, e.detail) for e in events] == [
        (learner.id, organisation.id, "shares progress"), (learner.id, organisation.id, "stopped sharing progress")]


def test_without_a_token_nothing_changes(client, auth, learner, organisation):
    organisation.works_council_mode = True
    db.session.commit()
    auth.login(learner.email)
    assert client.post("/profile/sharing", data={"sharing-shares_progress": "y"}).status_code == 400
    db.session.refresh(learner)
    assert learner.shares_progress is False
