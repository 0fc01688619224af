"""Start pages and organisation pages for each role."""
from course.accounts.models import Role
from course.accounts.services import find_organisation


def test_trainer_start_page_lists_their_organisations_with_counts(client, auth, trainer, organisation, create_user):
    create_user(Role.LEARNER, organisation=organisation, track=None)
    create_user(Role.LEARNER, organisation=organisation, password=None)
    create_user(Role.LEARNER, name="Somewhere Else")
    auth.login(trainer.email)
    html = client.get("/").get_data(as_text=True)
    assert "Acme AG" in html and "Organisation 1" not in html
    assert "2 learners in your organisations." in html


def test_trainer_without_organisation_is_told_what_to_do(client, auth, create_user):
    trainer = create_user(Role.TRAINER)
    trainer.trained_organisations.clear()
    from course.extensions import db

    db.session.commit()
    auth.login(trainer.email)
    assert "Ask an administrator" in client.get("/").get_data(as_text=True)


def test_organisation_page_lists_learners_and_their_state(client, auth, trainer, organisation, create_user):
    create_user(Role.LEARNER, organisation=organisation, name="Invited Ina", password=None)
    create_user(Role.LEARNER, organisation=organisation, name="Gone Gerd", active=False)
    auth.login(trainer.email)
    html = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "Invited Ina" in html and "invited" in html
    assert "Gone Gerd" in html and "deactivated" in html
    assert "Tara Trainer" in html


def test_admin_creates_an_organisation(client, auth, admin):
    auth.login(admin.email)
    assert "There is no organisation yet" in client.get("/").get_data(as_text=True)
    response = auth.post("/organisations/", {"name": "Neue Firma GmbH"})
    created = find_organisation("Neue Firma GmbH")
    assert response.headers["Location"] == f"/organisations/{created.id}"


def test_duplicate_organisation_name_is_explained_and_kept(client, auth, admin, organisation):
    auth.login(admin.email)
    response = auth.post("/organisations/", {"name": "Acme AG"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "already exists" in html and 'value="Acme AG"' in html


def test_names_are_escaped(client, auth, trainer, organisation, create_user):
    create_user(Role.LEARNER, organisation=organisation, name="<img src=x onerror=alert(1)>")
    auth.login(trainer.email)
    html = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
