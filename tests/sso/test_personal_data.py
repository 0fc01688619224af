"""Single sign-on and the person's data: the provider is a processor, the link is in the download and goes with the
account."""
import io
import json
import zipfile

import sqlalchemy as sa

from course.accounts.models import Role
from course.extensions import db
from course.sso.models import SsoLink
from tests.conftest import PASSWORD, csrf_token


def _link(learner, provider) -> SsoLink:
    link = SsoLink(user=learner, provider_id=provider.id, subject="acme-4711")
    db.session.add(link)
    db.session.commit()
    return link


def test_the_identity_provider_is_named_on_the_data_protection_page(client, auth, create_user, organisation,
                                                                     sso_provider):
    admin = create_user(Role.ADMIN, email="ada@example.org")
    auth.login(admin.email)
    page = client.get(f"/organisations/{organisation.id}/data-protection").get_data(as_text=True)
    assert "127.0.0.1" in page  # the test provider's host
    assert "Signs the organisation&#39;s people in (OpenID Connect)" in page


def test_the_link_is_in_the_download(client, auth, learner, sso_provider):
    _link(learner, sso_provider)
    auth.login(learner.email)
    response = client.post("/me/data", data={"csrf_token": csrf_token(client, "/me/data")})
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("data.json"))["data"]
    (link,) = data["single_sign_on"]
    assert (link["issuer"], link["subject"]) == (sso_provider.issuer, "acme-4711")


def test_deleting_the_account_removes_the_link(client, auth, learner, sso_provider):
    _link(learner, sso_provider)
    auth.login(learner.email)
    response = client.post("/me/delete", data={"csrf_token": csrf_token(client, "/me/delete"), "password": PASSWORD,
                                               "confirm": "y"})
    assert response.status_code == 302
    assert db.session.scalars(sa.select(SsoLink)).all() == []


def test_a_person_who_signs_in_only_through_the_provider_deletes_by_typing_the_address(client, auth, learner,
                                                                                       sso_provider, sign_in):
    learner.password_hash = None  # invited, never chose a password: the provider signs them in
    db.session.commit()
    sign_in.provider.add_account(learner.email)
    sign_in(learner.email)
    page = client.get("/me/delete").get_data(as_text=True)
    assert "Type your e-mail address to confirm" in page and 'name="password"' not in page
    response = client.post("/me/delete", data={"csrf_token": csrf_token(client, "/me/delete"),
                                               "typed_email": learner.email, "confirm": "y"})
    assert response.status_code == 302
    db.session.refresh(learner)
    assert learner.deleted_at is not None
