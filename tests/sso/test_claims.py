"""Which claims stand for which person, with no provider running: the rules of course.sso.services."""
import pytest

from course.accounts.models import Role
from course.extensions import db
from course.sso.models import IdentityProvider, SsoDomain
from course.sso.secret_box import encrypt_secret
from course.sso.services import SignInRefused, normalise_address, person_for_claims, provider_for_sign_in


def _provider(organisation, issuer: str) -> IdentityProvider:
    provider = IdentityProvider(organisation=organisation, issuer=issuer, client_id="vernetzt",
                                client_secret_encrypted=encrypt_secret("secret"))
    provider.domains = [SsoDomain(name="acme.example")]
    db.session.add(provider)
    db.session.commit()
    return provider


def test_addresses_are_compared_lower_cased_without_a_final_dot():
    assert normalise_address("  Sam@ACME.Example. ") == "sam@acme.example"


def test_entras_verified_domain_claim_counts_only_from_entra(organisation, learner):
    claims = {"sub": "s1", "email": learner.email, "xms_edov": True}
    entra = _provider(organisation, "https://login.microsoftonline.com/0000-tenant/v2.0")
    assert person_for_claims(entra, claims) == learner
    entra.issuer = "https://login.example.com/realms/staff"
    with pytest.raises(SignInRefused, match="not verified"):
        person_for_claims(entra, {**claims, "sub": "s2", "email": "other@acme.example"})


def test_an_explicit_email_verified_false_is_not_outvoted(organisation, learner):
    entra = _provider(organisation, "https://login.microsoftonline.com/0000-tenant/v2.0")
    with pytest.raises(SignInRefused, match="not verified"):
        person_for_claims(entra, {"sub": "s1", "email": learner.email, "email_verified": False, "xms_edov": True})


def test_the_sign_in_page_sends_no_administrator_to_the_provider(organisation, create_user):
    _provider(organisation, "https://login.example.com/realms/staff")
    create_user(Role.ADMIN, email="boss@acme.example")
    assert provider_for_sign_in("boss@acme.example") is None
    assert provider_for_sign_in("Nobody@Acme.Example") is not None
    assert provider_for_sign_in("sam@elsewhere.example") is None
