"""The account itself: profile, organisations, sign-ins, messages, calendar links, reminders and the audit log."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.audit.models import AuditEvent
from course.auth.models import LoginSession
from course.calendars.models import CalendarLink
from course.extensions import db
from course.mail.models import OutboxMessage
from course.privacy.exporters import Row, exporter, fields
from course.reminders.models import Reminder
from course.sso.models import IdentityProvider, SsoLink


@exporter("profile", _l("Profile"), "trainer_organisations.user_id")
def profile(user: User) -> list[Row]:
    row = fields(user, ("name", "email", "role", "track", "language", "active", "shares_progress", "works_council_member", "created_at",
                        "last_seen_at"))
    row["organisation"] = user.organisation.name if user.organisation else None
    row["trained_organisations"] = [organisation.name for organisation in user.trained_organisations]
    return [row]


@exporter("sign_ins", _l("Sign-ins"), "login_sessions.user_id")
def sign_ins(user: User) -> list[Row]:
    statement = sa.select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.created_at)
    return [fields(record, ("browser", "created_at", "last_used_at")) for record in db.session.scalars(statement)]


@exporter("single_sign_on", _l("Sign-in through your organisation"), "sso_links.user_id")
def single_sign_on(user: User) -> list[Row]:
    statement = (sa.select(SsoLink, IdentityProvider.issuer).join(IdentityProvider)
                 .where(SsoLink.user_id == user.id).order_by(SsoLink.id))
    return [{"issuer": issuer, **fields(link, ("subject", "created_at", "last_used_at"))}
            for link, issuer in db.session.execute(statement)]


@exporter("notifications", _l("Messages to you"), "outbox_messages.recipient_id")
def notifications(user: User) -> list[Row]:
    statement = sa.select(OutboxMessage).where(OutboxMessage.recipient_id == user.id).order_by(OutboxMessage.id)
    rows = []
    for message in db.session.scalars(statement):
        row = fields(message, ("created_at", "recipient_address", "subject", "status", "sent_at", "read_at"))
        # A secret link (invitation, password reset) must not travel in a file that may be copied around.
        row["body"] = str(_l("(held a secret link; left out)")) if message.is_secret else message.body
        rows.append(row)
    return rows


@exporter("calendar_links", _l("Calendar links"), "calendar_links.user_id")
def calendar_links(user: User) -> list[Row]:
    statement = sa.select(CalendarLink).where(CalendarLink.user_id == user.id).order_by(CalendarLink.id)
    return [fields(link, ("created_at", "revoked_at")) for link in db.session.scalars(statement)]


@exporter("reminders", _l("Reminders you were sent"), "reminders.user_id")
def reminders(user: User) -> list[Row]:
    statement = sa.select(Reminder).where(Reminder.user_id == user.id).order_by(Reminder.sent_at)
    return [fields(reminder, ("sent_at", "reasons")) for reminder in db.session.scalars(statement)]


@exporter("audit_log", _l("The audit log about you"), "audit_events.actor_id", "audit_events.subject_id")
def audit_log(user: User) -> list[Row]:
    statement = (sa.select(AuditEvent)
                 .where(sa.or_(AuditEvent.actor_id == user.id, AuditEvent.subject_id == user.id))
                 .order_by(AuditEvent.created_at, AuditEvent.id))
    return [{**fields(event, ("created_at", "action", "detail")),
             "by_you": event.actor_id == user.id, "about_you": event.subject_id == user.id}
            for event in db.session.scalars(statement)]
