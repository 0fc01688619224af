"""Signing in through an organisation's identity provider: the real oidc-provider on 127.0.0.1."""
import sqlalchemy as sa

from course.accounts.models import PersonStatus, Role, Track
from course.accounts.services import find_user_by_email
from course.audit.models import AuditEvent
from course.cohorts.models import Cohort, CohortMember
from course.extensions import db
from course.sso import idtoken
from course.sso.models import Provisioning, SsoLink
from tests.conftest import PASSWORD
from tests.sso.conftest import continue_url


def _links(provider) -> list[SsoLink]:
    return list(db.session.scalars(sa.select(SsoLink).where(SsoLink.provider_id == provider.id)))


def _signed_in_as(client) -> str | None:
    response = client.get("/profile")
    if response.status_code != 200:
        return None
    html = response.get_data(as_text=True)
    return next((email for email in ("sam@acme.example", "tara@acme.example", "new@acme.example")
                 if email in html), "someone")


def test_the_sign_in_page_sends_an_address_of_a_covered_domain_to_the_provider(sign_in, sso_provider, learner):
    response = sign_in.start(learner.email, "/profile")
    assert continue_url(response) == "/sso/start?email=sam@acme.example&next=/profile"
    assert '<meta http-equiv="refresh" content="0;url=/sso/start?email=sam@acme.example&amp;next=/profile">' in \
        response.get_data(as_text=True)
    url = sign_in.authorization_url(learner.email)
    for parameter in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256", "login_hint=sam"):
        assert parameter in url


def test_first_sign_in_links_the_invited_learner_and_the_next_one_matches_the_subject(
        client, sign_in, oidc_provider, sso_provider, create_user, organisation):
    learner = create_user(organisation=organisation, email="sam@acme.example", password=None)
    assert learner.status == PersonStatus.INVITED
    subject = oidc_provider.add_account("sam@acme.example")
    response = sign_in("sam@acme.example", "/profile")
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    (link,) = _links(sso_provider)
    assert (link.user_id, link.subject) == (learner.id, subject)
    db.session.refresh(learner)
    assert learner.status == PersonStatus.ACTIVE  # signed up, though no password is kept
    client.post("/logout", data={"csrf_token": _token(client)})
    assert _signed_in_as(client) is None
    # The person's address at the provider changes: the subject still names the same account.
    oidc_provider.add_account("sam@acme.example", sub=subject, name="Sam Renamed")
    assert sign_in("sam@acme.example").status_code == 302
    assert _signed_in_as(client) == "sam@acme.example"


def _token(client) -> str:
    from tests.conftest import csrf_token

    return csrf_token(client, "/profile")


def test_a_trainer_of_the_organisation_is_linked_too(client, sign_in, oidc_provider, sso_provider, trainer):
    oidc_provider.add_account(trainer.email)
    assert sign_in(trainer.email).status_code == 302
    assert _signed_in_as(client) == "tara@acme.example"


def test_first_sign_in_provisions_into_the_cohort_with_the_track_of_the_group(
        client, sign_in, oidc_provider, make_provider, organisation):
    cohort = Cohort(organisation=organisation, name="Spring")
    db.session.add(cohort)
    db.session.commit()
    make_provider(organisation, provisioning=Provisioning.PROVISION, cohort_id=cohort.id, group_claim="groups",
                  group_tracks=[["vernetzt-leaders", "leadership"], ["vernetzt-staff", "staff"]])
    oidc_provider.add_account("New@Acme.Example.", hint="new@acme.example", groups=["all", "vernetzt-leaders"],
                              name="Nora New")
    response = sign_in("new@acme.example")
    assert response.status_code == 302
    user = find_user_by_email("new@acme.example")
    assert (user.name, user.role, user.track, user.organisation_id) == ("Nora New", Role.LEARNER, Track.LEADERSHIP,
                                                                         organisation.id)
    assert db.session.get(CohortMember, (cohort.id, user.id)) is not None
    (event,) = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "sso.provisioned"))
    assert event.subject_id == user.id and "leadership" in event.detail
    assert _signed_in_as(client) == "new@acme.example"


def test_provisioning_uses_the_default_track_or_refuses_people_in_no_group(
        client, sign_in, oidc_provider, make_provider, organisation):
    cohort = Cohort(organisation=organisation, name="Spring")
    db.session.add(cohort)
    db.session.commit()
    provider = make_provider(organisation, provisioning=Provisioning.PROVISION, cohort_id=cohort.id,
                             group_tracks=[["vernetzt-leaders", "leadership"]])
    oidc_provider.add_account("nogroup@acme.example", groups=["marketing"])
    response = sign_in("nogroup@acme.example")
    assert response.status_code == 403
    assert "do not include you in this course" in response.get_data(as_text=True)
    assert find_user_by_email("nogroup@acme.example") is None
    provider.default_track = Track.STAFF
    db.session.commit()
    assert sign_in("nogroup@acme.example").status_code == 302
    assert find_user_by_email("nogroup@acme.example").track == Track.STAFF


def test_invite_first_refuses_a_person_without_an_account(client, sign_in, oidc_provider, sso_provider):
    oidc_provider.add_account("stranger@acme.example")
    response = sign_in("stranger@acme.example")
    assert response.status_code == 403
    assert "Please ask your trainer for an invitation" in response.get_data(as_text=True)
    assert find_user_by_email("stranger@acme.example") is None
    assert _links(sso_provider) == []


def test_a_wrong_nonce_is_refused(client, sign_in, oidc_provider, sso_provider, learner):
    oidc_provider.add_account(learner.email)
    callback = sign_in.at_provider(sign_in.authorization_url(learner.email))
    with client.session_transaction() as session:
        session["sso"] = {**session["sso"], "nonce": "not-the-nonce-sent"}
    response = client.get(callback)
    assert response.status_code == 400
    assert "did not succeed" in response.get_data(as_text=True)
    assert _signed_in_as(client) is None and _links(sso_provider) == []


def test_a_changed_state_is_refused(client, sign_in, oidc_provider, sso_provider, learner):
    oidc_provider.add_account(learner.email)
    callback = sign_in.at_provider(sign_in.authorization_url(learner.email))
    response = client.get(callback.replace("state=", "state=x"))
    assert response.status_code == 400
    assert _signed_in_as(client) is None
    # The attempt is used up: the untouched answer does not work afterwards either.
    assert client.get(callback).status_code == 400


def test_a_callback_this_browser_did_not_start_is_refused(app, client, sign_in, oidc_provider, sso_provider,
                                                          learner):
    oidc_provider.add_account(learner.email)
    callback = sign_in.at_provider(sign_in.authorization_url(learner.email))
    other_browser = app.test_client()
    assert other_browser.get(callback).status_code == 400
    assert _signed_in_as(other_browser) is None


def test_an_expired_token_is_refused(client, sign_in, oidc_provider, sso_provider, learner, monkeypatch):
    oidc_provider.add_account(learner.email)
    callback = sign_in.at_provider(sign_in.authorization_url(learner.email))
    real_now = idtoken.now
    monkeypatch.setattr(idtoken, "now", lambda: real_now() + 2 * 3600)  # the provider's tokens last an hour
    response = client.get(callback)
    assert response.status_code == 400
    assert _signed_in_as(client) is None


def test_an_unverified_address_is_refused(client, sign_in, oidc_provider, sso_provider, learner):
    oidc_provider.add_account(learner.email, verified=False)
    response = sign_in(learner.email)
    assert response.status_code == 403
    assert "has not verified your e-mail address" in response.get_data(as_text=True)
    assert _links(sso_provider) == []


def test_an_address_outside_the_domains_is_refused(client, sign_in, oidc_provider, sso_provider, create_user,
                                                   organisation):
    create_user(organisation=organisation, email="sam@elsewhere.example")
    oidc_provider.add_account("sam@elsewhere.example", hint="sam@acme.example")
    response = sign_in("sam@acme.example")
    assert response.status_code == 403
    assert "not one of the domains" in response.get_data(as_text=True)
    assert _links(sso_provider) == []


def test_a_deactivated_person_is_refused_though_linked(client, sign_in, oidc_provider, sso_provider, learner):
    oidc_provider.add_account(learner.email)
    assert sign_in(learner.email).status_code == 302
    client.post("/logout", data={"csrf_token": _token(client)})
    learner.active = False
    db.session.commit()
    response = sign_in(learner.email)
    assert response.status_code == 403
    assert "deactivated" in response.get_data(as_text=True)


def test_a_linked_person_who_left_the_organisation_is_refused(client, sign_in, oidc_provider, sso_provider,
                                                              learner, create_organisation):
    oidc_provider.add_account(learner.email)
    assert sign_in(learner.email).status_code == 302
    client.post("/logout", data={"csrf_token": _token(client)})
    learner.organisation = create_organisation("Elsewhere GmbH")
    db.session.commit()
    response = sign_in.client.get(sign_in.at_provider(_authorization_url_for_linked(sign_in, learner)))
    assert response.status_code == 403


def _authorization_url_for_linked(sign_in, user) -> str:
    # The sign-in page no longer sends this address to the provider (it belongs to no one of Acme's); a link
    # bookmarked from before still starts the provider's sign-in for the domain.
    response = sign_in.client.get(f"/sso/start?email=new-{user.email}")
    assert response.status_code == 302
    return response.headers["Location"].replace("login_hint=new-", "login_hint=")


def test_no_takeover_of_an_administrator_by_address(client, sign_in, oidc_provider, sso_provider, create_user):
    boss = create_user(Role.ADMIN, email="boss@acme.example")
    # The administrator's address is not sent to the provider: they sign in with their password.
    response = sign_in.start(boss.email)
    assert response.status_code == 200 and "sso-continue" not in response.get_data(as_text=True)
    assert sign_in.client.post("/login", data={"email": boss.email, "password": PASSWORD,
                                                "csrf_token": _token_from_login(client)}).status_code == 302
    client.post("/logout", data={"csrf_token": _token(client)})
    # Someone at the provider whose verified address is the administrator's gets nothing.
    oidc_provider.add_account(boss.email, hint="someone@acme.example")
    response = sign_in("someone@acme.example")
    assert response.status_code == 403
    assert _links(sso_provider) == [] and _signed_in_as(client) is None


def _token_from_login(client) -> str:
    from tests.conftest import csrf_token

    return csrf_token(client, "/login")


def test_no_takeover_of_another_organisations_person_by_address(client, sign_in, oidc_provider, sso_provider,
                                                                create_user, create_organisation):
    other = create_user(organisation=create_organisation("Other AG"), email="pat@acme.example")
    # They sign in by password, not at Acme's provider.
    assert "sso-continue" not in sign_in.start(other.email).get_data(as_text=True)
    oidc_provider.add_account(other.email, hint="someone@acme.example")
    assert sign_in("someone@acme.example").status_code == 403
    assert _links(sso_provider) == []


def test_a_second_account_at_the_provider_with_the_same_address_takes_over_nothing(
        client, sign_in, oidc_provider, sso_provider, learner):
    oidc_provider.add_account(learner.email, sub="first")
    assert sign_in(learner.email).status_code == 302
    client.post("/logout", data={"csrf_token": _token(client)})
    oidc_provider.add_account(learner.email, sub="second")
    assert sign_in(learner.email).status_code == 403
    assert [link.subject for link in _links(sso_provider)] == ["first"]


def test_only_a_path_of_this_site_is_followed_after_signing_in(client, sign_in, oidc_provider, sso_provider,
                                                               learner):
    oidc_provider.add_account(learner.email)
    response = client.get("/sso/start?email=sam@acme.example&next=//evil.example/")
    response = client.get(sign_in.at_provider(response.headers["Location"]))
    assert response.status_code == 302 and response.headers["Location"] == "/"
