"""Who signs in through which provider, and the person a provider's answer stands for. Functions flush."""
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import SIGNS_IN_BY_PROVIDER, Role, Track, User
from course.accounts.services import create_user, find_user_by_email
from course.audit.services import record
from course.cohorts.models import Cohort, CohortMember
from course.database import utcnow
from course.extensions import db
from course.sso.models import IdentityProvider, Provisioning, SsoDomain, SsoLink

ENTRA_HOST = "login.microsoftonline.com"


class SignInRefused(Exception):
    """The provider vouched for someone Vernetzt does not let in; the message is safe to show them."""


def normalise_address(email: str) -> str:
    """An address as accounts store it, with a trailing dot of its domain dropped."""
    local, _sep, domain = email.strip().lower().rpartition("@")
    return f"{local}@{domain.rstrip('.')}"


def domain_of(email: str) -> str:
    return normalise_address(email).rpartition("@")[2]


def provider_for_domain(domain: str) -> IdentityProvider | None:
    """The provider that covers e-mail ``domain``, if any."""
    return db.session.scalar(sa.select(IdentityProvider).join(SsoDomain).where(SsoDomain.name == domain))


def is_offered() -> bool:
    """Whether any organisation signs its people in through an identity provider."""
    return db.session.scalar(sa.select(sa.exists().where(SsoDomain.name.is_not(None)))) or False


def belongs_to(user: User, provider: IdentityProvider) -> bool:
    """Whether ``user`` is one of the provider's organisation's people it may sign in: a learner or a trainer of
    it; never an administrator, never someone of another organisation."""
    if user.role == Role.LEARNER:
        return user.organisation_id == provider.organisation_id
    if user.role == Role.TRAINER:
        return any(organisation.id == provider.organisation_id for organisation in user.trained_organisations)
    return False


def provider_of_person(user: User) -> IdentityProvider | None:
    """The provider that signs ``user`` in: the one covering their address, if they belong to its organisation."""
    provider = provider_for_domain(domain_of(user.email))
    return provider if provider is not None and belongs_to(user, provider) else None


def provider_for_sign_in(email: str) -> IdentityProvider | None:
    """The provider the sign-in page sends ``email`` to: its domain's, unless the address is an account that does
    not belong to that organisation (an administrator, someone of another organisation), who signs in by password."""
    provider = provider_for_domain(domain_of(email))
    if provider is None:
        return None
    user = find_user_by_email(email)
    return provider if user is None or belongs_to(user, provider) else None


def password_refused(user: User) -> bool:
    """Whether ``user``'s organisation has switched password sign-in off for them."""
    provider = provider_of_person(user)
    return provider is not None and not provider.password_sign_in


def _claimed_address(provider: IdentityProvider, claims: dict) -> str:
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise SignInRefused(_("Your identity provider did not tell Vernetzt your e-mail address."))
    if claims.get("email_verified") is not True and not _is_entra_verified(provider, claims):
        raise SignInRefused(_("Your identity provider has not verified your e-mail address, so Vernetzt cannot "
                              "sign you in with it. Please ask your IT department."))
    address = normalise_address(email)
    if domain_of(address) not in provider.domain_names:
        raise SignInRefused(_("Your address %(email)s is not one of the domains your organisation signs in with "
                              "here.", email=address))
    return address


def _is_entra_verified(provider: IdentityProvider, claims: dict) -> bool:
    # Entra ID sends no email_verified; its optional claim xms_edov says the address's domain is verified by the
    # tenant. Believed only from Entra's own issuer.
    return urlsplit(provider.issuer).hostname == ENTRA_HOST and "email_verified" not in claims and \
        claims.get("xms_edov") in (True, "true", "1", 1)


def _check_may_sign_in(user: User, provider: IdentityProvider) -> None:
    if not user.active:
        raise SignInRefused(_("Your account is deactivated. Please ask your trainer."))
    if not belongs_to(user, provider):
        raise SignInRefused(_("This account cannot sign in through your organisation's identity provider. "
                              "Please sign in with your password."))


def _link(user: User, provider: IdentityProvider, subject: str) -> None:
    if db.session.scalar(sa.select(SsoLink).where(SsoLink.provider_id == provider.id,
                                                  SsoLink.user_id == user.id)) is not None:
        # Another account at the provider already stands for this person: an address alone takes over nothing.
        raise SignInRefused(_("Your Vernetzt account is linked to another account at your identity provider. "
                              "Please ask your trainer."))
    db.session.add(SsoLink(user=user, provider=provider, subject=subject))
    if user.password_hash is None:
        user.password_hash = SIGNS_IN_BY_PROVIDER
        user.rotate_session_token()  # the invitation link sent before stops working


def track_for(provider: IdentityProvider, claims: dict) -> Track | None:
    """The track a new person gets: the first mapped group they are in, else the provider's default track."""
    value = claims.get(provider.group_claim)
    groups = {value} if isinstance(value, str) else {str(group) for group in value or [] if isinstance(value, list)}
    for group, track in provider.group_tracks:
        if group in groups:
            return Track(track)
    return provider.default_track


def _provision(provider: IdentityProvider, address: str, claims: dict) -> User:
    cohort = db.session.get(Cohort, provider.cohort_id) if provider.cohort_id is not None else None
    if provider.provisioning != Provisioning.PROVISION or cohort is None or cohort.closed_at is not None:
        raise SignInRefused(_("There is no Vernetzt account for %(email)s yet. Please ask your trainer for an "
                              "invitation; then sign in here again.", email=address))
    track = track_for(provider, claims)
    if track is None:
        raise SignInRefused(_("Your groups at your identity provider do not include you in this course. Please "
                              "ask your trainer."))
    name = claims.get("name") if isinstance(claims.get("name"), str) and claims["name"].strip() else None
    user = create_user(name=(name or address.partition("@")[0])[:200], email=address, role=Role.LEARNER,
                       organisation=provider.organisation, track=track)
    db.session.add(CohortMember(cohort_id=cohort.id, user=user))
    record(None, "sso.provisioned", organisation_id=provider.organisation_id, subject=user,
           detail=f"cohort {cohort.id}, track {track.value}")
    return user


def person_for_claims(provider: IdentityProvider, claims: dict) -> User:
    """The account a validated ID token stands for, linking or creating it on the first sign-in; SignInRefused
    when the person may not sign in."""
    address = _claimed_address(provider, claims)
    subject = str(claims["sub"])
    link = db.session.scalar(sa.select(SsoLink).where(SsoLink.provider_id == provider.id,
                                                      SsoLink.subject == subject))
    if link is not None:
        _check_may_sign_in(link.user, provider)
        link.last_used_at = utcnow()
        db.session.flush()
        return link.user
    user = find_user_by_email(address)
    if user is None:
        user = _provision(provider, address, claims)
    _check_may_sign_in(user, provider)
    _link(user, provider, subject)
    db.session.flush()
    return user
