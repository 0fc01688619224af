"""The administrator's single sign-on page: what it saves, what it refuses, and the secret it never shows."""
import logging

import sqlalchemy as sa

from course.accounts.models import Track
from course.audit.models import AuditEvent
from course.cohorts.models import Cohort
from course.extensions import db
from course.sso.models import IdentityProvider, Provisioning, SsoLink
from course.sso.secret_box import decrypt_secret
from course.sso.settings import provider_of

SECRET = "the-client-secret-nobody-may-read-again"


def _page(organisation) -> str:
    return f"/organisations/{organisation.id}/sso"


def _valid(oidc_provider, **changes) -> dict:
    return {"issuer": oidc_provider.issuer, "client_id": "vernetzt", "client_secret": SECRET,
            "domains": "acme.example\nACME-Group.example.", "password_sign_in": "y", "provisioning": "invite",
            "cohort_id": "", "group_claim": "groups", "group_tracks": "", "default_track": "", **changes}


def test_the_admin_sets_up_single_sign_on_and_the_secret_is_never_shown_again(
        client, auth, admin, organisation, oidc_provider, caplog):
    caplog.set_level(logging.DEBUG)
    auth.login(admin.email)
    html = client.get(_page(organisation)).get_data(as_text=True)
    assert "Not set up yet" in html and "http://localhost/sso/callback" in html
    response = auth.post(_page(organisation), _valid(oidc_provider))
    assert response.status_code == 302
    provider = provider_of(organisation)
    assert provider.domain_names == ["acme-group.example", "acme.example"]
    assert decrypt_secret(provider.client_secret_encrypted) == SECRET
    assert SECRET not in provider.client_secret_encrypted and SECRET not in repr(provider)
    page = client.get(_page(organisation)).get_data(as_text=True)
    assert SECRET not in page and "A client secret is stored." in page
    (event,) = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "sso.settings_changed"))
    assert "client_secret: changed" in event.detail and SECRET not in event.detail
    assert SECRET not in caplog.text


def test_a_blank_secret_keeps_the_stored_one(client, auth, admin, organisation, oidc_provider):
    auth.login(admin.email)
    auth.post(_page(organisation), _valid(oidc_provider))
    response = auth.post(_page(organisation), _valid(oidc_provider, client_secret="", password_sign_in=""))
    assert response.status_code == 302
    provider = provider_of(organisation)
    assert decrypt_secret(provider.client_secret_encrypted) == SECRET and provider.password_sign_in is False


def test_a_new_provider_needs_a_secret_and_nothing_typed_is_lost(client, auth, admin, organisation, oidc_provider):
    auth.login(admin.email)
    response = auth.post(_page(organisation), _valid(oidc_provider, client_secret="", client_id="typed-client"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Enter the client secret" in html and 'value="typed-client"' in html
    assert provider_of(organisation) is None


def test_an_http_issuer_or_a_private_address_is_refused(app, client, auth, admin, organisation, oidc_provider):
    app.config["SSO_ALLOW_INSECURE_LOCALHOST"] = False
    auth.login(admin.email)
    html = auth.post(_page(organisation), _valid(oidc_provider)).get_data(as_text=True)
    assert "The address must start with https://." in html
    html = auth.post(_page(organisation), _valid(oidc_provider, issuer="https://10.1.2.3/realms/x")).get_data(
        as_text=True)
    assert "The address is not on the public internet." in html
    assert provider_of(organisation) is None


def test_domains_must_be_well_formed_and_not_another_organisations(client, auth, admin, organisation,
                                                                   create_organisation, make_provider, oidc_provider):
    make_provider(create_organisation("Other AG"), domains=("other.example",))
    auth.login(admin.email)
    html = auth.post(_page(organisation), _valid(oidc_provider, domains="acme.example\nnot a domain")).get_data(
        as_text=True)
    assert "“not” is not an e-mail domain" in html
    html = auth.post(_page(organisation), _valid(oidc_provider, domains="acme.example, other.example")).get_data(
        as_text=True)
    assert "“other.example” is covered by another organisation" in html
    assert provider_of(organisation) is None


def test_provisioning_needs_a_cohort_and_a_well_formed_mapping(client, auth, admin, organisation, oidc_provider):
    cohort = Cohort(organisation=organisation, name="Spring")
    db.session.add(cohort)
    db.session.commit()
    auth.login(admin.email)
    html = auth.post(_page(organisation), _valid(oidc_provider, provisioning="provision")).get_data(as_text=True)
    assert "Choose the cohort new people join." in html
    html = auth.post(_page(organisation), _valid(oidc_provider, provisioning="provision", cohort_id=str(cohort.id),
                                                 group_tracks="leaders = leadership\nstaff")).get_data(as_text=True)
    assert "Line 2 is not" in html
    response = auth.post(_page(organisation), _valid(
        oidc_provider, provisioning="provision", cohort_id=str(cohort.id), default_track="staff",
        group_tracks="Vernetzt Leaders = leadership\nvernetzt-staff = Staff"))
    assert response.status_code == 302
    provider = provider_of(organisation)
    assert (provider.provisioning, provider.cohort_id, provider.default_track) == (
        Provisioning.PROVISION, cohort.id, Track.STAFF)
    assert provider.group_tracks == [["Vernetzt Leaders", "leadership"], ["vernetzt-staff", "staff"]]
    html = client.get(_page(organisation)).get_data(as_text=True)
    assert "Vernetzt Leaders = leadership" in html


def test_a_cohort_of_another_organisation_cannot_be_chosen(client, auth, admin, organisation, create_organisation,
                                                           oidc_provider):
    elsewhere = Cohort(organisation=create_organisation("Other AG"), name="Theirs")
    db.session.add(elsewhere)
    db.session.commit()
    auth.login(admin.email)
    response = auth.post(_page(organisation), _valid(oidc_provider, provisioning="provision",
                                                      cohort_id=str(elsewhere.id)))
    assert response.status_code == 200
    assert provider_of(organisation) is None


def test_a_new_client_id_drops_the_links_of_the_old_one(client, auth, admin, organisation, oidc_provider, learner):
    auth.login(admin.email)
    auth.post(_page(organisation), _valid(oidc_provider))
    provider = provider_of(organisation)
    db.session.add(SsoLink(user=learner, provider=provider, subject="subject-at-the-old-client"))
    db.session.commit()
    auth.post(_page(organisation), _valid(oidc_provider, client_secret="", domains="acme.example"))
    assert db.session.scalar(sa.select(sa.func.count(SsoLink.id))) == 1  # domains changed, links kept
    auth.post(_page(organisation), _valid(oidc_provider, client_secret="", client_id="renamed-client"))
    assert db.session.scalar(sa.select(sa.func.count(SsoLink.id))) == 0


def test_the_pages_of_the_organisation_link_to_it(client, auth, admin, organisation):
    auth.login(admin.email)
    for path in (f"/organisations/{organisation.id}", f"/organisations/{organisation.id}/settings"):
        assert _page(organisation) in client.get(path).get_data(as_text=True)


def test_another_organisations_admin_page_is_scoped_to_its_own_provider(client, auth, admin, organisation,
                                                                       create_organisation, oidc_provider):
    other = create_organisation("Other AG")
    auth.login(admin.email)
    auth.post(_page(other), _valid(oidc_provider, domains="other.example"))
    assert provider_of(organisation) is None
    assert db.session.scalar(sa.select(IdentityProvider.organisation_id)) == other.id
    assert client.get("/organisations/9999/sso").status_code == 404


def test_the_admin_removes_single_sign_on_and_passwords_work_again(client, auth, admin, organisation, make_provider,
                                                                   learner):
    provider = make_provider(organisation, password_sign_in=False)
    db.session.add(SsoLink(user=learner, provider=provider, subject="someone"))
    db.session.commit()
    auth.login(admin.email)
    assert "Remove single sign-on" in client.get(_page(organisation)).get_data(as_text=True)
    assert auth.post(f"{_page(organisation)}/remove").status_code == 302
    assert provider_of(organisation) is None
    assert db.session.scalar(sa.select(sa.func.count(SsoLink.id))) == 0
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.action == "sso.removed")) is not None
    assert "Remove single sign-on" not in client.get(_page(organisation)).get_data(as_text=True)
    auth.logout()
    assert auth.login(learner.email).status_code == 302
