"""Writing the audit log, and who reads it. Functions flush; callers commit."""
from flask_babel import gettext as _

from course.accounts.models import Organisation, Role, User
from course.accounts.services import find_user_by_email
from course.audit.models import AuditEvent
from course.extensions import db


class MembershipError(ValueError):
    """Why a person cannot be made a works-council member; the message is for the administrator."""


def record(actor: User | None, action: str, *, organisation_id: int | None, subject: User | None = None,
           detail: str = "") -> None:
    """Note that ``actor`` (None: the worker) did ``action`` in ``organisation_id``, on ``subject``'s data if any."""
    db.session.add(AuditEvent(
        organisation_id=organisation_id, actor_id=actor.id if actor is not None else None,
        subject_id=subject.id if subject is not None else None, action=action, detail=detail[:300],
    ))
    db.session.flush()


def shown(value) -> str:
    """A setting's value as an audit row's detail writes it: none, on/off, group=track pairs, or the value."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return ", ".join(f"{group}={track}" for group, track in value) or "none"
    return str(value)


def record_access(actor: User, action: str, subject: User, detail: str = "") -> None:
    """Note that ``actor`` read or exported ``subject``'s data (nothing when it was their own)."""
    if subject.id == actor.id:
        return
    record(actor, action, organisation_id=subject.organisation_id, subject=subject, detail=detail)


def add_member(organisation: Organisation, actor: User | None, email: str) -> User:
    """Make the person with ``email`` a member of the organisation's works council."""
    user = find_user_by_email(email)
    if user is None or user.role != Role.LEARNER or user.organisation_id != organisation.id:
        raise MembershipError(_("No one in %(organisation)s has an account with the address %(email)s.",
                                organisation=organisation.name, email=email.strip()))
    if user.works_council_member:
        raise MembershipError(_("%(name)s is a member already.", name=user.name))
    user.works_council_member = True
    record(actor, "works_council.member_added", organisation_id=organisation.id, subject=user)
    return user


def remove_member(organisation: Organisation, actor: User, user: User) -> None:
    user.works_council_member = False
    record(actor, "works_council.member_removed", organisation_id=organisation.id, subject=user)
