"""Deleting one's account: confirmed, then every personal row gone, the row nameless, reviews kept for authors."""
import sqlalchemy as sa

from course.accounts.models import PersonStatus, Role, User
from course.accounts.services import AccountError, invite_user, reactivate_account
from course.audit.models import AuditEvent
from course.extensions import db
from course.mail.services import Mail, send_mails
from course.privacy.deletion import DELETED, KEPT, delete_personal_data
from course.review.models import Review
from tests.conftest import PASSWORD, csrf_token, outbox_messages
from tests.privacy.footprint import POST_LESSON, leave_footprint, rows_referring_to


def _delete(client, **data):
    return client.post("/me/delete", data={"csrf_token": csrf_token(client, "/me/delete"), **data})


def test_the_page_explains_and_asks_for_the_password_and_the_box(client, auth, learner):
    auth.login(learner.email)
    page = client.get("/me/delete").get_data(as_text=True)
    assert "a former participant" in page and 'name="password"' in page and 'name="confirm"' in page
    response = _delete(client, password="wrong password")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "This is not your password." not in page  # the box is checked first
    assert "Tick this box to delete your account." in page
    page = _delete(client, password="wrong password", confirm="y").get_data(as_text=True)
    assert "This is not your password." in page
    assert db.session.get(User, learner.id).deleted_at is None


def test_without_a_password_the_address_is_typed(client, auth, learner):
    auth.login(learner.email)
    learner.password_hash = None  # as for someone who signs in through their organisation's provider
    db.session.commit()
    page = client.get("/me/delete").get_data(as_text=True)
    assert 'name="password"' not in page and 'name="typed_email"' in page
    page = _delete(client, typed_email="someone@else.example", confirm="y").get_data(as_text=True)
    assert "This is not the e-mail address of your account." in page and "someone@else.example" in page
    assert _delete(client, typed_email=" SAM@acme.example ", confirm="y").status_code == 302
    assert db.session.get(User, learner.id).is_deleted


def test_deletion_removes_every_personal_row_and_keeps_sent_reviews(client, auth, create_user, organisation,
                                                                    trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    person_id, given_id, open_id = footprint.person.id, footprint.given.id, footprint.open_review.id
    before = rows_referring_to(person_id)
    learners_lack = {"trainer_organisations.user_id"}
    assert [column for column in DELETED - learners_lack if not before[column]] == [], "the footprint has them all"
    auth.login(footprint.person.email)
    response = _delete(client, password=PASSWORD, confirm="y")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    after = rows_referring_to(person_id)
    assert {column: count for column, count in after.items() if count and column not in KEPT} == {}
    assert after["reviews.reviewer_id"] == 1  # the review sent to Alex; the one not sent yet is gone
    assert db.session.get(Review, given_id) is not None
    assert db.session.get(Review, open_id) is None
    user = db.session.get(User, person_id)
    assert (user.stored_name, user.email, user.password_hash, user.active) == (
        "", f"deleted-{person_id}@deleted.invalid", None, False)
    assert user.name == "a former participant" and user.status is PersonStatus.LEFT
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "account.deleted"))
    assert (event.actor_id, event.subject_id, event.organisation_id, event.detail) == (
        person_id, person_id, organisation.id, "request")
    # Signed out, and no way back in.
    assert client.get("/profile").status_code == 302
    auth.login("robin@acme.example")
    assert client.get("/profile").status_code == 302


def test_the_author_sees_a_former_participant(client, auth, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    auth.login(footprint.author.email)
    assert "Robin Reviewer" in client.get(f"/learn/{POST_LESSON}/feedback").get_data(as_text=True)
    delete_personal_data(footprint.person, footprint.person)
    db.session.commit()
    page = client.get(f"/learn/{POST_LESSON}/feedback").get_data(as_text=True)
    assert "Robin Reviewer" not in page and "a former participant" in page
    assert "The opening question." in page


def test_the_author_sees_a_former_participant_in_german(client, auth, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    footprint.author.language = "de"
    delete_personal_data(footprint.person, footprint.person)
    db.session.commit()
    auth.login(footprint.author.email)
    page = client.get(f"/learn/{POST_LESSON}/feedback").get_data(as_text=True)
    assert "eine ehemalige Teilnehmerin oder ein ehemaliger Teilnehmer" in page


def test_the_trainer_sees_that_the_person_left_nothing_more(client, auth, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    delete_personal_data(footprint.person, footprint.person)
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{footprint.circle.cohort.id}/people").get_data(as_text=True)
    assert "Robin Reviewer" not in page and "robin@acme.example" not in page
    assert "a former participant" in page and "left" in page
    row = page.split(f'id="person-{footprint.person.id}"', 1)[1].split("</tr>", 1)[0]
    assert "person-status--left" in row
    assert "<form" not in row, "nothing to resend, withdraw, deactivate or reactivate for a person who left"
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "Robin Reviewer" not in page and "robin@acme.example" not in page


def test_no_mail_goes_to_a_deleted_account(app, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    delete_personal_data(footprint.person, None, reason="retention")
    db.session.commit()
    person = footprint.person
    assert [message for message in outbox_messages() if message.recipient_id == person.id] == []
    send_mails([Mail(person, "Reminder", "Hello"), Mail(footprint.author, "Reminder", "Hello")])
    db.session.commit()
    assert [message.recipient_id for message in outbox_messages() if message.subject == "Reminder"] == [
        footprint.author.id]
    for refused in (lambda: invite_user(person), lambda: reactivate_account(person)):
        try:
            refused()
        except AccountError as error:
            assert "deleted their account" in str(error)
        else:
            raise AssertionError("a deleted account was invited or reactivated")


def test_the_only_administrator_cannot_delete_their_account(client, auth, admin):
    auth.login(admin.email)
    page = _delete(client, password=PASSWORD, confirm="y").get_data(as_text=True)
    assert "only active administrator" in page
    assert db.session.get(User, admin.id).deleted_at is None


def test_a_trainer_who_leaves_trains_no_organisation_any_more(client, auth, trainer, organisation):
    auth.login(trainer.email)
    assert _delete(client, password=PASSWORD, confirm="y").status_code == 302
    db.session.expire_all()
    assert organisation.trainers == []


def test_an_administrator_with_a_colleague_can(client, auth, admin, create_user):
    create_user(Role.ADMIN, email="second@example.org")
    auth.login(admin.email)
    assert _delete(client, password=PASSWORD, confirm="y").status_code == 302
    assert db.session.get(User, admin.id).is_deleted


def test_the_name_read_as_a_column_is_a_former_participant_too(app, create_user, organisation):
    person = create_user(organisation=organisation, name="Zoe Zimmer")
    other = create_user(organisation=organisation, name="Anna Arndt")
    delete_personal_data(person, person)
    db.session.commit()
    names = db.session.scalars(sa.select(User.name).where(User.id.in_([person.id, other.id])).order_by(User.id))
    assert list(names) == ["a former participant", "Anna Arndt"]
    assert db.session.scalar(sa.select(User.id).where(User.name == "Zoe Zimmer")) is None


def test_a_trainer_who_left_is_a_former_participant_in_the_team_changes(client, auth, admin, trainer, organisation):
    from course.audit.services import record
    record(admin, "staff.invited", organisation_id=organisation.id, subject=trainer, detail="trainer")
    delete_personal_data(trainer, trainer)
    db.session.commit()
    auth.login(admin.email)
    page = client.get("/staff/").get_data(as_text=True)
    assert "Tara Trainer" not in page and "a former participant" in page
