"""The staff page: every trainer and administrator with their organisations, and the recent changes."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased, selectinload

from course.accounts.models import Organisation, Role, User
from course.audit.models import AuditEvent
from course.extensions import db

# What each staff change is called on the page.
CHANGE_LABELS = {"staff.invited": _l("invited"), "staff.invitation_resent": _l("invitation sent again"),
                 "staff.organisation_added": _l("now also trains this organisation"),
                 "staff.deactivated": _l("deactivated"), "staff.reactivated": _l("reactivated")}


@dataclass(frozen=True)
class Change:
    """One change of the staff, as the log keeps it."""

    event: AuditEvent
    actor: str
    subject: str
    organisation: str

    @property
    def label(self) -> str:
        return str(CHANGE_LABELS.get(self.event.action, self.event.action))


@dataclass(frozen=True)
class StaffPage:
    admins: list[User]
    trainers: list[User]
    organisations: list[Organisation]
    changes: list[Change]


def staff_page(changes: int = 20) -> StaffPage:
    """In three statements: the staff with the organisations they train, every organisation, the latest changes."""
    people = db.session.scalars(
        sa.select(User).where(User.role.in_((Role.ADMIN, Role.TRAINER)))
        .options(selectinload(User.trained_organisations)).order_by(User.name)).all()
    organisations = db.session.scalars(sa.select(Organisation).order_by(Organisation.name)).all()
    return StaffPage(
        admins=[user for user in people if user.role == Role.ADMIN],
        trainers=[user for user in people if user.role == Role.TRAINER],
        organisations=list(organisations),
        changes=_changes(changes),
    )


def _changes(limit: int) -> list[Change]:
    actor, subject = aliased(User), aliased(User)
    rows = db.session.execute(
        sa.select(AuditEvent, actor.name, subject.name, Organisation.name)
        .outerjoin(actor, actor.id == AuditEvent.actor_id).outerjoin(subject, subject.id == AuditEvent.subject_id)
        .outerjoin(Organisation, Organisation.id == AuditEvent.organisation_id)
        .where(AuditEvent.action.startswith("staff.")).order_by(AuditEvent.id.desc()).limit(limit))
    return [Change(event, actor_name or "", subject_name or "", organisation or "")
            for event, actor_name, subject_name, organisation in rows]


def get_staff_or_404(user_id: int) -> User:
    """A trainer or administrator; 404 for anyone else, so ids say nothing about learners."""
    user = db.session.get(User, user_id)
    if user is None or user.role not in (Role.ADMIN, Role.TRAINER):
        abort(404)
    return user
