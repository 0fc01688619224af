"""Writing the audit log. Functions flush; callers commit."""
from course.accounts.models import User
from course.audit.models import AuditEvent
from course.extensions import db


def record_access(actor: User, action: str, subject_id: int | None, detail: str = "") -> None:
    """Note that ``actor`` did ``action`` on the data of user ``subject_id`` (nothing when it was their own)."""
    if subject_id == actor.id:
        return
    db.session.add(AuditEvent(actor_id=actor.id, subject_id=subject_id, action=action, detail=detail[:300]))
    db.session.flush()
