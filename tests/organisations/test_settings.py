"""The organisation's settings: language of its people and mail, works-council mode, retention, a test mail."""
import sqlalchemy as sa

from course.accounts.models import Role
from course.accounts.services import invitation_mail
from course.audit.models import AuditEvent
from course.extensions import db
from course.mail.services import mail_language
from tests.conftest import outbox_messages


def _settings(organisation) -> str:
    return f"/organisations/{organisation.id}/settings"


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


VALID = {"default_language": "de", "works_council_mode": "y", "smallest_group": "7", "retention_months": "12"}


def test_admin_saves_the_settings_and_each_change_is_audited(client, auth, admin, organisation):
    auth.login(admin.email)
    assert "Settings of Acme AG" in client.get(_settings(organisation)).get_data(as_text=True)
    response = auth.post(_settings(organisation), VALID)
    assert response.status_code == 302
    db.session.refresh(organisation)
    assert (organisation.default_language, organisation.works_council_mode, organisation.smallest_group,
            organisation.retention_months) == ("de", True, 7, 12)
    (event,) = _audit("organisation.settings_changed")
    assert (event.actor_id, event.organisation_id) == (admin.id, organisation.id)
    assert event.detail == ("default_language: none → de; works_council_mode: off → on; smallest_group: 5 → 7; "
                            "retention_months: none → 12")
    auth.post(_settings(organisation), VALID)  # the same again changes nothing and logs nothing
    assert len(_audit("organisation.settings_changed")) == 1


def test_emptying_the_retention_keeps_data_and_clears_the_language(client, auth, admin, organisation):
    organisation.default_language, organisation.retention_months = "de", 6
    db.session.commit()
    auth.login(admin.email)
    auth.post(_settings(organisation), {"default_language": "", "smallest_group": "5", "retention_months": ""})
    db.session.refresh(organisation)
    assert (organisation.default_language, organisation.retention_months, organisation.works_council_mode) == (
        None, None, False)


def test_bad_numbers_are_explained_and_nothing_typed_is_lost(client, auth, admin, organisation):
    auth.login(admin.email)
    response = auth.post(_settings(organisation), {**VALID, "smallest_group": "2", "retention_months": "500"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter a number from 3 to 50." in html
    assert "Enter a number of months from 1 to 120, or leave it empty." in html
    assert 'value="2"' in html and 'value="500"' in html and '<option selected value="de">' in html
    db.session.refresh(organisation)
    assert organisation.smallest_group == 5 and organisation.retention_months is None
    assert _audit("organisation.settings_changed") == []


def test_the_default_language_applies_to_people_and_mail_without_a_choice_of_their_own(
        client, auth, organisation, create_user, trainer):
    organisation.default_language = "de"
    db.session.commit()
    chose_english = create_user(Role.LEARNER, organisation=organisation, language="en")
    chose_nothing = create_user(Role.LEARNER, organisation=organisation, password=None)
    assert mail_language(chose_english) == "en"
    assert mail_language(chose_nothing) == "de"
    assert mail_language(trainer) == "de"  # a trainer of this organisation only
    assert invitation_mail(chose_nothing).subject == "Ihre Einladung zu Vernetzt"
    auth.login(trainer.email)
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="de"' in html


def test_a_trainer_of_two_organisations_follows_the_browser(client, auth, organisation, create_organisation,
                                                            trainer):
    second = create_organisation("Second GmbH")
    organisation.default_language = "de"
    trainer.trained_organisations.append(second)
    db.session.commit()
    assert mail_language(trainer) == "en"
    auth.login(trainer.email)
    assert '<html lang="en"' in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_a_test_mail_goes_to_the_outbox_in_the_organisations_language(client, auth, admin, organisation):
    organisation.default_language = "de"
    db.session.commit()
    auth.login(admin.email)
    response = auth.post(f"/organisations/{organisation.id}/settings/test-mail")
    (message,) = outbox_messages()
    assert response.headers["Location"] == f"/outbox/{message.id}"
    assert (message.recipient_address, message.subject) == (admin.email, "Testnachricht von Vernetzt")
    assert "Acme AG" in message.body
    assert [(e.actor_id, e.detail) for e in _audit("organisation.test_mail_sent")] == [(admin.id, "")]
    assert "is in the outbox" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_the_organisation_page_leads_an_admin_to_settings_and_to_inviting_a_trainer(client, auth, admin,
                                                                                   organisation):
    auth.login(admin.email)
    html = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert f'href="/organisations/{organisation.id}/settings"' in html
    assert f'href="/staff/?organisation={organisation.id}#invite-staff"' in html
    assert "flask users invite" not in html and "Create a cohort first" in html
