"""Retention: the personal data of learners whose cohort closed more than the organisation's months ago goes.

A learner is in at most one cohort; once it is closed and the organisation's ``retention_months`` have passed,
their data is deleted as if they had asked (``course.privacy.deletion``). Each run is audited per organisation.
"""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from course.accounts.models import Organisation, Role, User
from course.audit.services import record
from course.cohorts.models import Cohort, CohortMember
from course.extensions import db
from course.privacy.deletion import delete_personal_data


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day where it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    return moment.replace(year=year, month=month + 1, day=min(moment.day, monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Due:
    """A learner whose data the next run deletes, and why."""

    user: User
    organisation: Organisation
    cohort: Cohort


def due_for_deletion(now: datetime, organisation: Organisation | None = None) -> list[Due]:
    """The learners whose cohort closed more than their organisation's retention months before ``now``."""
    statement = (
        sa.select(User, Organisation, Cohort)
        .join(CohortMember, CohortMember.user_id == User.id)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .join(Organisation, Organisation.id == Cohort.organisation_id)
        .where(User.role == Role.LEARNER, User.deleted_at.is_(None), Organisation.retention_months.is_not(None),
               Cohort.closed_at.is_not(None))
        .order_by(Organisation.name, Cohort.name, User.id)
    )
    if organisation is not None:
        statement = statement.where(Organisation.id == organisation.id)
    return [Due(user, owner, cohort) for user, owner, cohort in db.session.execute(statement)
            if owner.retention_months is not None and cohort.closed_at is not None
            and cohort.closed_at < months_before(now, owner.retention_months)]


def run_retention(now: datetime) -> int:
    """Delete the data of everyone due; audit the run in each organisation it touched; return how many."""
    counts: dict[int, int] = {}
    for entry in due_for_deletion(now):
        counts[entry.organisation.id] = counts.get(entry.organisation.id, 0) + 1
        delete_personal_data(entry.user, None, reason="retention")
    for organisation_id, count in counts.items():
        record(None, "privacy.retention_run", organisation_id=organisation_id, detail=f"{count} deleted")
    return sum(counts.values())
