"""Signing in through the organisation's identity provider in a real browser: the real oidc-provider, and back."""
import re

import requests
from playwright.sync_api import expect

from course.extensions import db
from course.sso.models import IdentityProvider, SsoDomain
from course.sso.secret_box import encrypt_secret
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import _violations, axe_source  # noqa: F401  (axe-core's script, a fixture here too)
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


def test_the_single_sign_on_pages_have_no_accessibility_violations(
        app, browsing, axe_source, admin, organisation, learner):  # noqa: F811
    provider = IdentityProvider(organisation=organisation, issuer="http://127.0.0.1:9", client_id="vernetzt",
                                client_secret_encrypted=encrypt_secret("secret"))
    provider.domains = [SsoDomain(name="acme.example")]
    db.session.add(provider)
    db.session.commit()
    app.config["SSO_ALLOW_INSECURE_LOCALHOST"] = True
    browsing.expect_status(503)
    page = browsing.new_page(bypass_csp=True)
    problems = {}
    page.goto("/login")
    problems["/login"] = _violations(page, axe_source)
    page.get_by_label("E-mail address").fill(learner.email)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("cannot be reached just now")).to_be_visible()  # nothing listens on port 9
    problems["provider down"] = _violations(page, axe_source)
    admin_page = browsing.new_page(bypass_csp=True)
    sign_in(admin_page, admin.email, PASSWORD)
    admin_page.goto(f"/organisations/{organisation.id}/sso")
    expect(admin_page.get_by_text("A client secret is stored.")).to_be_visible()
    problems["settings"] = _violations(admin_page, axe_source)
    assert {name: found for name, found in problems.items() if found} == {}
