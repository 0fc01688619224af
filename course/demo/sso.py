"""Single sign-on in the demo: the organisation's identity provider filled in, for domains no demo login uses, so
every demo person still signs in with the demo password."""
from course.accounts.models import Organisation
from course.extensions import db
from course.sso.models import IdentityProvider, Provisioning, SsoDomain
from course.sso.secret_box import encrypt_secret
from course.sso.settings import provider_of

DEMO_ISSUER = "https://login.example.com/realms/demo"
DEMO_DOMAINS = ("demo-sso.example",)


def seed_demo_sso(organisation: Organisation) -> None:
    """Fill in the demo organisation's single sign-on page once, with password sign-in still allowed."""
    if provider_of(organisation) is not None:
        return
    provider = IdentityProvider(
        organisation=organisation, issuer=DEMO_ISSUER, client_id="vernetzt-demo",
        client_secret_encrypted=encrypt_secret("demo-client-secret"), password_sign_in=True,
        provisioning=Provisioning.INVITE, group_claim="groups",
        group_tracks=[["vernetzt-leadership", "leadership"], ["vernetzt-staff", "staff"]])
    provider.domains = [SsoDomain(name=name) for name in DEMO_DOMAINS]
    db.session.add(provider)
    db.session.flush()
