"""The description for the works agreement: generated from the organisation's live settings, in both languages."""
from course.extensions import db
from course.works_council.agreement import works_agreement
from tests.page_checks import duplicate_ids


def markdown(client, organisation, lang="en"):
    response = client.get(f"/organisations/{organisation.id}/works-agreement.md", query_string={"lang": lang})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_description_follows_the_settings(client, auth, trainer, organisation):
    auth.login(trainer.email)
    text = markdown(client, organisation)
    assert "The works-council mode is off." in text
    assert "No retention period is set" in text

    organisation.works_council_mode = True
    organisation.smallest_group = 7
    organisation.retention_months = 18
    db.session.commit()
    text = markdown(client, organisation)
    assert "The works-council mode is on." in text
    assert "groups of at least 7 people" in text
    assert "18 months after the cohort is closed" in text
    assert "only how many were sent, not to whom" in text
    assert text.startswith("# What Vernetzt records and shows")


def test_the_description_in_german_by_default_for_a_german_organisation(client, auth, trainer, organisation):
    organisation.default_language = "de"
    organisation.works_council_mode = True
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/organisations/{organisation.id}/works-agreement").get_data(as_text=True)
    assert "Betriebsrat" in page
    assert duplicate_ids(page) == []
    assert "works-council mode is on" in markdown(client, organisation, "en")


def test_the_pdf(client, auth, admin, organisation):
    auth.login(admin.email)
    response = client.get(f"/organisations/{organisation.id}/works-agreement.pdf", query_string={"lang": "de"})
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")


def test_the_organisation_page_links_to_it(client, auth, trainer, organisation):
    auth.login(trainer.email)
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert f"/organisations/{organisation.id}/works-agreement" in page


def test_a_name_stays_text_in_markdown(app, organisation):
    organisation.name = "*Acme* [GmbH]"
    description = works_agreement(organisation, "en", __import__("datetime").date(2026, 1, 5))
    assert "*Acme*" in description.title
    from course.works_council.agreement import to_markdown
    assert "\\*Acme\\* \\[GmbH\\]" in to_markdown(description)


def test_the_description_names_the_identity_provider_and_its_domains(client, auth, trainer, organisation):
    from course.sso.models import IdentityProvider, SsoDomain

    auth.login(trainer.email)
    assert "sign in with their e-mail address and a password" in markdown(client, organisation)
    provider = IdentityProvider(organisation=organisation, issuer="https://login.acme.example/realms/staff",
                                client_id="vernetzt", client_secret_encrypted="unused", password_sign_in=False)
    provider.domains = [SsoDomain(name="acme.example"), SsoDomain(name="acme-group.example")]
    db.session.add(provider)
    db.session.commit()
    text = markdown(client, organisation)
    assert ("at acme-group.example, acme.example sign in through the organisation’s identity provider "
            "(https://login.acme.example/realms/staff)") in text
    assert "Signing in with a password is switched off." in text


def test_the_description_says_who_reads_the_audit_log(client, auth, trainer, organisation, create_user):
    from course.accounts.models import Role

    auth.login(trainer.email)
    assert "no members of the works council are named yet" in markdown(client, organisation)
    create_user(Role.LEARNER, organisation=organisation, works_council_member=True)
    create_user(Role.LEARNER, organisation=organisation, works_council_member=True)
    assert "Administrators and the 2 members of the works council read and export it" in markdown(
        client, organisation)
