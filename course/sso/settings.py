"""Saving an organisation's single sign-on settings. Functions flush; the view commits."""
import sqlalchemy as sa

from course.accounts.models import Organisation, Track, User
from course.audit.services import record, shown
from course.extensions import db
from course.sso.fetching import forget_cache
from course.sso.forms import parse_domains, parse_group_tracks
from course.sso.models import IdentityProvider, Provisioning, SsoDomain, SsoLink
from course.sso.secret_box import encrypt_secret

# Compared and named in the audit row, in this order; the secret is only ever said to have changed.
SETTINGS = ("issuer", "client_id", "password_sign_in", "provisioning", "cohort_id", "group_claim", "group_tracks",
            "default_track")


def provider_of(organisation: Organisation) -> IdentityProvider | None:
    """The organisation's identity provider, if it has one."""
    return db.session.scalar(sa.select(IdentityProvider).where(IdentityProvider.organisation_id == organisation.id))


def _values(data: dict) -> dict:
    return {
        "issuer": data["issuer"].strip(),
        "client_id": data["client_id"].strip(),
        "password_sign_in": bool(data["password_sign_in"]),
        "provisioning": Provisioning(data["provisioning"]),
        "cohort_id": int(data["cohort_id"]) if data["cohort_id"] else None,
        "group_claim": (data["group_claim"] or "").strip() or "groups",
        "group_tracks": parse_group_tracks(data["group_tracks"]),
        "default_track": Track(data["default_track"]) if data["default_track"] else None,
    }


def save_settings(organisation: Organisation, actor: User, data: dict) -> list[str]:
    """Create or change the organisation's provider from the settings form's ``data``; the names of what changed.

    A new issuer or client id ends every link to the old one: a provider's subjects are its own per client."""
    provider = provider_of(organisation)
    values = _values(data)
    changes = []
    if provider is None:
        provider = IdentityProvider(organisation=organisation, client_secret_encrypted="")
        db.session.add(provider)
        changes.append("provider: created")
    for name in SETTINGS:
        old, new = getattr(provider, name, None), values[name]
        if old != new:
            setattr(provider, name, new)
            changes.append(f"{name}: {shown(new)}")
    if data["client_secret"]:
        provider.client_secret_encrypted = encrypt_secret(data["client_secret"])
        changes.append("client_secret: changed")
    domains = parse_domains(data["domains"])
    if domains != provider.domain_names:
        kept = [domain for domain in provider.domains if domain.name in domains]
        for domain in provider.domains:
            if domain.name not in domains:
                db.session.delete(domain)
        db.session.flush()
        kept_names = {domain.name for domain in kept}
        provider.domains = kept + [SsoDomain(name=name) for name in domains if name not in kept_names]
        changes.append(f"domains: {', '.join(domains)}")
    db.session.flush()
    if any(change.startswith(("issuer:", "client_id:")) for change in changes) and provider.id is not None:
        db.session.execute(sa.delete(SsoLink).where(SsoLink.provider_id == provider.id))
    if changes:
        record(actor, "sso.settings_changed", organisation_id=organisation.id, detail="; ".join(changes))
        forget_cache()
    return [change.partition(":")[0] for change in changes]



def remove_provider(organisation: Organisation, actor: User) -> bool:
    """End single sign-on for the organisation, its links with it; whether there was a provider to remove.

    People who signed in only through it set a password by "Forgot your password?"."""
    provider = provider_of(organisation)
    if provider is None:
        return False
    db.session.execute(sa.delete(SsoLink).where(SsoLink.provider_id == provider.id))
    db.session.delete(provider)
    record(actor, "sso.removed", organisation_id=organisation.id, detail=provider.issuer)
    forget_cache()
    return True
