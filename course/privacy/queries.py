"""Read side of data protection: whether a person may delete their account now."""
import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import Role, User
from course.extensions import db


def deletion_refusal(user: User) -> str | None:
    """Why ``user`` cannot delete their account now (None: they can): the site must keep an administrator."""
    if user.role != Role.ADMIN:
        return None
    others = db.session.scalar(sa.select(sa.func.count(User.id)).where(
        User.role == Role.ADMIN, User.active.is_(True), User.id != user.id))
    if others:
        return None
    return _("You are the only active administrator. Invite another administrator on the Team page first, "
             "so that someone can still run Vernetzt.")
