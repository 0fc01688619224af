"""Administrators invite, deactivate and reactivate trainers and administrators in the app."""
import sqlalchemy as sa

from course.accounts.models import Role
from course.accounts.services import find_user_by_email
from course.audit.models import AuditEvent
from course.extensions import db
from tests.conftest import AuthActions, outbox_messages

INVITE = {"name": "Nora Neu", "email": " Nora.Neu@Acme.example ", "role": "trainer", "language": "de"}


def _actions() -> list[tuple]:
    return [(e.action, e.organisation_id, e.subject_id)
            for e in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id))]


def test_an_admin_invites_a_trainer_for_an_organisation(client, auth, admin, organisation):
    auth.login(admin.email)
    page = client.get(f"/staff/?organisation={organisation.id}").get_data(as_text=True)
    assert f'<option selected value="{organisation.id}">Acme AG</option>' in page
    response = auth.post("/staff/invite", {**INVITE, "organisation_id": organisation.id})
    assert response.status_code == 302
    nora = find_user_by_email("nora.neu@acme.example")
    assert (nora.role, nora.trained_organisations, nora.is_invited, nora.language) == (
        Role.TRAINER, [organisation], True, "de")
    (mail,) = outbox_messages()
    assert mail.recipient_id == nora.id and mail.is_secret and mail.subject == "Ihre Einladung zu Vernetzt"
    assert _actions() == [("staff.invited", organisation.id, nora.id)]
    html = client.get("/staff/").get_data(as_text=True)
    assert "Nora Neu" in html and "invited" in html


def test_an_admin_invites_another_admin(client, auth, admin):
    auth.login(admin.email)
    auth.post("/staff/invite", {**INVITE, "role": "admin", "organisation_id": "0"})
    nora = find_user_by_email("nora.neu@acme.example")
    assert nora.role == Role.ADMIN and nora.trained_organisations == []
    assert _actions() == [("staff.invited", None, nora.id)]


def test_an_existing_trainer_gets_one_more_organisation(client, auth, admin, trainer, create_organisation):
    second = create_organisation("Second GmbH")
    auth.login(admin.email)
    response = auth.post("/staff/invite", {**INVITE, "email": trainer.email, "organisation_id": second.id})
    assert response.status_code == 302
    db.session.refresh(trainer)
    assert {o.name for o in trainer.trained_organisations} == {"Acme AG", "Second GmbH"}
    assert outbox_messages() == []
    assert _actions() == [("staff.organisation_added", second.id, trainer.id)]


def test_refusals_say_why_and_keep_what_was_typed(client, auth, admin, learner, organisation):
    auth.login(admin.email)
    no_organisation = auth.post("/staff/invite", {**INVITE, "organisation_id": "0"})
    assert no_organisation.status_code == 400
    html = no_organisation.get_data(as_text=True)
    assert "Choose the organisation the trainer trains." in html and 'value="Nora Neu"' in html
    taken = auth.post("/staff/invite", {**INVITE, "email": learner.email, "organisation_id": organisation.id})
    assert "There is already an account for sam@acme.example." in taken.get_data(as_text=True)
    bad = auth.post("/staff/invite", {**INVITE, "email": "nora@", "organisation_id": organisation.id})
    assert "This does not look like an e-mail address." in bad.get_data(as_text=True)
    assert find_user_by_email("nora.neu@acme.example") is None and _actions() == []


def test_an_organisation_of_nobody_is_not_found(client, auth, admin):
    auth.login(admin.email)
    assert auth.post("/staff/invite", {**INVITE, "organisation_id": "9999"}).status_code == 404


def test_deactivating_a_trainer_signs_them_out_and_reactivating_lets_them_in(client, auth, admin, trainer,
                                                                            organisation, app):
    trainer_client = app.test_client()
    AuthActions(trainer_client).login(trainer.email)
    assert trainer_client.get("/").status_code == 200
    auth.login(admin.email)
    auth.post(f"/staff/{trainer.id}/deactivate")
    db.session.refresh(trainer)
    assert not trainer.active
    assert trainer_client.get("/").status_code == 302  # signed out
    auth.post(f"/staff/{trainer.id}/reactivate")
    db.session.refresh(trainer)
    assert trainer.active
    assert _actions() == [("staff.deactivated", organisation.id, trainer.id),
                          ("staff.reactivated", organisation.id, trainer.id)]


def test_an_admin_cannot_deactivate_themselves_but_another_admin(client, auth, admin, create_user):
    other = create_user(Role.ADMIN, name="Olga Other")
    auth.login(admin.email)
    response = auth.post(f"/staff/{admin.id}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    auth.post(f"/staff/{other.id}/deactivate")
    db.session.refresh(admin)
    db.session.refresh(other)
    assert admin.active and not other.active
    assert _actions() == [("staff.deactivated", None, other.id)]


def test_the_staff_page_lists_recent_changes_and_staff_only(client, auth, admin, trainer, learner):
    auth.login(admin.email)
    auth.post(f"/staff/{trainer.id}/deactivate")
    html = client.get("/staff/").get_data(as_text=True)
    assert "Tara Trainer – deactivated (Acme AG), by Ada Admin" in html
    assert "Sam Learner" not in html
    assert auth.post(f"/staff/{learner.id}/deactivate").status_code == 404
