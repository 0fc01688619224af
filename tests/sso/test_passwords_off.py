"""Password sign-in switched off for an organisation: its people of its domains sign in through the provider only."""
from course.accounts import tokens
from course.accounts.models import Role
from course.extensions import db
from tests.conftest import PASSWORD, csrf_token, outbox_messages
from tests.sso.conftest import continue_url


def test_a_password_is_not_checked_and_the_person_is_sent_to_the_provider(client, auth, make_provider,
                                                                          organisation, learner):
    make_provider(organisation, password_sign_in=False)
    assert continue_url(auth.login(learner.email)) == "/sso/start?email=sam@acme.example"
    assert client.get("/profile").status_code == 302  # not signed in


def test_with_passwords_allowed_a_typed_password_still_signs_in(client, auth, sso_provider, learner):
    assert auth.login(learner.email).status_code == 302
    assert client.get("/profile").status_code == 200


def test_no_reset_mail_goes_out(client, auth, make_provider, organisation, learner):
    make_provider(organisation, password_sign_in=False)
    response = client.post("/reset-password", data={"email": learner.email, "csrf_token": csrf_token(client)})
    assert response.status_code == 302  # the same answer as for any address
    assert outbox_messages() == []


def test_a_reset_link_sent_before_sets_no_password(client, make_provider, organisation, learner):
    link = f"/reset-password/{tokens.make_token(learner, tokens.PASSWORD_RESET)}"
    make_provider(organisation, password_sign_in=False)
    assert client.get(link).status_code == 403
    response = client.post(link, data={"password": "a brand new password", "confirm": "a brand new password",
                                       "csrf_token": csrf_token(client)})
    assert response.status_code == 403
    assert "signs you in through its own identity provider" in response.get_data(as_text=True)
    old_hash = learner.password_hash
    db.session.refresh(learner)
    assert learner.password_hash == old_hash


def test_an_invitation_leads_to_the_provider(client, make_provider, organisation, create_user):
    invited = create_user(organisation=organisation, email="new@acme.example", password=None)
    make_provider(organisation, password_sign_in=False)
    link = f"/invitation/{tokens.make_token(invited, tokens.INVITATION)}"
    token = csrf_token(client)
    for response in (client.get(link), client.post(link, data={"password": "a brand new password",
                                                               "confirm": "a brand new password",
                                                               "csrf_token": token})):
        assert response.status_code == 303
        assert response.headers["Location"] == "/sso/start?email=new@acme.example"
    db.session.refresh(invited)
    assert invited.password_hash is None


def test_administrators_and_other_organisations_people_keep_their_passwords(client, auth, make_provider,
                                                                           organisation, create_user,
                                                                           create_organisation):
    make_provider(organisation, password_sign_in=False)
    boss = create_user(Role.ADMIN, email="boss@acme.example")
    other = create_user(organisation=create_organisation("Other AG"), email="pat@acme.example")
    outside = create_user(organisation=organisation, email="sam@private.example")
    for person in (boss, other, outside):
        assert auth.login(person.email, PASSWORD).status_code == 302, person.email
        auth.logout()
    client.post("/reset-password", data={"email": boss.email, "csrf_token": csrf_token(client)})
    assert [message.recipient_address for message in outbox_messages()] == [boss.email]
