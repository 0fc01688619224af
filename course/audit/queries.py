"""Reading an organisation's audit log: a page of it, filtered, or all of it for the export."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import aliased

from course.accounts.models import Organisation, Role, User
from course.audit.labels import action_label
from course.audit.models import AuditEvent
from course.extensions import db
from course.permissions import get_organisation_or_404

PAGE_SIZE = 50


def may_read_log(user: User, organisation: Organisation) -> bool:
    """Administrators, and the members of the organisation's works council."""
    return user.role == Role.ADMIN or (user.works_council_member and user.organisation_id == organisation.id)


def get_readable_organisation_or_404(user: User, organisation_id: int) -> Organisation:
    """The organisation whose log ``user`` may read: 404 if they may not see it, 403 if they may not read its log."""
    organisation = get_organisation_or_404(user, organisation_id)
    if not may_read_log(user, organisation):
        abort(403)
    return organisation


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the log to; empty values mean everything."""

    action: str = ""
    since: date | None = None
    until: date | None = None

    def arguments(self) -> dict:
        """The filters as query arguments, for the pager and the export link."""
        values = {"action": self.action, "since": self.since and self.since.isoformat(),
                  "until": self.until and self.until.isoformat()}
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class Entry:
    """One row of the log as people read it."""

    event: AuditEvent
    actor: str
    subject: str

    @property
    def label(self) -> str:
        return action_label(self.event.action)


def _statement(organisation: Organisation, filters: Filters) -> sa.Select:
    actor, subject = aliased(User), aliased(User)
    statement = (
        sa.select(AuditEvent, actor.name, subject.name)
        .outerjoin(actor, actor.id == AuditEvent.actor_id).outerjoin(subject, subject.id == AuditEvent.subject_id)
        .where(AuditEvent.organisation_id == organisation.id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    )
    if filters.action:
        statement = statement.where(AuditEvent.action == filters.action)
    if filters.since:
        statement = statement.where(AuditEvent.created_at >= datetime.combine(filters.since, time(), UTC))
    if filters.until:
        statement = statement.where(
            AuditEvent.created_at < datetime.combine(filters.until + timedelta(days=1), time(), UTC))
    return statement


def _entry(row) -> Entry:
    event, actor_name, subject_name = row
    return Entry(event, actor_name or "", subject_name or "")


@dataclass(frozen=True)
class LogPage:
    """One page of entries with what the pager needs."""

    entries: list[Entry]
    page: int
    pages: int
    total: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def log_page(organisation: Organisation, filters: Filters, page: int) -> LogPage:
    """Page ``page`` (from 1) of the filtered log, newest first, in two statements."""
    statement = _statement(organisation, filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(statement.order_by(None).subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = db.session.execute(statement.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    return LogPage([_entry(row) for row in rows], page, pages, total)


def all_entries(organisation: Organisation, filters: Filters) -> Iterator[Entry]:
    """Every entry of the filtered log, newest first, streamed for the export."""
    for row in db.session.execute(_statement(organisation, filters).execution_options(yield_per=500)):
        yield _entry(row)


def actions_in_log(organisation: Organisation) -> list[str]:
    """The kinds of row this organisation's log holds, for the filter."""
    return list(db.session.scalars(sa.select(AuditEvent.action).distinct()
                                   .where(AuditEvent.organisation_id == organisation.id)
                                   .order_by(AuditEvent.action)))


def works_council(organisation: Organisation) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.organisation_id == organisation.id,
                                                         User.works_council_member).order_by(User.name)))
