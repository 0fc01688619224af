"""Signing in through the organisation's identity provider in a real browser: the real oidc-provider, and back."""
import re

import requests
from playwright.sync_api import expect

from course.extensions import db
from course.sso.models import IdentityProvider, SsoDomain
from course.sso.secret_box import encrypt_secret
from tests.sso.conftest import oidc_provider  # noqa: F401  (the provider of the sign-in tests, a fixture here too)


def test_a_person_of_the_domain_signs_in_at_the_provider_and_lands_where_they_wanted(
        app, browsing, live_server, oidc_provider, organisation, learner):  # noqa: F811
    app.config["SSO_ALLOW_INSECURE_LOCALHOST"] = True
    registered = requests.post(f"{oidc_provider.issuer}/reg", timeout=10, json={
        "redirect_uris": [f"{live_server}/sso/callback"], "grant_types": ["authorization_code"],
        "response_types": ["code"], "token_endpoint_auth_method": "client_secret_basic"})
    assert registered.status_code == 201, registered.text
    client = registered.json()
    provider = IdentityProvider(organisation=organisation, issuer=oidc_provider.issuer, client_id=client["client_id"],
                                client_secret_encrypted=encrypt_secret(client["client_secret"]))
    provider.domains = [SsoDomain(name="acme.example")]
    db.session.add(provider)
    db.session.commit()
    oidc_provider.add_account(learner.email, name="Sam at the provider")

    page = browsing.new_page()
    page.goto("/profile")
    page.get_by_label("E-mail address").fill(learner.email)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/profile$"))
    expect(page.get_by_role("button", name="Sign out", exact=True)).to_be_visible()
