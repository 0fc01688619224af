"""The page for the data-protection officer follows the organisation's live settings and configuration."""
from course.accounts.models import Role
from course.extensions import db
from course.privacy.processors import Processor, processors_for, register


def test_the_page_follows_the_settings(client, auth, create_user, organisation):
    admin = create_user(Role.ADMIN, email="ada@example.org")
    auth.login(admin.email)
    url = f"/organisations/{organisation.id}/data-protection"
    page = client.get(url).get_data(as_text=True)
    assert "no retention period is set" in page and "Trainers see figures for groups" not in page
    assert "None: no mail server is configured" in page
    organisation.retention_months, organisation.works_council_mode, organisation.smallest_group = 18, True, 7
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Deleted 18 months after the person" in page
    assert "Trainers see figures for groups of at least 7 people only" in page


def test_the_mail_server_is_a_processor(client, auth, app, trainer, organisation):
    app.config.update(MAIL_SERVER="smtp.mail.example", MAIL_BACKEND="app")
    assert processors_for(app.config, organisation) == []  # kept in the app: nobody outside receives it
    app.config["MAIL_BACKEND"] = None
    auth.login(trainer.email)  # the organisation's trainers read it too
    page = client.get(f"/organisations/{organisation.id}/data-protection").get_data(as_text=True)
    assert "smtp.mail.example" in page and "Name and e-mail address of the recipient" in page


def test_other_parts_register_their_processors(app, organisation):
    from course.privacy import processors

    def provider(config, owner):
        return Processor("login.example", "Signs people in.", "E-mail address.") if owner is organisation else None

    register(provider)
    try:
        assert [p.name for p in processors_for(app.config, organisation)] == ["login.example"]
    finally:
        processors._registry.remove(provider)


def test_in_german(client, auth, create_user, organisation):
    admin = create_user(Role.ADMIN, email="ada@example.org", language="de")
    organisation.retention_months = 12
    db.session.commit()
    auth.login(admin.email)
    page = client.get(f"/organisations/{organisation.id}/data-protection").get_data(as_text=True)
    assert "Datenschutz bei" in page and "12 Monate nach" in page
