"""Who may do what: role checks and organisation scoping shared by every view.

Views never filter by organisation by hand; they go through these helpers so a
person can never reach another organisation's rows.
"""
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

import sqlalchemy as sa
from flask import abort
from flask_login import current_user, login_required

from course.accounts.models import Organisation, Role, User, trainer_organisations
from course.extensions import db

T = TypeVar("T")


def role_required(*roles: Role) -> Callable:
    """Allow signed-in users with one of ``roles``; others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(Role.TRAINER, Role.ADMIN)
admin_required = role_required(Role.ADMIN)


def organisation_ids_for(user: User) -> sa.Select | None:
    """A subquery of the organisation ids ``user`` may see; None means all (admins)."""
    if user.role == Role.ADMIN:
        return None
    if user.role == Role.TRAINER:
        return sa.select(trainer_organisations.c.organisation_id).where(
            trainer_organisations.c.user_id == user.id
        )
    return sa.select(sa.literal(user.organisation_id))


def scope_to_organisations(statement: sa.Select, column, user: User) -> sa.Select:
    """Restrict ``statement`` to rows whose ``column`` is one of the user's organisations."""
    allowed = organisation_ids_for(user)
    return statement if allowed is None else statement.where(column.in_(allowed))


def get_scoped_or_404(user: User, model: type[T], object_id: int, organisation_column) -> T:
    """Row ``object_id`` of ``model`` if its ``organisation_column`` is one of the user's
    organisations; 404 otherwise, so ids reveal nothing."""
    # Every model passed here has an integer primary key named id; a TypeVar cannot say "a mapped class with id".
    statement = sa.select(model).where(model.id == object_id)  # type: ignore[attr-defined]
    row = db.session.scalar(scope_to_organisations(statement, organisation_column, user))
    if row is None:
        abort(404)
    return row


def get_organisation_or_404(user: User, organisation_id: int) -> Organisation:
    """The organisation if ``user`` may see it; 404 otherwise."""
    return get_scoped_or_404(user, Organisation, organisation_id, Organisation.id)
