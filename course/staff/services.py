"""Inviting, deactivating and reactivating trainers and administrators, each change in the audit log.

Functions flush; the view commits.
"""
from collections.abc import Callable

from flask_babel import gettext as _

from course.accounts.models import Organisation, Role, User
from course.accounts.services import (
    AccountError,
    create_user,
    deactivate_account,
    find_user_by_email,
    invite_user,
    reactivate_account,
)
from course.audit.services import record
from course.extensions import db


def invite_staff(actor: User, *, name: str, email: str, role: Role, organisation: Organisation | None,
                 language: str | None) -> tuple[User, bool]:
    """Invite a new trainer or administrator, or give an existing trainer one more organisation.

    Returns the account and whether an invitation went out."""
    if role == Role.TRAINER and organisation is None:
        raise AccountError(_("Choose the organisation the trainer trains."))
    existing = find_user_by_email(email)
    if existing is not None:
        return _add_organisation(actor, existing, role, organisation), False
    user = create_user(name=name, email=email, role=role, organisation=organisation, language=language or None)
    invite_user(user, actor)
    _record(actor, "staff.invited", user, detail=role.value)
    return user, True


def _add_organisation(actor: User, user: User, role: Role, organisation: Organisation | None) -> User:
    if user.role != Role.TRAINER or role != Role.TRAINER or organisation is None:
        raise AccountError(_("There is already an account for %(email)s.", email=user.email))
    if organisation in user.trained_organisations:
        raise AccountError(_("%(name)s already trains %(organisation)s.", name=user.name,
                             organisation=organisation.name))
    user.trained_organisations.append(organisation)
    db.session.flush()
    record(actor, "staff.organisation_added", organisation_id=organisation.id, subject=user)
    return user


def deactivate_staff(actor: User, user: User) -> None:
    """Stop a trainer or administrator from signing in; never oneself, so an active administrator always remains."""
    if user == actor:
        raise AccountError(_("You cannot deactivate your own account. Ask another administrator."))
    _change(actor, user, deactivate_account, "staff.deactivated")


def reactivate_staff(actor: User, user: User) -> None:
    _change(actor, user, reactivate_account, "staff.reactivated")


def resend_invitation(actor: User, user: User) -> None:
    if not user.active:
        raise AccountError(_("%(name)s is deactivated. Reactivate them first.", name=user.name))
    invite_user(user, actor)
    _record(actor, "staff.invitation_resent", user)


def _change(actor: User, user: User, change: Callable[[User], None], action: str) -> None:
    change(user)
    _record(actor, action, user)


def _record(actor: User, action: str, user: User, detail: str = "") -> None:
    """One row in the log of every organisation the person trains; an administrator's in the site's log."""
    organisations = user.trained_organisations if user.role == Role.TRAINER else []
    organisation_ids: list[int | None] = [o.id for o in organisations] or [None]
    for organisation_id in organisation_ids:
        record(actor, action, organisation_id=organisation_id, subject=user, detail=detail)

