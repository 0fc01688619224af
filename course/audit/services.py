"""Writing the audit log. Functions flush; callers commit."""
from course.accounts.models import User
from course.audit.models import AuditEvent
from course.extensions import db


def record(actor: User | None, action: str, *, organisation_id: int | None, subject: User | None = None,
           detail: str = "") -> None:
    """Note that ``actor`` (None: the worker) did ``action`` in ``organisation_id``, on ``subject``'s data if any."""
    db.session.add(AuditEvent(
        organisation_id=organisation_id, actor_id=actor.id if actor is not None else None,
        subject_id=subject.id if subject is not None else None, action=action, detail=detail[:300],
    ))
    db.session.flush()


def record_access(actor: User, action: str, subject: User, detail: str = "") -> None:
    """Note that ``actor`` read or exported ``subject``'s data (nothing when it was their own)."""
    if subject.id == actor.id:
        return
    record(actor, action, organisation_id=subject.organisation_id, subject=subject, detail=detail)
