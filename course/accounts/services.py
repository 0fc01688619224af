"""Creating, inviting and updating accounts. Functions flush; callers commit."""
import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.accounts import tokens
from course.accounts.models import Organisation, Role, Track, User
from course.accounts.passwords import hash_password, needs_rehash, verify_password
from course.auth.sessions import end_sessions
from course.extensions import db
from course.links import external_url
from course.mail.services import Mail, compose_mail, send_mails


class AccountError(ValueError):
    """A request that cannot be carried out; the message is safe to show."""


def normalise_email(email: str) -> str:
    """The form in which e-mail addresses are stored and compared."""
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    """The user with this address, whatever its case, or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def find_organisation(name: str) -> Organisation | None:
    """The organisation with exactly this name, or None."""
    return db.session.scalar(sa.select(Organisation).where(Organisation.name == name))


def create_organisation(name: str) -> Organisation:
    """Create an organisation; its name must be new."""
    name = name.strip()
    if find_organisation(name) is not None:
        raise AccountError(_("An organisation called “%(name)s” already exists.", name=name))
    organisation = Organisation(name=name)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def create_user(
    *,
    name: str,
    email: str,
    role: Role,
    organisation: Organisation | None = None,
    track: Track | None = None,
    password: str | None = None,
    language: str | None = None,
) -> User:
    """Create an account. Learners need an organisation and a track; a trainer's
    organisation is attached to the organisations they train. Without a password
    the account is invited: it signs in once its owner has set one."""
    if find_user_by_email(email) is not None:
        raise AccountError(_("There is already an account for %(email)s.", email=email.strip()))
    if role == Role.LEARNER and (organisation is None or track is None):
        raise AccountError(_("A learner needs an organisation and a track."))
    user = User(
        name=name.strip(),
        email=normalise_email(email),
        role=role,
        track=track if role == Role.LEARNER else None,
        organisation=organisation if role == Role.LEARNER else None,
        language=language,
        password_hash=hash_password(password) if password else None,
    )
    if role == Role.TRAINER and organisation is not None:
        user.trained_organisations.append(organisation)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Upgrades an old hash.

    Every call verifies one Argon2id hash, a stand-in one when the address has no
    usable account, so unknown, deactivated and invited addresses answer as slowly
    as known ones."""
    user = find_user_by_email(email)
    account = user if user is not None and user.active else None
    password_hash = account.password_hash if account is not None else None
    if not verify_password(password_hash, password) or account is None or password_hash is None:
        return None
    if needs_rehash(password_hash):
        account.password_hash = hash_password(password)
    return account


def set_password(user: User, password: str) -> None:
    """Set a new password and sign out every other session of the user; links sent before stop working."""
    user.password_hash = hash_password(password)
    user.rotate_session_token()
    end_sessions(user, keep_this_one=True)
    db.session.flush()


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password after checking the current one."""
    if not verify_password(user.password_hash, current_password):
        raise AccountError(_("Your current password is not correct."))
    set_password(user, new_password)


def update_profile(user: User, *, name: str, language: str | None) -> None:
    """Change the name and preferred language (None: follow the browser)."""
    user.name = name.strip()
    user.language = language or None
    db.session.flush()


def set_language(user: User, language: str) -> None:
    """Remember the language the user switched to."""
    user.language = language
    db.session.flush()


def send_password_reset(email: str) -> None:
    """Mail a reset link if an active account has this address; say nothing otherwise,
    so the form does not reveal who has an account."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    link = external_url("auth.reset_password", token=tokens.make_token(user, tokens.PASSWORD_RESET))
    send_mails([compose_mail(user, _l("Reset your Vernetzt password"), "mail/password_reset.txt", is_secret=True,
                             link=link)])


def _invitation_link(user: User) -> str:
    if user.deleted_at is not None:
        raise AccountError(_("This person deleted their account."))
    if not user.is_invited:
        raise AccountError(_("%(email)s has already set a password.", email=user.email))
    return external_url("auth.accept_invitation", token=tokens.make_token(user, tokens.INVITATION))


def invitation_mail(user: User, invited_by: User | None = None, *, link: str | None = None) -> Mail:
    """The invitation for an account that has no password yet, with ``link`` or a fresh signed one."""
    return compose_mail(
        user,
        _l("You are invited to Vernetzt"),
        "mail/invitation.txt",
        link=link or _invitation_link(user),
        invited_by=invited_by,
        days=current_app.config["INVITATION_MAX_AGE"] // 86400,
        is_secret=True,
    )


def invite_user(user: User, invited_by: User | None = None) -> str:
    """Mail an invitation link to an account that has no password yet; return the link."""
    link = _invitation_link(user)
    send_mails([invitation_mail(user, invited_by, link=link)])
    return link


def deactivate_account(user: User) -> None:
    """Stop ``user`` from signing in, signing out every session and making every link sent to them useless."""
    if not user.active:
        raise AccountError(_("%(name)s is already deactivated.", name=user.name))
    user.active = False
    user.rotate_session_token()
    end_sessions(user)
    db.session.flush()


def reactivate_account(user: User) -> None:
    """Let a deactivated account sign in again; a deleted one stays deleted."""
    if user.deleted_at is not None:
        raise AccountError(_("This person deleted their account."))
    if user.active:
        raise AccountError(_("%(name)s is already active.", name=user.name))
    user.active = True
    db.session.flush()
